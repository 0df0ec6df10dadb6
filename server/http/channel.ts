// One JSON-RPC 2.0 conversation (a WebSocket, or one POST body) carried by an rpc Session, so it
// gets the stream's engine, errors and session semantics unchanged: 2.0 requests and notifications
// are validated with jsonrpc-lite and handed to the Session as 1.0 messages; the Session's 1.0
// replies and notifications come back as 2.0 (errors mapped as errors.ts documents), and a batch is
// answered with one array once every request in it has been answered.

import { ErrorObject, JsonRpcError, NotificationObject, RequestObject, SuccessObject, parseObject, type ID, type JsonRpc } from 'jsonrpc-lite'
import { Framer, messageFromJson, messageToText, notification, parseJsonExact, reply, request, errorReply, type Message } from '../../protocol/index.js'
import { jsonToText } from '../../schema/index.js'
import type { Connection } from '../rpc/listener.js'
import type { Session } from '../rpc/session.js'
import { paramsError, rpc2Error, RPC2_CODES, sessionOnlyError } from './errors.js'
import { FrameSocket } from './frame-socket.js'

/** What a channel needs of the rpc server: a Session for a connection (RpcServer.serve). */
export interface SessionHost {
  serve(connection: Connection): Session
}

/** How a channel talks to its transport. */
export interface ChannelOptions {
  /** Peer name for logs, metrics and storage, e.g. `ws:127.0.0.1:53122`. */
  readonly name: string
  /** Methods answered "Method not found" instead of being run (POST refuses SESSION_METHODS). */
  readonly refused?: readonly string[]
  /** Sends one 2.0 text (a message or a batch array); `done` once the transport has taken it. */
  readonly send: (text: string, done: () => void) => void
  /** Called once when the session ends, whoever ended it. */
  readonly closed?: () => void
}

/** Replies owed to one batch: filled as they come, sent together. */
interface Batch {
  readonly responses: JsonRpc[]
  /** Wire texts of the ids still unanswered, with how many requests used each. */
  readonly owed: Map<string, number>
  sealed: boolean
}

const MAX_OUTGOING_BYTES = 2 ** 31 - 1

/** A JSON-RPC 2.0 peer served by its own rpc Session (see the file header). */
export class Rpc2Channel {
  private readonly socket: FrameSocket
  private readonly session: Session
  /** Parses the Session's output exactly (64-bit integers survive). */
  private readonly framer = new Framer({ maxMessageBytes: MAX_OUTGOING_BYTES })
  private readonly batches: Batch[] = []

  constructor(
    host: SessionHost,
    private readonly options: ChannelOptions,
  ) {
    this.socket = new FrameSocket((text, done) => this.fromSession(text, done))
    this.socket.onClose = () => options.closed?.()
    this.session = host.serve({ socket: this.socket.asSocket(), name: options.name, probes: false })
  }

  /** False once the session has ended. */
  get isOpen(): boolean {
    return this.session.isOpen
  }

  /**
   * Handles one 2.0 text from the peer: a request, a notification, a response, or a batch of them.
   * Returns whether an answer will be sent for it (false: it held only notifications or responses).
   */
  receive(text: string): boolean {
    let json: unknown
    try {
      json = parseJsonExact(text)
    } catch (caught) {
      this.emit(errorMessage(null, new JsonRpcError('Parse error', RPC2_CODES.parseError, (caught as Error).message)))
      return true
    }
    if (!Array.isArray(json)) return this.handle(json, undefined)
    if (json.length === 0) {
      this.emit(errorMessage(null, JsonRpcError.invalidRequest(json)))
      return true
    }
    const batch: Batch = { responses: [], owed: new Map(), sealed: false }
    this.batches.push(batch)
    for (const item of json) this.handle(item, batch)
    batch.sealed = true
    const answered = batch.responses.length > 0 || batch.owed.size > 0
    this.settle(batch)
    return answered
  }

  /** Ends the session (releasing its locks, monitors and blocked transactions). */
  close(): void {
    this.session.close()
  }

