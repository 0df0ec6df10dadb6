// One client connection (OVS ovsdb_jsonrpc_session + jsonrpc_session): bytes → Framer → JSON-RPC
// messages → the server's handlers, and messages (text or UTF-8 bytes) back out through a bounded
// write queue. A session closes itself, logging why, on malformed input, an invalid message, an
// unsolicited reply, an unanswered inactivity probe or a send backlog past its cap; other sessions
// are not affected.

import type { Socket } from 'node:net'
import { jsonToText } from '../../schema/index.js'
import {
  Framer,
  FramerError,
  errorReply,
  messageFromJson,
  messageToText,
  notification,
  reply,
  type Message,
  type Notification,
  type Request,
} from '../../protocol/index.js'
import { serverCounters, transportOf } from '../metrics.js'
import type { SplicedMessage } from '../monitor/index.js'
import type { BusyPoller } from './busy-poll.js'
import type { HostedDb, MonitorSinkLike } from './hosted-db.js'
import type { Logger } from './log.js'
import type { HeldOutput, UpdateFlusher } from './update-flusher.js'

/** Limits and timers of one session. */
export interface SessionOptions {
  /** Largest accepted message, in bytes (the Framer's limit). */
  readonly maxMessageBytes: number
  /** Idle time before an `echo` probe, and then before disconnecting; 0 disables probes. */
  readonly probeIntervalMs: number
  /** Unsent output beyond this many bytes drops the session. */
  readonly maxBacklogBytes: number
  /** Holds monitor notifications that follow an earlier one within its window (see update-flusher.ts). */
  readonly updates: UpdateFlusher
  /** Told of every chunk read, so the loop keeps polling briefly after traffic (see busy-poll.ts). */
  readonly poller: BusyPoller
}

/** What the server does with a session's traffic. */
export interface SessionHandler {
  request(session: Session, request: Request): void
  notification(session: Session, message: Notification): void
  /** Called once when the session ends, for whatever reason. */
  closed(session: Session): void
}

/** The id of the server's own inactivity probe; replies carrying it are expected. */
export const PROBE_ID = 'echo'

/**
 * A client session. States: open (reading, maybe probing) → closed (socket destroyed, handler told).
 * It is the MonitorSink of its monitors: `send` queues complete notifications, which may be held
 * for the flusher's window; every other message is written at once, after whatever is held.
 */
export class Session implements MonitorSinkLike, HeldOutput {
  /** The client asked with `set_db_change_aware true`. */
  changeAware = false
  /** Writes and locks are refused as on ovsdb-server's read-only remotes. */
  readOnly = false
  /** Wire texts of the ids of this session's unanswered `transact` requests. */
  readonly pendingTransacts = new Set<string>()
  /** This session's monitors: wire text of the monitor id → the database monitored. */
  readonly monitors = new Map<string, HostedDb>()
  private readonly framer: Framer
  /** The transport part of `name` (`unix`, `tcp`, ...), which the byte counters count by; made once per session. */
  private readonly transport: string
  private probeTimer: NodeJS.Timeout | undefined
  private probeSent = false
  private open = true
  /** Messages received but not handled yet: handling pauses while the socket cannot take more output. */
  private readonly inbox: Message[] = []
  private throttled = false
  /** Requests answered later whose answer the session's next messages wait for (see `defer`). */
  private deferred = 0
  /** The input stream failed: close, logging this, once the messages before the failure are handled. */
  private closeWhenHandled: string | undefined
  /** The bytes of the notifications waiting for the flusher (or the next message that is not one), and their size. */
  private held: Buffer[] = []
  private heldBytes = 0
  /** When (performance.now()) notifications were last written out. */
  private lastUpdateWrite = -Infinity

