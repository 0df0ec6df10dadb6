// JSON-RPC 1.0 messages exactly as ovsdb-server accepts and sends them (lib/jsonrpc.c): the four
// shapes, their validation with ovsdb-server's own complaint strings, builders, and the wire text
// with members in the order ovsdb-server 3.1 emits them (observed: `{"id":1,"result":[],"error":null}`).

import { jsonToText, unusedMembersAsOvs } from '../schema/index.js'
import { MessageError } from './errors.js'

/** A call that expects a reply; `id` is any JSON value but null, echoed in the reply. */
export interface Request {
  readonly kind: 'request'
  readonly method: string
  readonly params: readonly unknown[]
  readonly id: unknown
}

/** A call without a reply: `"id": null` on the wire (update, locked, stolen, cancel, ...). */
export interface Notification {
  readonly kind: 'notification'
  readonly method: string
  readonly params: readonly unknown[]
}

/** A successful answer: `"error": null` on the wire. */
export interface Reply {
  readonly kind: 'reply'
  readonly result: unknown
  readonly id: unknown
}

/** A failed answer: ovsdb-server omits `result` entirely. `error` is a bare string or an OVSDB error object. */
export interface ErrorReply {
  readonly kind: 'error'
  readonly error: unknown
  readonly id: unknown
}

export type Message = Request | Notification | Reply | ErrorReply

/** Builds a request; `id` must not be null (a null id makes it a notification). */
export function request(method: string, params: readonly unknown[], id: unknown): Request {
  return { kind: 'request', method, params, id }
}

/** Builds a notification. */
export function notification(method: string, params: readonly unknown[]): Notification {
  return { kind: 'notification', method, params }
}

/** Builds a successful reply to the request with `id`; `result` must not be null. */
export function reply(result: unknown, id: unknown): Reply {
  return { kind: 'reply', result, id }
}

/** Builds an error reply to the request with `id` (an OvsdbError serialises through its toJSON). */
export function errorReply(error: unknown, id: unknown): ErrorReply {
  return { kind: 'error', error, id }
}

/**
 * The wire text of `msg`, compact, in ovsdb-server's member order: request and notification
 * `{"id","method","params"}`, reply `{"id","result","error":null}`, error `{"id","error"}`.
 */
export function messageToText(msg: Message): string {
  switch (msg.kind) {
    case 'request':
      return `{"id":${jsonToText(msg.id)},"method":${jsonToText(msg.method)},"params":${jsonToText(msg.params)}}`
    case 'notification':
      return `{"id":null,"method":${jsonToText(msg.method)},"params":${jsonToText(msg.params)}}`
    case 'reply':
      return `{"id":${jsonToText(msg.id)},"result":${jsonToText(msg.result)},"error":null}`
    case 'error':
      return `{"id":${jsonToText(msg.id)},"error":${jsonToText(msg.error)}}`
  }
}

const MEMBERS = ['method', 'params', 'result', 'error', 'id'] as const
type Member = (typeof MEMBERS)[number]
const KNOWN_MEMBERS: ReadonlySet<string> = new Set(MEMBERS)

/** Which members each kind must have (all others it must not), checked in MEMBERS order. */
const REQUIRED: Record<Message['kind'], readonly Member[]> = {
  request: ['method', 'params', 'id'],
  notification: ['method', 'params'],
  reply: ['result', 'id'],
  error: ['error', 'id'],
}

/**
 * Classifies and validates a received JSON value as ovsdb-server does (jsonrpc_msg_from_json):
 * members whose value is null count as absent; a non-null `result` makes a reply, else a non-null
 * `error` an error reply, else a non-null `id` a request, else a notification. Throws MessageError
 * with ovsdb-server's text, e.g. `"params" must be JSON array`, `request must have "method"`,
 * `message has unexpected member "x"`; ovsdb-server drops the connection on any of them.
 */
export function messageFromJson(json: unknown): Message {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new MessageError('message is not a JSON object')
  }
  const object = json as Record<string, unknown>
  if ('method' in object && typeof object.method !== 'string') throw new MessageError('method is not a JSON string')
  const unexpected = unusedMembersAsOvs(object, KNOWN_MEMBERS)
  if (unexpected.length > 0) throw new MessageError(`message has unexpected member "${unexpected[0]}"`)
  const present = (name: Member): boolean => object[name] !== undefined && object[name] !== null
  const kind = present('result') ? 'reply' : present('error') ? 'error' : present('id') ? 'request' : 'notification'
  if (present('params') && !Array.isArray(object.params)) throw new MessageError('"params" must be JSON array')
  for (const name of MEMBERS) {
    const required = REQUIRED[kind].includes(name)
    if (present(name) !== required) {
      throw new MessageError(`${kind} must${required ? '' : ' not'} have "${name}"`)
    }
  }
  return toMessage(kind, object)
}

function toMessage(kind: Message['kind'], object: Record<string, unknown>): Message {
  switch (kind) {
    case 'request':
      return request(object.method as string, object.params as unknown[], object.id)
    case 'notification':
      return notification(object.method as string, object.params as unknown[])
    case 'reply':
      return reply(object.result, object.id)
    case 'error':
      return errorReply(object.error, object.id)
  }
}