  /** Validates one message and hands it to the Session, or answers it at once; true when it gets an answer. */
  private handle(item: unknown, batch: Batch | undefined): boolean {
    const parsed = parseObject(shapeOf(item))
    const original = item as { params?: unknown[]; result?: unknown }
    switch (parsed.type) {
      case 'invalid':
        return this.respond(errorMessage(idOf(item), parsed.payload), batch)
      case 'request': {
        const { id, method, params } = parsed.payload
        if (id === null) return this.respond(errorMessage(null, JsonRpcError.invalidRequest(item)), batch)
        if (this.options.refused?.includes(method)) return this.respond(errorMessage(id, sessionOnlyError(method)), batch)
        if (params !== undefined && !Array.isArray(params)) return this.respond(errorMessage(id, paramsError(params)), batch)
        if (batch !== undefined) owe(batch, jsonToText(id))
        this.socket.feed(messageToText(request(method, original.params ?? [], id)))
        return true
      }
      case 'notification': {
        const { method, params } = parsed.payload
        if (this.options.refused?.includes(method) || (params !== undefined && !Array.isArray(params))) return false
        this.socket.feed(messageToText(notification(method, original.params ?? [])))
        return false
      }
      case 'success':
        this.socket.feed(messageToText(reply(original.result, parsed.payload.id)))
        return false
      case 'error':
        this.socket.feed(messageToText(errorReply(parsed.payload.error, parsed.payload.id)))
    }
    return false
  }

  /** Takes one 1.0 message the Session wrote and sends it on as 2.0 (or keeps it for its batch). */
  private fromSession(text: string, done: () => void): void {
    let sent = false
    for (const json of this.framer.push(Buffer.from(text, 'utf8'))) {
      const message = messageFromJson(json)
      const converted = toRpc2(message)
      if (message.kind === 'reply' || message.kind === 'error') {
        const batch = this.batches.find((candidate) => candidate.owed.has(jsonToText(message.id)))
        if (batch !== undefined) {
          pay(batch, jsonToText(message.id), converted)
          this.settle(batch)
          continue
        }
      }
      sent = true
      this.options.send(jsonToText(converted), done)
    }
    if (!sent) done()
  }

  private respond(message: JsonRpc, batch: Batch | undefined): true {
    if (batch === undefined) this.emit(message)
    else batch.responses.push(message)
    return true
  }

  /** Sends a sealed batch whose every request has been answered (nothing when it held only notifications). */
  private settle(batch: Batch): void {
    if (!batch.sealed || batch.owed.size > 0) return
    this.batches.splice(this.batches.indexOf(batch), 1)
    if (batch.responses.length > 0) this.options.send(jsonToText(batch.responses), () => undefined)
  }

  private emit(message: JsonRpc): void {
    this.options.send(jsonToText(message), () => undefined)
  }
}

/**
 * The 2.0 form of a 1.0 message, built with jsonrpc-lite's classes (their constructors do not
 * re-validate: jsonrpc-lite's checks use JSON.stringify, which rejects our exact 64-bit integers).
 */
function toRpc2(message: Message): JsonRpc {
  switch (message.kind) {
    case 'reply':
      return new SuccessObject(message.id as ID, message.result as never)
    case 'error':
      return errorMessage(message.id as ID, rpc2Error(message.error))
    case 'notification':
      return new NotificationObject(message.method, [...message.params] as never)
    case 'request':
      return new RequestObject(message.id as ID, message.method, [...message.params] as never)
  }
}

function errorMessage(id: ID, error: JsonRpcError): ErrorObject {
  return new ErrorObject(id, error)
}

function owe(batch: Batch, idKey: string): void {
  batch.owed.set(idKey, (batch.owed.get(idKey) ?? 0) + 1)
}

function pay(batch: Batch, idKey: string, response: JsonRpc): void {
  batch.responses.push(response)
  const left = batch.owed.get(idKey)! - 1
  if (left === 0) batch.owed.delete(idKey)
  else batch.owed.set(idKey, left)
}

/**
 * `item` with its params and result emptied, for jsonrpc-lite's validation (which JSON.stringifies
 * them and so rejects exact 64-bit integers); the originals are what gets forwarded.
 */
function shapeOf(item: unknown): unknown {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return item
  const shape: Record<string, unknown> = { ...item }
  if (Array.isArray(shape.params)) shape.params = []
  if (shape.result !== undefined) shape.result = 0
  return shape
}

/** The id of a message that failed validation, when it has a usable one; else null. */
function idOf(item: unknown): ID {
  const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined
  return typeof id === 'string' || typeof id === 'number' ? id : null
}
