// The public surface of protocol/: the JSON-RPC 1.0 stream of RFC 7047 (framer, exact JSON
// parsing), message shapes and their wire text, method names, and the errors of this layer.

export { Framer } from './framer.js'
export type { FramerOptions } from './framer.js'
export { parseJsonExact, numberFromToken, JsonSyntaxError, MAX_NESTING_DEPTH } from './json-parse.js'
export { request, notification, reply, errorReply, messageToText, messageFromJson } from './messages.js'
export type { Request, Notification, Reply, ErrorReply, Message } from './messages.js'
export { METHODS, isMethod } from './methods.js'
export type { Method } from './methods.js'
export { OvsdbError, ERROR_TAGS, FramerError, MessageError } from './errors.js'
export type { ErrorTag } from './errors.js'
