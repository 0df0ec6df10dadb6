// Incremental framer for the JSON-RPC 1.0 byte stream of RFC 7047: JSON objects back to back with
// optional whitespace between them and no delimiter (ovsdb-server's lib/jsonrpc.c + lib/json.c).
// Each byte is scanned once for object boundaries; each complete object is parsed once, by
// JSON.parse, or by the exact parser when it holds numbers JSON.parse could round. The scan also
// checks, byte by byte as ovsdb-server's parser does, that each token may follow the one before,
// so a message cut short and followed by another fails the stream at once instead of waiting for
// a close that never comes. Bytes that are not UTF-8 are kept as lone surrogates (schema/utf8.ts),
// and `\u` escapes ovsdb-server's parser refuses (a NUL, half a surrogate pair) fail the stream as
// they fail it there.

import { isUtf8 } from 'node:buffer'
import { decodeUtf8Escaped } from '../schema/utf8.js'
import { FramerError } from './errors.js'
import { refusedEscape } from './json-escapes.js'
import { JsonSyntaxError, MAX_NESTING_DEPTH, parseJsonExact } from './json-parse.js'

/** Limits of one connection's stream. */
export interface FramerOptions {
  /** Largest accepted message, in bytes of UTF-8 text from its `{` to its `}`. */
  readonly maxMessageBytes: number
}

/** Numbers as ovsdb-server reads them from a peer: subnormal reals refused. */
const WIRE = { refuseSubnormals: true }

/** A digit run this long may be an integer beyond 2^53 (2^53 has 16 digits). */
const LONG_DIGIT_RUN = 16

/** What each byte value is to the scan loop outside strings (0: a byte never valid there). */
const SPACE = 1
const DIGIT = 2
const QUOTE = 3
const OPEN = 4
const CLOSE = 5
const EXPONENT = 6
/** Any other byte of a number or keyword: letters, `-`, `+`, `.`. */
const SCALAR = 7
const COLON = 8
const COMMA = 9
const BYTE_CLASS = new Uint8Array(256)
BYTE_CLASS.fill(SCALAR, 0x41, 0x5b)
BYTE_CLASS.fill(SCALAR, 0x61, 0x7b)
BYTE_CLASS[0x2b] = BYTE_CLASS[0x2d] = BYTE_CLASS[0x2e] = SCALAR
BYTE_CLASS[0x20] = BYTE_CLASS[0x0a] = BYTE_CLASS[0x0d] = BYTE_CLASS[0x09] = SPACE
BYTE_CLASS.fill(DIGIT, 0x30, 0x3a)
BYTE_CLASS[0x22] = QUOTE
BYTE_CLASS[0x7b] = BYTE_CLASS[0x5b] = OPEN
BYTE_CLASS[0x7d] = BYTE_CLASS[0x5d] = CLOSE
BYTE_CLASS[0x65] = BYTE_CLASS[0x45] = EXPONENT
BYTE_CLASS[0x3a] = COLON
BYTE_CLASS[0x2c] = COMMA

// What may come next inside a message; the states that take a number or keyword come first.
/** Inside a number or keyword: more of it, or what may follow a value. */
const IN_SCALAR = 0
/** After `:`, or `,` in an array: a value. */
const VALUE = 1
/** After `[`: a value or `]`. */
const FIRST_VALUE = 2
/** After `,` in an object: a member name. */
const NAME = 3
/** After `{`: a member name or `}`. */
const FIRST_NAME = 4
/** After a member name: `:`. */
const NAME_COLON = 5
/** After a string or a container: `,` or a close. */
const AFTER_VALUE = 6

/**
 * Splits one connection's byte stream into JSON values. Feed it chunks as they arrive, split
 * anywhere (inside strings, escapes or UTF-8 sequences); `push` returns the values completed by
 * that chunk, in order. Only objects are accepted at the top level: ovsdb-server drops the
 * connection on any other value (a top-level array parses, then fails as "message is not a JSON
 * object"; a scalar fails as "syntax error at beginning of input"), and so do we, with a
 * FramerError. Any FramerError is final: later pushes rethrow it, and the caller should deliver its
 * `parsed` values (completed before the problem), log it and close the connection. Integers
 * beyond 2^53 come back as `bigint` (see numberFromToken).
 * Bytes of an incomplete message are kept by reference: do not modify a chunk after pushing it.
 */
