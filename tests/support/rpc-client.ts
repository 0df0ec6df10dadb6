// A minimal JSON-RPC 1.0 client for tests (RFC 7047 §4): sends requests over a Unix or TCP socket
// and matches replies by id, using protocol/'s framer and message shapes. Notifications are
// ignored; an `echo` request is answered so TCP inactivity probes never drop the connection.

import { connect, type Socket } from 'node:net'
import { jsonToText } from '../../schema/index.js'
import { Framer, FramerError, messageFromJson, messageToText, reply, request, type Message } from '../../protocol/index.js'

/** Replies larger than this are a test bug, not a server answer we want to read. */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024

/** Where to connect: a Unix socket path or a TCP host and port. */
export type RpcAddress = string | { readonly host: string; readonly port: number }

/** The answer to a request: its result, or the reply's `error` member. */
export type RpcOutcome = { readonly result: unknown } | { readonly error: unknown }

interface Pending {
  resolve(outcome: RpcOutcome): void
  reject(error: Error): void
}

/** One connection; requests may be pipelined. */
export class RpcClient {
  private nextId = 0
  private readonly pending = new Map<number, Pending>()
  private readonly framer = new Framer({ maxMessageBytes: MAX_MESSAGE_BYTES })
  private closedError: Error | null = null

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk))
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

  /** Sends a request and resolves with its result or error; rejects if the connection drops. */
  call(method: string, params: readonly unknown[]): Promise<RpcOutcome> {
    if (this.closedError) return Promise.reject(this.closedError)
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.socket.write(messageToText(request(method, params, id)))
    })
  }

  /** `transact` on `db`: resolves with the result array; rejects when the reply carries an error. */
  async transact(db: string, ops: readonly unknown[]): Promise<unknown[]> {
    const outcome = await this.call('transact', [db, ...ops])
    if ('error' in outcome) throw new Error(`transact failed: ${jsonToText(outcome.error)}`)
    return outcome.result as unknown[]
  }

  /** Closes the connection; pending requests reject. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.destroyed) return resolve()
      this.socket.once('close', () => resolve())
      this.socket.end()
    })
  }

  private receive(chunk: Buffer): void {
    let failure: unknown
    let values: readonly unknown[] = []
    try {
      values = this.framer.push(chunk)
    } catch (error) {
      if (error instanceof FramerError) values = error.parsed
      failure = error
    }
    try {
      for (const json of values) this.dispatch(messageFromJson(json))
    } catch (error) {
      failure ??= error
    }
    if (failure !== undefined) {
      this.failAll(failure instanceof Error ? failure : new Error(String(failure)))
      this.socket.destroy()
    }
  }

  private dispatch(message: Message): void {
    if (message.kind === 'request') {
      if (message.method === 'echo') this.socket.write(messageToText(reply(message.params, message.id)))
      return
    }
    if (message.kind === 'notification' || typeof message.id !== 'number') return
    const pending = this.pending.get(message.id)
    if (!pending) return
    this.pending.delete(message.id)
    pending.resolve(message.kind === 'reply' ? { result: message.result } : { error: message.error })
  }

  private failAll(error: Error): void {
    this.closedError ??= error
    for (const pending of this.pending.values()) pending.reject(error)
    this.pending.clear()
  }
}
