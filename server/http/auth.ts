// Guards of the HTTP routes that reach data (/jsonrpc, /ws, /metrics): the bearer token (browsers
// cannot set headers on a WebSocket, so /ws also takes it as `?token=`), and a same-origin check
// so that a web page from elsewhere cannot drive the database through a visitor's browser.
// Health checks and the page itself (which holds no data) stay open.

import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'

/** Paths that need the token when one is set. */
export const GUARDED_PATHS = ['/jsonrpc', '/ws', '/metrics'] as const

/** An onRequest hook answering 401 to guarded requests without `token`; null token: no hook needed. */
export function bearerGuard(token: string): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const expected = digest(token)
  return async (request, reply) => {
    const url = new URL(request.url, 'http://localhost')
    if (!(GUARDED_PATHS as readonly string[]).includes(url.pathname)) return
    const header = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1]
    const offered = header ?? (url.pathname === '/ws' ? url.searchParams.get('token') : null)
    if (offered !== null && timingSafeEqual(digest(offered), expected)) return
    await reply.code(401).header('www-authenticate', 'Bearer realm="switchyard"').send({ error: 'unauthorized' })
  }
}

/**
 * An onRequest hook answering 403 to /jsonrpc and /ws requests whose Origin (sent by browsers,
 * not by other clients) names another host than the request's Host: no cross-site writes.
 */
export async function sameOriginGuard(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const origin = request.headers.origin
  if (origin === undefined) return
  const path = new URL(request.url, 'http://localhost').pathname
  if (path !== '/jsonrpc' && path !== '/ws') return
  let host: string | undefined
  try {
    host = new URL(origin).host
  } catch {
    host = undefined
  }
  if (host !== undefined && host === request.headers.host) return
  await reply.code(403).send({ error: 'cross-origin request refused' })
}

/** Fixed-length digests, so the comparison takes the same time whatever the lengths. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest()
}