  constructor(
    private readonly socket: Socket,
    /** Peer name for logs and storage, e.g. `tcp:127.0.0.1:53122` or `unix:/run/db.sock`. */
    readonly name: string,
    private readonly options: SessionOptions,
    private readonly handler: SessionHandler,
    private readonly log: Logger,
  ) {
    this.framer = new Framer({ maxMessageBytes: options.maxMessageBytes })
    this.transport = transportOf(name)
    socket.on('data', (chunk: Buffer) => this.receive(chunk))
    socket.on('drain', () => this.unthrottle())
    socket.on('error', (error) => this.close(`connection error: ${error.message}`, 'info'))
    socket.on('close', () => this.close('connection closed by peer', 'debug'))
    if (options.probeIntervalMs > 0) {
      this.probeTimer = setTimeout(() => this.probe(), options.probeIntervalMs).unref()
    }
  }

  /** False once the session has closed. */
  get isOpen(): boolean {
    return this.open
  }

  /** Bytes held or written but not yet taken by the kernel. */
  get backlogBytes(): number {
    return this.socket.writableLength + this.heldBytes
  }

  /**
   * Queues the notification `message` (as text, as its UTF-8 bytes or as the pieces of those,
   * which are not modified afterwards and may be shared with other sessions). It is written at
   * once unless notifications were written less than the flusher's window ago; then it is held, in
   * order, until the flush, which copies every held piece into one buffer.
   */
  send(message: string | Buffer | SplicedMessage): void {
    if (!this.open) return
    if (this.held.length === 0) {
      const now = performance.now()
      if (now - this.lastUpdateWrite >= this.options.updates.windowMs) {
        this.lastUpdateWrite = now
        return this.write(typeof message === 'string' || Buffer.isBuffer(message) ? message : message.bytes())
      }
      this.options.updates.hold(this)
    }
    this.hold(message)
  }

  /** Writes held notifications out, as one buffer. */
  flushHeld(): void {
    if (this.held.length === 0) return
    const held = this.held.length === 1 ? this.held[0] : Buffer.concat(this.held, this.heldBytes)
    this.held = []
    this.heldBytes = 0
    this.lastUpdateWrite = performance.now()
    if (this.open) this.write(held)
  }

  /** Writes `message` now, after (and with) any held notifications; drops the session when the backlog passes its cap. */
  sendNow(message: string): void {
    if (!this.open) return
    if (this.held.length === 0) return this.write(message)
    this.hold(message)
    this.flushHeld()
  }

  /** Sends a successful reply to the request with `id`. */
  sendReply(id: unknown, result: unknown): void {
    this.sendNow(messageToText(reply(result, id)))
  }

  /**
   * Sends a successful reply whose `result` is already serialised, as `pieces` of JSON text that
   * concatenate to it: they go out in one writev with the reply's head and tail (and whatever was
   * held), with no large string built (and copied) to hold them together.
   */
  sendReplyPieces(id: unknown, pieces: readonly string[]): void {
    if (!this.open) return
    this.socket.cork()
    this.flushHeld()
    this.write(`{"id":${jsonToText(id)},"result":`)
    for (const piece of pieces) this.write(piece)
    this.write(',"error":null}')
    if (this.open) this.socket.uncork()
  }

  /** Sends an error reply (no `result` member) to the request with `id`. */
  sendError(id: unknown, error: unknown): void {
    this.sendNow(messageToText(errorReply(error, id)))
  }

  /** Sends a notification (`"id": null`) at once. */
  notify(method: string, params: readonly unknown[]): void {
    this.sendNow(messageToText(notification(method, params)))
  }

  /** Ends the session; `reason` is logged at `level` when given. Safe to call more than once. */
  close(reason?: string, level: 'debug' | 'info' | 'warn' = 'warn'): void {
    if (!this.open) return
    this.open = false
    this.held = []
    this.heldBytes = 0
    if (reason !== undefined) this.log[level]('jsonrpc', `${this.name}: ${reason}`)
    clearTimeout(this.probeTimer)
    this.socket.destroy()
    this.handler.closed(this)
  }

  /** Adds `message` to the held notifications; drops the session when they and the backlog pass its cap. */
  private hold(message: string | Buffer | SplicedMessage): void {
    const bytes = typeof message === 'string' ? Buffer.from(message, 'utf8') : message
    if (Buffer.isBuffer(bytes)) this.held.push(bytes)
    else for (const piece of bytes.pieces) this.held.push(piece)
    this.heldBytes += bytes.length
    if (this.backlogBytes > this.options.maxBacklogBytes) this.dropSlowReader()
  }

