// The one error type: the OVSDB error object of RFC 7047 §3.1 (`error` tag, `details`) plus
// Open vSwitch's `syntax` member, spelled exactly as ovsdb-server spells them, since clients match
// on the strings. It lives in schema/ because datum parsing raises it; protocol/ re-exports it.

/** Every error tag ovsdb-server 3.1 can put on the wire (ovsdb-server.7 §3.1, lib/ovsdb-error.c). */
export const ERROR_TAGS = [
  'syntax error',
  'constraint violation',
  'referential integrity violation',
  'unknown column',
  'unknown function',
  'unknown mutator',
  'unknown database',
  'domain error',
  'range error',
  'timed out',
  'not supported',
  'not allowed',
  'not owner',
  'aborted',
  'duplicate uuid-name',
  'duplicate uuid',
  'ovsdb error',
  'I/O error',
  'internal error',
  'invalid parameters',
  'permission error',
  'canceled',
  'unknown method',
  'unknown monitor',
  'resources exhausted',
] as const
export type ErrorTag = (typeof ERROR_TAGS)[number]

/** An OVSDB error: `tag` and `details` as ovsdb-server spells them, `syntax` the offending JSON's text. */
export class OvsdbError extends Error {
  constructor(
    readonly tag: ErrorTag,
    readonly details?: string,
    /** The offending JSON as text (ovsdb-server sends `syntax` as a JSON-serialised string). */
    readonly syntax?: string,
  ) {
    super(details === undefined ? tag : `${tag}: ${details}`)
    this.name = 'OvsdbError'
  }

  /**
   * The wire form: `{syntax?, details?, error}`, members present only when set and in the order
   * ovsdb-server writes them (the walk of its hash table, schema/ovs-hash-order.ts).
   */
  toJSON(): { error: ErrorTag; details?: string; syntax?: string } {
    return {
      ...(this.syntax === undefined ? {} : { syntax: this.syntax }),
      ...(this.details === undefined ? {} : { details: this.details }),
      error: this.tag,
    }
  }
}