export class Framer {
  private readonly maxMessageBytes: number
  /** Stream bytes before the chunk being scanned. */
  private consumed = 0
  /** Nesting depth at the scan position; 0 between messages. */
  private depth = 0
  /** What may come next at the scan position inside a message (IN_SCALAR ... AFTER_VALUE). */
  private expect = FIRST_NAME
  /** The opening byte (`{` or `[`) of each open container, by depth. */
  private readonly openers = new Uint8Array(MAX_NESTING_DEPTH + 1)
  private inString = false
  /** Inside a string, the next byte is escaped by a backslash that ended the previous chunk. */
  private escaped = false
  /** Length of the run of digits just before the scan position, outside strings. */
  private digitRun = 0
  /** The current message has a long digit run or an exponent: parse it exactly. */
  private exact = false
  /** The current message has a `\u` escape, which ovsdb-server may refuse (json-escapes.ts). */
  private unicodeEscape = false
  /** Stream offset of the current message's `{`. */
  private messageStart = 0
  /** The current message's bytes from earlier chunks. */
  private parts: Buffer[] = []
  private partBytes = 0
  private failure: FramerError | undefined

  constructor(options: FramerOptions) {
    this.maxMessageBytes = options.maxMessageBytes
  }

  /** Scans `chunk` and returns the JSON values it completes. Throws FramerError (see the class). */
  push(chunk: Buffer): unknown[] {
    if (this.failure !== undefined) {
      this.failure.parsed = []
      throw this.failure
    }
    const values: unknown[] = []
    try {
      this.scan(chunk, values)
      return values
    } catch (error) {
      if (error instanceof FramerError) {
        error.parsed = values
        this.failure = error
      }
      throw error
    } finally {
      this.consumed += chunk.length
    }
  }

  /** Bytes of an incomplete message held since earlier chunks (0 between messages). */
  get pendingBytes(): number {
    return this.partBytes
  }

  /**
   * The hot loop: one pass over `chunk` with the scan state in locals (written back on exit and
   * before each parse), appending completed values to `values`. Strings are skipped byte by byte,
   * two at a time over escapes.
   */
  private scan(chunk: Buffer, values: unknown[]): void {
    const n = chunk.length
    let start = this.depth > 0 ? 0 : -1
    let i = this.inString ? this.finishString(chunk) : 0
    let depth = this.depth
    let expect = this.expect
    let run = this.digitRun
    let exact = this.exact
    while (i < n) {
      const c = chunk[i]
      if (depth === 0) {
        if (this.startsMessage(c, i)) {
          start = i
          depth = 1
          expect = FIRST_NAME
          exact = false
          this.unicodeEscape = false
        }
      } else {
        switch (BYTE_CLASS[c]) {
          case DIGIT:
            if (expect > FIRST_VALUE) this.unexpected(chunk, start, i)
            expect = IN_SCALAR
            if (++run >= LONG_DIGIT_RUN) exact = true
            i++
            continue
          case SPACE:
            if (expect === IN_SCALAR) expect = AFTER_VALUE
            break
          case QUOTE:
            if (expect === VALUE || expect === FIRST_VALUE) expect = AFTER_VALUE
            else if (expect === NAME || expect === FIRST_NAME) expect = NAME_COLON
            else this.unexpected(chunk, start, i)
            i = this.skipString(chunk, i + 1)
            break
          case COLON:
            if (expect !== NAME_COLON) this.unexpected(chunk, start, i)
            expect = VALUE
            break
          case COMMA:
            if (expect !== AFTER_VALUE && expect !== IN_SCALAR) this.unexpected(chunk, start, i)
            expect = this.openers[depth] === 0x7b ? NAME : VALUE
            break
          case OPEN:
            if (expect !== VALUE && expect !== FIRST_VALUE) this.unexpected(chunk, start, i)
            if (++depth > MAX_NESTING_DEPTH) this.fail(`input exceeds maximum nesting depth ${MAX_NESTING_DEPTH}`, i)
            this.openers[depth] = c
            expect = c === 0x7b ? FIRST_NAME : FIRST_VALUE
            break
          case CLOSE:
            if (this.openers[depth] !== c - 2) this.mismatch(c, i, depth)
            if (expect !== AFTER_VALUE && expect !== IN_SCALAR && expect !== (c === 0x7d ? FIRST_NAME : FIRST_VALUE)) {
              this.unexpected(chunk, start, i)
            }
            expect = AFTER_VALUE
            if (--depth === 0) {
              this.exact = exact
              values.push(this.complete(chunk, start, i + 1))
            }
            break
          case EXPONENT:
            if (expect > FIRST_VALUE) this.unexpected(chunk, start, i)
            if (run > 0) exact = true
            expect = IN_SCALAR
            break
          case SCALAR:
            if (expect > FIRST_VALUE) this.unexpected(chunk, start, i)
            expect = IN_SCALAR
            break
          default:
            this.unexpected(chunk, start, i)
        }
      }
      run = 0
      i++
    }
    this.depth = depth
    this.expect = expect
    this.digitRun = run
    this.exact = exact
    if (depth > 0) this.keep(chunk, start)
  }

