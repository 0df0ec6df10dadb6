// Errors of the JSON-RPC layer. OvsdbError (the wire error object) lives in schema/ because datum
// parsing raises it and is re-exported here; FramerError and MessageError are local: they never go
// on the wire, they tell the session to log the reason and close that one connection, as
// ovsdb-server does ("error parsing stream: ..." / "received bad JSON-RPC message: ...").

export { OvsdbError, ERROR_TAGS } from '../schema/index.js'
export type { ErrorTag } from '../schema/index.js'

/** The byte stream is not a sequence of JSON objects we accept: malformed, oversized or too deep. */
export class FramerError extends Error {
  /**
   * The values the failing `push` completed before the problem, in stream order: ovsdb-server
   * answers them before dropping the connection, so callers deliver them first. Empty when a
   * later push rethrows the error.
   */
  parsed: readonly unknown[] = []

  constructor(
    message: string,
    /** Offset in the connection's byte stream (counted from its first byte) where the problem was found. */
    readonly offset: number,
  ) {
    super(`${message} (at byte ${offset})`)
    this.name = 'FramerError'
  }
}

/** A complete JSON value that is not a valid JSON-RPC 1.0 message; `message` is ovsdb-server's text. */
export class MessageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MessageError'
  }
}
