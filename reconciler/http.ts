// The reconciler's HTTP side, a small fastify app: GET /healthz (200 `{"status":"ok"}` while it has a
// connection to the database, else 503 with the reason) and GET /metrics (reconciler/metrics.ts). It
// reads the live reconciler and shares no code with server/http: the two processes meet only on the wire.

import fastify, { type FastifyInstance } from 'fastify'
import { DEFAULT_HTTP, type HttpAddress } from './args.js'
import type { BfdSessions } from './bfd-sessions.js'
import type { ReconcilerLog } from './log.js'
import { reconcilerCounters, renderReconcilerMetrics, type ReconcilerCounters } from './metrics.js'
import type { DbSource } from './reconciler.js'

/** What the routes read. */
export interface ReconcilerHttpSource {
  /** The database side (the DbFollower): connection, lock, and a call after each change of them. */
  readonly db: Pick<DbSource, 'connected' | 'hasLock' | 'onChange'>
  readonly bfd: Pick<BfdSessions, 'countByState'>
  /** The database remote as given on the command line, named in the 503 reason. */
  readonly remote: string
  /** The counters to expose (default: this process's registry). */
  readonly counters?: ReconcilerCounters
}

/** A listening HTTP side. */
export interface StartedReconcilerHttp {
  /** Where it listens, `host:port` (the port the kernel chose when asked for 0). */
  readonly address: string
  close(): Promise<void>
}

/** A fastify app serving /healthz and /metrics of `source` (not listening: call listen, or inject in tests). */
export function buildReconcilerHttp(source: ReconcilerHttpSource): FastifyInstance {
  const counters = source.counters ?? reconcilerCounters
  const app = fastify({ logger: false })
  const reason = disconnectionReason(source)
  app.get('/healthz', async (_request, reply) => {
    if (source.db.connected) return { status: 'ok' }
    return reply.code(503).send({ status: 'not connected', reason: reason() })
  })
  app.get('/metrics', async (_request, reply) => {
    const text = renderReconcilerMetrics(counters, { connected: source.db.connected, hasLock: source.db.hasLock, bfdSessions: source.bfd.countByState() })
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(text)
  })
  return app
}

/**
 * Listens on `at`, or on DEFAULT_HTTP when `at` is undefined (not given). A given address that cannot be
 * bound rejects with a one-line Error; the default one is only logged (another reconciler may hold it),
 * and the result is then null, as for `at` null (`--http none`).
 */
export async function startReconcilerHttp(source: ReconcilerHttpSource, at: HttpAddress | null | undefined, log: ReconcilerLog): Promise<StartedReconcilerHttp | null> {
  if (at === null) return null
  const { host, port } = at ?? DEFAULT_HTTP
  const app = buildReconcilerHttp(source)
  try {
    await app.listen({ host, port })
  } catch (error) {
    await app.close()
    const message = `--http ${host}:${port}: ${error instanceof Error ? error.message : String(error)}`
    if (at !== undefined) throw new Error(message)
    log.warn('http', `${message}; serving no /healthz or /metrics (choose another with --http ADDR:PORT, or --http none)`)
    return null
  }
  const bound = app.server.address()
  const address = `${host.includes(':') ? `[${host}]` : host}:${typeof bound === 'object' && bound !== null ? bound.port : port}`
  log.info('http', `${address}: listening (/healthz, /metrics)`)
  return { address, close: () => app.close() }
}

/** A function giving why the database is not connected: never yet, or lost at some time (watched from now on). */
function disconnectionReason(source: ReconcilerHttpSource): () => string {
  let connected = source.db.connected
  let lostAt: Date | undefined
  source.db.onChange(() => {
    if (connected && !source.db.connected) lostAt = new Date()
    connected = source.db.connected
  })
  return () => lostAt === undefined
    ? `no connection to the database ${source.remote} yet (connecting)`
    : `connection to the database ${source.remote} lost at ${lostAt.toISOString()} (reconnecting)`
}