  /** Between messages: whitespace is skipped, `{` opens a message, anything else is fatal. */
  private startsMessage(c: number, i: number): boolean {
    if (c === 0x7b) {
      this.messageStart = this.consumed + i
      this.openers[1] = c
      return true
    }
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) return false
    if (c === 0x5b) this.fail('message is not a JSON object (top-level array)', i)
    const shown = c > 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `U+${c.toString(16).padStart(4, '0')}`
    return this.fail(`syntax error at beginning of input: expected '{', got ${shown}`, i)
  }

  /** Continues a string carried over from the previous chunk; returns the index after its end. */
  private finishString(chunk: Buffer): number {
    const from = this.escaped ? 1 : 0
    if (this.escaped && chunk[0] === 0x75) this.unicodeEscape = true
    this.inString = false
    this.escaped = false
    const end = this.skipString(chunk, from)
    return this.inString ? end : end + 1
  }

  /**
   * Skips string bytes from `i`; returns the index of the closing quote. When the chunk ends
   * first, records that the string (and perhaps an escape) continues and returns the chunk length.
   */
  private skipString(chunk: Buffer, i: number): number {
    const n = chunk.length
    while (i < n) {
      const c = chunk[i]
      if (c === 0x22) return i
      if (c !== 0x5c) {
        i++
        continue
      }
      if (chunk[i + 1] === 0x75) this.unicodeEscape = true
      i += 2
    }
    this.inString = true
    this.escaped = i > n
    return n
  }

  /** Holds the incomplete message's bytes of `chunk` from `start`, within the size limit. */
  private keep(chunk: Buffer, start: number): void {
    this.parts.push(start === 0 ? chunk : chunk.subarray(start))
    this.partBytes += chunk.length - start
    if (this.partBytes > this.maxMessageBytes) {
      this.fail(`message exceeds the limit of ${this.maxMessageBytes} bytes before it is complete`, chunk.length - 1)
    }
  }

  /** Parses the message ending at `end` in `chunk`, with its bytes held from earlier chunks. */
  private complete(chunk: Buffer, start: number, end: number): unknown {
    const size = this.partBytes + end - start
    if (size > this.maxMessageBytes) {
      this.fail(`message of ${size} bytes exceeds the limit of ${this.maxMessageBytes} bytes`, end - 1)
    }
    let bytes: Buffer | undefined
    if (this.parts.length > 0) {
      this.parts.push(chunk.subarray(start, end))
      bytes = Buffer.concat(this.parts, size)
      this.parts = []
      this.partBytes = 0
    }
    let text = bytes === undefined ? chunk.toString('utf8', start, end) : bytes.toString('utf8')
    if (text.includes('\uFFFD')) {
      bytes ??= chunk.subarray(start, end)
      if (!isUtf8(bytes)) text = decodeUtf8Escaped(bytes)
    }
    const value = this.parse(text)
    const refused = this.unicodeEscape ? refusedEscape(text) : null
    if (refused !== null) this.fail(`malformed JSON: ${refused}`, end - 1)
    return value
  }

  /** JSON.parse when no number needs care; the exact parser otherwise, or to locate an error. */
  private parse(text: string): unknown {
    if (!this.exact) {
      try {
        return JSON.parse(text) as unknown
      } catch {
        // Fall through: the exact parser names the error and its position.
      }
    }
    try {
      return parseJsonExact(text, WIRE)
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error
      const offset = this.messageStart + Buffer.byteLength(text.slice(0, error.position))
      throw new FramerError(`malformed JSON: ${error.message}`, offset)
    }
  }

  /**
   * Throws for the byte at `i`, which may not follow what came before it in the message that
   * started at `start` (held bytes first): the exact parser, given the message up to that byte,
   * names the problem as ovsdb-server's would.
   */
  private unexpected(chunk: Buffer, start: number, i: number): never {
    const bytes = Buffer.concat([...this.parts, chunk.subarray(start, i + 1)])
    this.parse(bytes.toString('utf8'))
    return this.fail(`malformed JSON: syntax error at '${String.fromCharCode(chunk[i])}'`, i)
  }

  /** Throws for a `}` closing a `[` or a `]` closing a `{`, as soon as it is seen. */
  private mismatch(close: number, i: number, depth: number): never {
    const expected = this.openers[depth] === 0x7b ? "'}' or ','" : "']' or ','"
    return this.fail(`malformed JSON: syntax error expecting ${expected}, got '${String.fromCharCode(close)}'`, i)
  }

  /** Throws a FramerError located at index `i` of the chunk being scanned. */
  private fail(message: string, i: number): never {
    throw new FramerError(message, this.consumed + i)
  }
}
