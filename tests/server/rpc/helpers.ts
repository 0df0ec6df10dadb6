// Test support for server/rpc: an in-process server on a temp directory (SQLite database, Unix
// socket, TCP port chosen by the kernel), and a raw JSON-RPC client that keeps every message it
// receives in order, so tests can check replies, notifications and their order byte for byte.

import { mkdtempSync, rmSync } from 'node:fs'
import { connect, createServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Framer, messageFromJson, type Message } from '../../../protocol/index.js'
import type { ServerConfig } from '../../../server/rpc/args.js'
import { BusyPoller } from '../../../server/rpc/busy-poll.js'
import { createLogger, SILENT_LOGGER, type Logger } from '../../../server/rpc/log.js'
import { Session } from '../../../server/rpc/session.js'
import type { UpdateFlusher } from '../../../server/rpc/update-flusher.js'
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

/**
 * A Session alone on one end of a Unix socket pair (no server): what the peer received so far,
 * a wait for it to end with some text, and the sizes of the socket's write calls (1 for a write,
 * the chunk count for a writev). Closed and removed at teardown.
 */
export async function sessionPair(t: Teardown, updates: UpdateFlusher) {
  const dir = mkdtempSync(join(tmpdir(), 'sy-session-'))
  const path = join(dir, 's.sock')
  const listener = createServer()
  await new Promise<void>((resolve) => listener.listen(path, resolve))
  const accepted = new Promise<Socket>((resolve) => listener.once('connection', resolve))
  const peer = connect(path)
  const socket = await accepted
  const writes: number[] = []
  const { _write, _writev } = socket as unknown as { _write: (...args: unknown[]) => void; _writev: (chunks: unknown[], ...rest: unknown[]) => void }
  Object.assign(socket, {
    _write: (...args: unknown[]) => (writes.push(1), _write.apply(socket, args)),
    _writev: (chunks: unknown[], ...rest: unknown[]) => (writes.push(chunks.length), _writev.call(socket, chunks, ...rest)),
  })
  const handler = { request: () => undefined, notification: () => undefined, closed: () => undefined }
  const session = new Session(socket, `unix:${path}`, { maxMessageBytes: 1 << 20, probeIntervalMs: 0, maxBacklogBytes: 1 << 20, updates, poller: new BusyPoller(0) }, handler, SILENT_LOGGER)
  const chunks: Buffer[] = []
  const waiters: (() => void)[] = []
  peer.on('data', (chunk: Buffer) => {
    chunks.push(chunk)
    for (const wake of waiters.splice(0)) wake()
  })
  const bytes = () => Buffer.concat(chunks)
  const receivedUntil = async (text: string) => {
    while (!bytes().toString('utf8').endsWith(text)) await new Promise<void>((resolve) => waiters.push(resolve))
    return bytes().toString('utf8')
  }
  t.teardown(() => {
    session.close()
    peer.destroy()
    listener.close()
    rmSync(dir, { recursive: true, force: true })
  })
  return { session, writes, bytes, receivedUntil }
}
