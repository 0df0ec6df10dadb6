// A JSON-RPC 1.0 session over one stream (RFC 7047 §4): requests with ids matched to replies,
// notifications handed to a listener, and `echo` requests answered so the server's inactivity
// probe never drops us. Framing and message shapes come from protocol/.

import type { Socket } from 'node:net'
import { Framer, FramerError, messageFromJson, messageToText, reply, request, type Message, type Notification } from '../protocol/index.js'

/** Largest message we accept from a server. */
const MAX_MESSAGE_BYTES = 256 * 1024 * 1024

/** The server answered a request with an error reply; `error` is the reply's `error` member. */
export class RpcError extends Error {
  constructor(readonly method: string, readonly error: unknown) {
    super(`${method}: ${typeof error === 'string' ? error : JSON.stringify(error)}`)
    this.name = 'RpcError'
  }
}

/** The session ended (closed by either side, or a protocol error) before a reply came. */
export class SessionClosedError extends Error {
  constructor(reason: string) {
    super(reason)
    this.name = 'SessionClosedError'
  }
}

interface Pending {
  readonly method: string
  resolve(result: unknown): void
  reject(error: Error): void
}

/** One JSON-RPC session. Requests may be pipelined; replies resolve in any order. */
export class RpcSession {
  private nextId = 0
  private readonly pending = new Map<number, Pending>()
  private readonly framer = new Framer({ maxMessageBytes: MAX_MESSAGE_BYTES })
  private closedError: SessionClosedError | undefined
  private notificationListener: (message: Notification) => void = () => undefined
  /** Notifications kept back while `holdingNotifications` runs, or null. */
  private held: Notification[] | null = null
  private readonly closeListeners: ((error: SessionClosedError) => void)[] = []

  constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk))
    socket.on('close', () => this.fail(new SessionClosedError('connection closed')))
    socket.on('error', (error) => this.fail(new SessionClosedError(error.message)))
  }

  /** Sends `method` and resolves with the reply's result; rejects with RpcError or SessionClosedError. */
  request(method: string, params: readonly unknown[]): Promise<unknown> {
    if (this.closedError) return Promise.reject(this.closedError)
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { method, resolve, reject })
      this.socket.write(messageToText(request(method, params, id)))
    })
  }

  /** Routes every notification (update, update2, update3, locked, ...) to `listener`. */
  onNotification(listener: (message: Notification) => void): void {
    this.notificationListener = listener
  }

  /**
   * Runs `work` (not nested) and hands the notifications that arrive meanwhile to the listener
   * once it has finished, in order. A reply and the notification right behind it can come in one
   * read: the notification is handed over at once, the reply only when the code awaiting it runs,
   * so a caller that applies a reply (a monitor's initial contents) does it inside `work`.
   */
  async holdingNotifications<T>(work: () => Promise<T>): Promise<T> {
    this.held = []
    try {
      return await work()
    } finally {
      const held = this.held
      this.held = null
      for (const message of held) this.notificationListener(message)
    }
  }

  /** Calls `listener` once when the session ends. */
  onClose(listener: (error: SessionClosedError) => void): void {
    if (this.closedError) listener(this.closedError)
    else this.closeListeners.push(listener)
  }

  /** True once the session has ended. */
  get closed(): boolean {
    return this.closedError !== undefined
  }

  /** Ends the session; pending requests reject with SessionClosedError. */
  close(): void {
    this.fail(new SessionClosedError('closed by client'))
    this.socket.destroy()
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
      this.fail(new SessionClosedError(failure instanceof Error ? failure.message : String(failure)))
      this.socket.destroy()
    }
  }

  private dispatch(message: Message): void {
    switch (message.kind) {
      case 'request':
        if (message.method === 'echo') this.socket.write(messageToText(reply(message.params, message.id)))
        return
      case 'notification':
        if (this.held === null) this.notificationListener(message)
        else this.held.push(message)
        return
      default: {
        const pending = typeof message.id === 'number' ? this.pending.get(message.id) : undefined
        if (pending === undefined) return
        this.pending.delete(message.id as number)
        if (message.kind === 'reply') pending.resolve(message.result)
        else pending.reject(new RpcError(pending.method, message.error))
      }
    }
  }

  private fail(error: SessionClosedError): void {
    if (this.closedError) return
    this.closedError = error
    for (const pending of this.pending.values()) pending.reject(error)
    this.pending.clear()
    for (const listener of this.closeListeners.splice(0)) listener(error)
  }
}
