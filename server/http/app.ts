// Builds the fastify app of the HTTP side: decorates it with the rpc backend, registers
// @fastify/websocket, the bearer guard and the plugins (health, metrics, JSON-RPC, WebSocket, page),
// and starts or stops listening. The plugins are adapters over server/rpc, nothing more.

import websocket from '@fastify/websocket'
import fastify, { type FastifyInstance } from 'fastify'
import type { Logger } from '../rpc/log.js'
import { bearerGuard, sameOriginGuard } from './auth.js'
import type { HttpBackend } from './backend.js'
import { healthRoutes } from './health.js'
import { jsonrpcRoute } from './jsonrpc-route.js'
import { metricsRoute } from './metrics-route.js'
import { pageRoutes } from './page-route.js'
import { wsRoute } from './ws-route.js'

/** Options of the HTTP side. */
export interface HttpOptions {
  /** Bearer token for /jsonrpc, /ws and /metrics (null: open). */
  readonly token?: string | null
  /** Largest request body or WebSocket frame, in bytes (default 64 MiB, the stream's default). */
  readonly maxMessageBytes?: number
}

const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024

/** A fastify app serving `backend` (not listening yet: call `listen`, or `inject` in tests). */
export async function buildHttpApp(backend: HttpBackend, options: HttpOptions = {}): Promise<FastifyInstance> {
  const maxBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES
  const app = fastify({ logger: false, bodyLimit: maxBytes })
  app.decorate('switchyard', backend)
  await app.register(websocket, { options: { maxPayload: maxBytes } })
  app.addHook('onRequest', sameOriginGuard)
  if (options.token !== undefined && options.token !== null) app.addHook('onRequest', bearerGuard(options.token))
  await app.register(healthRoutes)
  await app.register(metricsRoute)
  await app.register(jsonrpcRoute)
  await app.register(wsRoute)
  await app.register(pageRoutes)
  return app
}

/** A listening HTTP side. */
export interface StartedHttp {
  readonly app: FastifyInstance
  /** Where it listens, `host:port` (the port the kernel chose when asked for 0). */
  readonly address: string
  /** Stops listening and closes every WebSocket and its session. */
  close(): Promise<void>
}

/** Builds the app and listens on `host:port`. Rejects when the address cannot be bound. */
export async function startHttp(backend: HttpBackend, at: { host: string; port: number }, options: HttpOptions, log: Logger): Promise<StartedHttp> {
  const app = await buildHttpApp(backend, options)
  try {
    await app.listen({ host: at.host, port: at.port })
  } catch (error) {
    await app.close()
    throw new Error(`--http ${at.host}:${at.port}: ${(error as Error).message}`)
  }
  const bound = app.server.address()
  const port = typeof bound === 'object' && bound !== null ? bound.port : at.port
  const address = `${at.host.includes(':') ? `[${at.host}]` : at.host}:${port}`
  log.info('http', `${address}: listening (POST /jsonrpc, /ws, /metrics, /healthz, /readyz, /)`)
  return { app, address, close: () => app.close() }
}
