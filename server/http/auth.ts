// Bearer-token guard for the HTTP routes that reach data (/jsonrpc, /ws, /metrics). Browsers cannot
// set headers on a WebSocket, so /ws also takes the token as `?token=`. Health checks and the
// page itself (which holds no data) stay open.

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

/** Fixed-length digests, so the comparison takes the same time whatever the lengths. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest()
}
