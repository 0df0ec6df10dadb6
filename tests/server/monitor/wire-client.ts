// A JSON-RPC 1.0 test client that keeps the notifications a server sends (tests/support's RpcClient
// drops them): each request resolves with its reply and every notification received on that
// connection since the previous request, which is how monitor updates are checked on the wire.

import { connect, type Socket } from 'node:net'
import { Framer, messageFromJson, messageToText, reply, request, type Message } from '../../../protocol/index.js'

/** A reply (`result` or `error`) with the notifications that arrived before it. */
export interface WireAnswer {
  readonly notifications: unknown[]
  readonly outcome: { readonly result: unknown } | { readonly error: unknown }
}

/** One connection; requests are sent one at a time. */
export class WireClient {
  private nextId = 0
  private notifications: unknown[] = []
  private pending: { id: number; resolve(answer: WireAnswer): void; reject(error: Error): void } | undefined
  private readonly framer = new Framer({ maxMessageBytes: 64 * 1024 * 1024 })

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const json of this.framer.push(chunk)) this.receive(messageFromJson(json), json)
    })
    socket.on('close', () => this.pending?.reject(new Error('connection closed')))
  }

  /** Connects to the Unix socket at `path`. */
  static connect(path: string): Promise<WireClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(path)
      socket.once('error', reject)
      socket.once('connect', () => {
        socket.off('error', reject)
        resolve(new WireClient(socket))
      })
    })
  }

  /** Sends `method` and resolves with its answer and the notifications received before it. */
  call(method: string, params: readonly unknown[]): Promise<WireAnswer> {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending = { id, resolve, reject }
      this.socket.write(messageToText(request(method, params, id)))
    })
  }

  /** The notifications received so far (an `echo` round trip makes sure the server sent them). */
  async flush(): Promise<unknown[]> {
    return (await this.call('echo', [])).notifications
  }

  close(): void {
    this.socket.destroy()
  }

  private receive(message: Message, json: unknown): void {
    if (message.kind === 'notification') {
      this.notifications.push(json)
    } else if (message.kind === 'request') {
      if (message.method === 'echo') this.socket.write(messageToText(reply(message.params, message.id)))
    } else if (this.pending !== undefined && message.id === this.pending.id) {
      const { resolve } = this.pending
      this.pending = undefined
      const notifications = this.notifications
      this.notifications = []
      resolve({ notifications, outcome: message.kind === 'reply' ? { result: message.result } : { error: message.error } })
    }
  }
}
