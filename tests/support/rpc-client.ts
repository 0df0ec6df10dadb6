// A minimal JSON-RPC 1.0 client for tests (RFC 7047 §4): sends requests over a Unix or TCP socket
// and matches replies by id. Notifications and server requests (echo) are ignored, except that an
// `echo` is answered so TCP inactivity probes never drop the connection.

import { connect, type Socket } from 'node:net'
import { jsonToText } from '../../schema/index.js'
import { JsonStreamSplitter } from './exact-json.js'

/** A JSON-RPC 1.0 reply: exactly one of `result` and `error` is meaningful. */
export interface RpcReply {
  readonly result?: unknown
  readonly error?: unknown
  readonly id: unknown
}

/** Where to connect: a Unix socket path or a TCP host and port. */
export type RpcAddress = string | { readonly host: string; readonly port: number }

interface Pending {
  resolve(reply: RpcReply): void
  reject(error: Error): void
}

/** One connection; requests may be pipelined. */
export class RpcClient {
  private nextId = 0
  private readonly pending = new Map<number, Pending>()
  private readonly splitter = new JsonStreamSplitter()
  private closedError: Error | null = null

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const message of this.splitter.push(chunk)) this.dispatch(message)
    })
    socket.on('close', () => this.failAll(new Error('connection closed')))
    socket.on('error', (error) => this.failAll(error))
  }

  /** Connects to `address`; rejects with the socket error. */
  static connect(address: RpcAddress): Promise<RpcClient> {
    return new Promise((resolve, reject) => {
      const socket = typeof address === 'string' ? connect(address) : connect(address.port, address.host)
      socket.once('error', reject)
      socket.once('connect', () => {
        socket.off('error', reject)
        resolve(new RpcClient(socket))
      })
    })
  }

  /** Sends `{method, params, id}` and resolves with the reply (errors are in the reply, not thrown). */
  request(method: string, params: readonly unknown[]): Promise<RpcReply> {
    if (this.closedError) return Promise.reject(this.closedError)
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.socket.write(jsonToText({ method, params, id }))
    })
  }

  /** `transact` on `db`: resolves with the result array; rejects when the reply carries an error. */
  async transact(db: string, ops: readonly unknown[]): Promise<unknown[]> {
    const reply = await this.request('transact', [db, ...ops])
    if (reply.error !== null && reply.error !== undefined) {
      throw new Error(`transact failed: ${jsonToText(reply.error)}`)
    }
    return reply.result as unknown[]
  }

  /** Closes the connection; pending requests reject. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.destroyed) return resolve()
      this.socket.once('close', () => resolve())
      this.socket.end()
    })
  }

  private dispatch(message: unknown): void {
    if (typeof message !== 'object' || message === null) return
    const m = message as { id?: unknown; method?: unknown; params?: unknown }
    if (m.method === 'echo' && m.id !== null) {
      this.socket.write(jsonToText({ result: m.params, error: null, id: m.id }))
      return
    }
    if (typeof m.method === 'string' || typeof m.id !== 'number') return
    const pending = this.pending.get(m.id)
    if (!pending) return
    this.pending.delete(m.id)
    pending.resolve(message as RpcReply)
  }

  private failAll(error: Error): void {
    this.closedError = error
    for (const pending of this.pending.values()) pending.reject(error)
    this.pending.clear()
  }
}
