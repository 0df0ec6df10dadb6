// A lean JSON-RPC 1.0 client for benchmarks over a Unix socket: pipelined requests matched by id,
// server `echo` requests answered, and notifications (monitor updates) handed to a listener, so a
// benchmark can wait until every monitor has seen every update.

import { connect, type Socket } from 'node:net'
import { Framer, messageFromJson, messageToText, reply, request, type Message } from '../../protocol/index.js'

const MAX_MESSAGE_BYTES = 256 * 1024 * 1024
const CONNECT_ATTEMPTS = 100
const CONNECT_BATCH = 8

interface Pending {
  resolve(result: unknown): void
  reject(error: Error): void
}

/** One connection to an OVSDB server. */
export class BenchClient {
  /** Called with each notification's method and params (e.g. "update2"). */
  onNotification: ((method: string, params: readonly unknown[]) => void) | null = null
  private nextId = 0
  private readonly pending = new Map<number, Pending>()
  private readonly framer = new Framer({ maxMessageBytes: MAX_MESSAGE_BYTES })
  private failure: Error | null = null

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk))
    socket.on('close', () => this.fail(new Error('connection closed')))
    socket.on('error', (error) => this.fail(error))
  }

  /**
   * Connects to the Unix socket at `path`, retrying while the server's listen backlog is full
   * (EAGAIN: ovsdb-server listens with a short backlog); rejects with any other socket error.
   */
  static async connect(path: string): Promise<BenchClient> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await BenchClient.connectOnce(path)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN' || attempt >= CONNECT_ATTEMPTS) throw error
        await new Promise((resolve) => setTimeout(resolve, attempt))
      }
    }
  }

  /** Opens many connections to `path`, a few at a time so the listen backlog is not overrun. */
  static async connectMany(path: string, count: number): Promise<BenchClient[]> {
    const clients: BenchClient[] = []
    while (clients.length < count) {
      const batch = Math.min(CONNECT_BATCH, count - clients.length)
      clients.push(...(await Promise.all(Array.from({ length: batch }, () => BenchClient.connect(path)))))
    }
    return clients
  }

  private static connectOnce(path: string): Promise<BenchClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(path)
      socket.once('error', reject)
      socket.once('connect', () => {
        socket.off('error', reject)
        resolve(new BenchClient(socket))
      })
    })
  }

  /** Sends a request; resolves with its result, rejects with the reply's error or a dropped connection. */
  call(method: string, params: readonly unknown[]): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure)
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.socket.write(messageToText(request(method, params, id)))
    })
  }

  /**
   * `transact` on `db`; resolves with the result array. Rejects when the reply is an error or any
   * operation failed (a benchmark that measures failures measures nothing).
   */
  async transact(db: string, ops: readonly unknown[]): Promise<unknown[]> {
    const results = (await this.call('transact', [db, ...ops])) as unknown[]
    const failed = results.find((r) => r !== null && typeof r === 'object' && 'error' in r)
    if (failed !== undefined || results.length > ops.length) throw new Error(`transact failed: ${JSON.stringify(results)}`)
    return results
  }

  /** Closes the connection and waits for the socket to close. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.destroyed) return resolve()
      this.socket.once('close', () => resolve())
      this.socket.end()
    })
  }

  private receive(chunk: Buffer): void {
    try {
      for (const json of this.framer.push(chunk)) this.dispatch(messageFromJson(json))
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)))
      this.socket.destroy()
    }
  }

  private dispatch(message: Message): void {
    if (message.kind === 'request') {
      if (message.method === 'echo') this.socket.write(messageToText(reply(message.params, message.id)))
      return
    }
    if (message.kind === 'notification') {
      this.onNotification?.(message.method, message.params)
      return
    }
    const pending = typeof message.id === 'number' ? this.pending.get(message.id) : undefined
    if (pending === undefined) return
    this.pending.delete(message.id as number)
    if (message.kind === 'reply') pending.resolve(message.result)
    else pending.reject(new Error(`request failed: ${JSON.stringify(message.error)}`))
  }

  private fail(error: Error): void {
    this.failure ??= error
    for (const pending of this.pending.values()) pending.reject(error)
    this.pending.clear()
  }
}
