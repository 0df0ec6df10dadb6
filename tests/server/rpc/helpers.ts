// Test support for server/rpc: an in-process server on a temp directory (SQLite database, Unix
// socket, TCP port chosen by the kernel), and a raw JSON-RPC client that keeps every message it
// receives in order, so tests can check replies, notifications and their order byte for byte.

import { mkdtempSync, rmSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Framer, messageFromJson, type Message } from '../../../protocol/index.js'
import type { ServerConfig } from '../../../server/rpc/args.js'
import { createLogger, type Logger } from '../../../server/rpc/log.js'
import { startServer, type StartedServer } from '../../../server/rpc/start.js'

/** The Test schema used by most rpc tests (one table T with name, n). */
export const TEST_SCHEMA = fileURLToPath(new URL('./test.ovsschema', import.meta.url))

/** A running in-process server and where to reach it. */
export interface TestServer {
  readonly server: StartedServer
  readonly dir: string
  readonly socketPath: string
  readonly tcpPort: number
  /** Log lines the server printed. */
  readonly logLines: string[]
}

interface Teardown {
  teardown(fn: () => unknown): void
}

/** Starts a server for one test (closed and removed at teardown). `overrides` change the config. */
export async function startTestServer(t: Teardown, overrides: Partial<ServerConfig> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'sy-rpc-'))
  const socketPath = join(dir, 'db.sock')
  const logLines: string[] = []
  const log: Logger = createLogger('debug', (line) => logLines.push(line))
  const config: ServerConfig = {
    databases: [{ path: join(dir, 'test.db'), schemaPath: TEST_SCHEMA }],
    remotes: [`punix:${socketPath}`, 'ptcp:0:127.0.0.1'],
    logLevel: 'debug',
    pidfile: null,
    tls: null,
    probeIntervalMs: null,
    maxMessageBytes: null,
    maxBacklogBytes: null,
    ...overrides,
  }
  const server = await startServer(config, log)
  t.teardown(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })
  const tcp = server.rpc.listRemotes().find((remote) => remote.startsWith('ptcp:'))
  return { server, dir, socketPath, tcpPort: tcp === undefined ? 0 : Number(tcp.split(':')[1]), logLines }
}

/** A raw client: sends text, receives every message in order. */
export class WireClient {
  private readonly framer = new Framer({ maxMessageBytes: 1 << 28 })
  private readonly inbox: Message[] = []
  private readonly waiters = new Set<() => void>()
  private nextId = 1
  /** Everything received, as text. */
  raw = ''
  /** Resolves when the server closes the connection. */
  readonly closed: Promise<void>

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.raw += chunk.toString('utf8')
      for (const json of this.framer.push(chunk)) this.inbox.push(messageFromJson(json))
      this.wake()
    })
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()))
    socket.on('error', () => undefined)
    void this.closed.then(() => this.wake())
  }

  /** Connects to a Unix socket path or a TCP port on 127.0.0.1. */
  static connect(address: string | number, t: Teardown): Promise<WireClient> {
    return new Promise((resolve, reject) => {
      const socket = typeof address === 'string' ? connect(address) : connect(address, '127.0.0.1')
      socket.once('error', reject)
      socket.once('connect', () => {
        const client = new WireClient(socket)
        t.teardown(() => socket.destroy())
        resolve(client)
      })
    })
  }

  /** Wraps a socket that is already connected (TLS, or accepted from an active remote). */
  static over(socket: Socket, t: Teardown): WireClient {
    t.teardown(() => socket.destroy())
    return new WireClient(socket)
  }

  /** Writes raw text. */
  write(text: string): void {
    this.socket.write(text)
  }

  /** Sends a request and returns its id (numbers counting from 1 unless `id` is given). */
  request(method: string, params: unknown[], id: unknown = this.nextId++): unknown {
    this.write(JSON.stringify({ method, params, id }))
    return id
  }

  /** Sends a request and waits for the reply with its id; other messages stay queued. */
  async call(method: string, params: unknown[], id?: unknown): Promise<Message> {
    const sent = this.request(method, params, id)
    return this.take((message) => (message.kind === 'reply' || message.kind === 'error') && JSON.stringify(message.id) === JSON.stringify(sent))
  }

  /** Waits for, removes and returns the first queued message matching `match` (any message by default). */
  async take(match: (message: Message) => boolean = () => true): Promise<Message> {
    for (;;) {
      const index = this.inbox.findIndex(match)
      if (index >= 0) return this.inbox.splice(index, 1)[0]
      if (this.socket.destroyed) throw new Error(`connection closed; queued: ${JSON.stringify(this.inbox).slice(0, 300)}`)
      await new Promise<void>((resolve) => this.waiters.add(resolve))
    }
  }

  private wake(): void {
    for (const waiter of this.waiters) waiter()
    this.waiters.clear()
  }

  /** Messages received and not taken yet. */
  pending(): readonly Message[] {
    return this.inbox
  }

  /** Round-trips an echo, so everything the server sent before it has arrived. */
  async sync(): Promise<void> {
    await this.call('echo', ['sync'])
  }
}

/** The reply's result (fails loudly on an error reply). */
export function resultOf(message: Message): unknown {
  if (message.kind !== 'reply') throw new Error(`expected a reply, got ${JSON.stringify(message)}`)
  return message.result
}

/** The error member of an error reply (fails loudly otherwise). */
export function errorOf(message: Message): unknown {
  if (message.kind !== 'error') throw new Error(`expected an error reply, got ${JSON.stringify(message)}`)
  return message.error
}