  private write(message: string | Buffer): void {
    serverCounters.countBytes('out', this.transport, typeof message === 'string' ? Buffer.byteLength(message) : message.length)
    if (!this.socket.write(message)) this.throttle()
    if (this.socket.writableLength > this.options.maxBacklogBytes) this.dropSlowReader()
  }

  private dropSlowReader(): void {
    serverCounters.slowReadersDropped++
    this.close(`send backlog of ${this.backlogBytes} bytes exceeds the cap of ${this.options.maxBacklogBytes} bytes, disconnecting`, 'warn')
  }

  private receive(chunk: Buffer): void {
    serverCounters.countBytes('in', this.transport, chunk.length)
    this.options.poller.activity()
    this.probeSent = false
    this.probeTimer?.refresh()
    let values: readonly unknown[]
    let streamError: FramerError | undefined
    try {
      values = this.framer.push(chunk)
    } catch (error) {
      if (!(error instanceof FramerError)) throw error
      streamError = error
      values = error.parsed
    }
    for (const json of values) {
      try {
        this.inbox.push(messageFromJson(json))
      } catch (error) {
        this.handleInbox()
        return this.close(`received bad JSON-RPC message: ${describe(error)}, disconnecting`)
      }
    }
    if (streamError !== undefined) this.closeWhenHandled = `error parsing stream: ${describe(streamError)}, disconnecting`
    this.handleInbox()
  }

  /**
   * Marks the request being handled as answered later. ovsdb-server handles a session's messages
   * one at a time, so a request sent behind a transaction is answered after it (an `echo` used as a
   * barrier, a `monitor_cancel` after a write the monitor must still report): the session's later
   * messages wait, and reading pauses, until the returned function is called, once the answer is
   * sent or the request no longer holds others up (a transaction blocked by `wait`). Calling it
   * again does nothing.
   */
  defer(): () => void {
    this.deferred++
    let pending = true
    return () => {
      if (!pending) return
      pending = false
      // After the caller's own work (a commit landing goes on to release and pump its queue).
      if (--this.deferred === 0) queueMicrotask(() => this.resumeInbox())
    }
  }

  private resumeInbox(): void {
    if (this.deferred > 0 || !this.open) return
    if (!this.throttled) this.socket.resume()
    this.handleInbox()
  }

  /**
   * Handles queued messages until the queue is empty, output backs up (OVS reads nothing while a
   * backlog exists) or a request is answered later (`defer`).
   */
  private handleInbox(): void {
    while (this.open && !this.throttled && this.deferred === 0 && this.inbox.length > 0) this.deliver(this.inbox.shift()!)
    if (this.deferred > 0 && this.inbox.length > 0) this.socket.pause()
    if (this.inbox.length === 0 && this.closeWhenHandled !== undefined) this.close(this.closeWhenHandled)
  }

  private throttle(): void {
    this.throttled = true
    this.socket.pause()
  }

  private unthrottle(): void {
    this.throttled = false
    if (this.deferred === 0) this.socket.resume()
    this.handleInbox()
  }

  private deliver(message: Message): void {
    switch (message.kind) {
      case 'request':
        return this.handler.request(this, message)
      case 'notification':
        return this.handler.notification(this, message)
      default:
        if (message.kind === 'reply' && message.id === PROBE_ID) return
        this.close(`received unexpected ${message.kind} message (id ${jsonToText(message.id)}), disconnecting`)
    }
  }

  private probe(): void {
    if (!this.open) return
    if (this.probeSent) {
      const seconds = this.options.probeIntervalMs / 1000
      return this.close(`no response to inactivity probe after ${seconds} seconds, disconnecting`)
    }
    this.log.debug('jsonrpc', `${this.name}: idle ${this.options.probeIntervalMs} ms, sending inactivity probe`)
    this.probeSent = true
    this.sendNow(`{"id":"${PROBE_ID}","method":"echo","params":[]}`)
    this.probeTimer?.refresh()
  }
}

/** The text of a FramerError or MessageError (ovsdb-server's own wording for the latter). */
function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
