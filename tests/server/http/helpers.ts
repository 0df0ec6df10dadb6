// Test support for server/http: an in-process server (tests/server/rpc's, on a temp directory) with
// the fastify app built over it, listening on 127.0.0.1 at a port the kernel picks; plain routes are
// reached with fastify's inject, the WebSocket with the `ws` client (the one @fastify/websocket
// uses) through a small JSON-RPC 2.0 client that keeps every message in order.

import { createRequire } from 'node:module'
import type { FastifyInstance } from 'fastify'
import type { ServerConfig } from '../../../server/rpc/args.js'
import { buildHttpApp, checkReadiness } from '../../../server/http/index.js'
import { startTestServer, type TestServer } from '../rpc/helpers.js'

interface Teardown {
  teardown(fn: () => unknown): void
}

/** A test server with its HTTP app. */
export interface HttpTestServer extends TestServer {
  readonly app: FastifyInstance
}

/** Options of startHttpTest. */
export interface HttpTestOptions {
  readonly token?: string
  readonly config?: Partial<ServerConfig>
  readonly readiness?: () => string[]
}

/** Starts a server and its HTTP app (not listening: use inject/injectWS), both closed at teardown. */
export async function startHttpTest(t: Teardown, options: HttpTestOptions = {}): Promise<HttpTestServer> {
  const server = await startTestServer(t, options.config ?? {})
  const readiness =
    options.readiness ??
    checkReadiness({
      databasePaths: [`${server.dir}/test.db`],
      expectedRemotes: 2,
      listRemotes: () => server.server.rpc.listRemotes(),
    })
  const app = await buildHttpApp({ rpc: server.server.rpc, databases: server.server.databases, readiness }, { token: options.token ?? null })
  await app.listen({ host: '127.0.0.1', port: 0 })
  t.teardown(() => app.close())
  return { ...server, app }
}

/** The `ws` URL of `path` on a listening app. */
export function wsUrl(app: FastifyInstance, path: string): string {
  const address = app.server.address()
  if (typeof address !== 'object' || address === null) throw new Error('the app is not listening on TCP')
  return `ws://127.0.0.1:${address.port}${path}`
}

/** POSTs `body` (a value, sent as JSON, or raw text) to /jsonrpc; returns status and parsed body. */
export async function post(app: FastifyInstance, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown; text: string }> {
  const payload = typeof body === 'string' ? body : JSON.stringify(body)
  const response = await app.inject({ method: 'POST', url: '/jsonrpc', payload, headers: { 'content-type': 'application/json', ...headers } })
  return { status: response.statusCode, json: response.body === '' ? undefined : JSON.parse(response.body), text: response.body }
}

/** A 2.0 request object. */
export function rpc(id: number | string, method: string, params: unknown[] = []): { jsonrpc: '2.0'; id: number | string; method: string; params: unknown[] } {
  return { jsonrpc: '2.0', id, method, params }
}

/** The parts of a `ws` WebSocket the client uses. */
interface RawSocket {
  send(text: string): void
  close(): void
  terminate(): void
  on(event: 'message', listener: (data: Buffer) => void): void
  on(event: 'close', listener: () => void): void
  once(event: 'open', listener: () => void): void
  once(event: 'error', listener: (error: Error) => void): void
  once(event: 'unexpected-response', listener: (request: unknown, response: { statusCode: number }) => void): void
}

/** The `ws` package's client class (no type declarations are installed for it). */
const WebSocketClient = createRequire(import.meta.url)('ws') as new (url: string, options?: { headers?: Record<string, string> }) => RawSocket

/** Opens a WebSocket; rejects with `HTTP <status>` when the upgrade is refused. */
export function openSocket(url: string, headers: Record<string, string> = {}): Promise<RawSocket> {
  const socket = new WebSocketClient(url, { headers })
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket))
    socket.once('error', reject)
    socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)))
  })
}

/** A JSON-RPC 2.0 client over a WebSocket: every received message is queued in order. */
export class WsClient {
  private readonly inbox: Record<string, unknown>[] = []
  private readonly waiters = new Set<() => void>()
  private nextId = 1
  private closedFlag = false
  /** Every received frame, as text. */
  readonly frames: string[] = []

  private constructor(readonly socket: RawSocket) {
    socket.on('message', (data) => {
      const text = data.toString('utf8')
      this.frames.push(text)
      this.inbox.push(JSON.parse(text) as Record<string, unknown>)
      this.wake()
    })
    socket.on('close', () => {
      this.closedFlag = true
      this.wake()
    })
  }

  /** Opens /ws on the listening `app` (query string and headers optional). */
  static async open(app: FastifyInstance, t: Teardown, query = '', headers: Record<string, string> = {}): Promise<WsClient> {
    const socket = await openSocket(wsUrl(app, `/ws${query}`), headers)
    t.teardown(() => socket.terminate())
    return new WsClient(socket)
  }

  /** True once the server closed the socket. */
  get closed(): boolean {
    return this.closedFlag
  }

  /** Sends raw text (one frame). */
  send(text: string): void {
    this.socket.send(text)
  }

  /** Sends a request; returns its id. */
  request(method: string, params: unknown[], id: number | string = this.nextId++): number | string {
    this.send(JSON.stringify(rpc(id, method, params)))
    return id
  }

  /** Sends a request and waits for the response with its id. */
  async call(method: string, params: unknown[], id?: number | string): Promise<Record<string, unknown>> {
    const sent = this.request(method, params, id)
    return this.take((message) => message.id === sent && !('method' in message))
  }

  /** Waits for, removes and returns the first queued message matching `match`. */
  async take(match: (message: Record<string, unknown>) => boolean = () => true): Promise<Record<string, unknown>> {
    for (;;) {
      const index = this.inbox.findIndex(match)
      if (index >= 0) return this.inbox.splice(index, 1)[0]
      if (this.closedFlag) throw new Error(`socket closed; queued: ${JSON.stringify(this.inbox).slice(0, 300)}`)
      await new Promise<void>((resolve) => this.waiters.add(resolve))
    }
  }

  /** Messages received and not taken yet. */
  pending(): readonly Record<string, unknown>[] {
    return this.inbox
  }

  /** Round-trips an echo, so everything sent before it has arrived. */
  async sync(): Promise<void> {
    await this.call('echo', ['sync'])
  }

  private wake(): void {
    for (const waiter of this.waiters) waiter()
    this.waiters.clear()
  }
}

/** A notification test for take(). */
export const isNotification = (message: Record<string, unknown>): boolean => 'method' in message
