// The framer's exact JSON parser: slower than JSON.parse but keeps 64-bit integers exact and
// classifies numbers the way ovsdb-server's lib/json.c does. The framer uses it only for objects
// holding long digit runs or exponents, and to explain where JSON.parse found a syntax error.

/** A syntax error at `position`, a UTF-16 index into the parsed text. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message)
    this.name = 'JsonSyntaxError'
  }
}

/** ovsdb-server's limit on nested arrays and objects (lib/json.c JSON_MAX_HEIGHT). */
export const MAX_NESTING_DEPTH = 1000

const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n
const NUMBER_TOKEN = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y
const NUMBER_PARTS = /^(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/

/** How parseJsonExact treats numbers ovsdb-server's parser refuses. */
export interface ExactParseOptions {
  /** Refuse subnormal reals ("number outside valid range"), as ovsdb-server does on the wire. */
  readonly refuseSubnormals?: boolean
}

/**
 * Parses one JSON text like JSON.parse, except numbers: see `numberFromToken` (subnormal reals
 * are refused only with `refuseSubnormals`, as what a peer sends; stored text keeps them). Duplicate member
 * names: the last wins (as in ovsdb-server). Throws JsonSyntaxError on malformed text or on more
 * than MAX_NESTING_DEPTH nested containers.
 */
export function parseJsonExact(text: string, options: ExactParseOptions = {}): unknown {
  const parser = new ExactParser(text, options.refuseSubnormals ?? false)
  const value = parser.value(0)
  parser.skipSpace()
  if (parser.pos < text.length) parser.fail('trailing garbage at end of input')
  return value
}

/** The smallest positive normal double (C's DBL_MIN). */
const SMALLEST_NORMAL = 2.2250738585072014e-308

/**
 * The value of a JSON number token as ovsdb-server reads it: an integer when its exact value is
 * a whole number in the int64 range (so `1.0` and `1e3` are integers), kept canonical (a `number`
 * when |v| <= 2^53 - 1, a `bigint` beyond); otherwise a real (`number`). Zero is never negative.
 * Throws RangeError "number outside valid range" when a real overflows a double, or with
 * `refuseSubnormals` is subnormal (ovsdb-server's strtod reports ERANGE for both; a real that
 * underflows to zero reads as 0).
 */
export function numberFromToken(token: string, refuseSubnormals = false): number | bigint {
  const parts = NUMBER_PARTS.exec(token)
  if (parts === null) throw new RangeError(`syntax error in number "${token}"`)
  const [, sign, whole, fraction = '', exponent = '0'] = parts
  let digits = (whole + fraction).replace(/^0+/, '')
  if (digits === '') return 0
  let pow10 = Number(exponent) - fraction.length
  if (pow10 < 0) {
    const zeros = /0*$/.exec(digits)![0].length
    const stripped = Math.min(zeros, -pow10)
    digits = digits.slice(0, digits.length - stripped)
    pow10 += stripped
  }
  if (pow10 >= 0 && digits.length + pow10 <= 19) {
    const magnitude = BigInt(digits) * 10n ** BigInt(pow10)
    const value = sign === '-' ? -magnitude : magnitude
    if (value >= INT64_MIN && value <= INT64_MAX) return canonicalInteger(value)
  }
  const real = Number(token)
  if (!Number.isFinite(real) || (refuseSubnormals && real !== 0 && Math.abs(real) < SMALLEST_NORMAL)) {
    throw new RangeError('number outside valid range')
  }
  return real
}

function canonicalInteger(value: bigint): number | bigint {
  const small = Number(value)
  return Number.isSafeInteger(small) ? small : value
}

/** Recursive descent over one text; `pos` is the next UTF-16 index to read. */
class ExactParser {
  pos = 0
  constructor(
    private readonly text: string,
    private readonly refuseSubnormals: boolean,
  ) {}

  fail(message: string): never {
    throw new JsonSyntaxError(message, this.pos)
  }

  skipSpace(): void {
    const text = this.text
    let c = text.charCodeAt(this.pos)
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++this.pos)
  }

  value(depth: number): unknown {
    this.skipSpace()
    const c = this.text.charCodeAt(this.pos)
    if (c === 0x7b || c === 0x5b) {
      if (depth >= MAX_NESTING_DEPTH) this.fail(`input exceeds maximum nesting depth ${MAX_NESTING_DEPTH}`)
      return c === 0x7b ? this.object(depth + 1) : this.array(depth + 1)
    }
    if (c === 0x22) return this.string()
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number()
    if (c >= 0x61 && c <= 0x7a) return this.keyword()
    return this.fail(Number.isNaN(c) ? 'unexpected end of input' : 'syntax error expecting value')
  }

  private object(depth: number): Record<string, unknown> {
    const object: Record<string, unknown> = {}
    this.pos++
    this.skipSpace()
    if (this.text.charCodeAt(this.pos) === 0x7d) {
      this.pos++
      return object
    }
    for (;;) {
      this.skipSpace()
      if (this.text.charCodeAt(this.pos) !== 0x22) this.fail('syntax error parsing object expecting string')
      const name = this.string()
      this.skipSpace()
      if (this.text.charCodeAt(this.pos) !== 0x3a) this.fail("syntax error parsing object expecting ':'")
      this.pos++
      const member = this.value(depth)
      Object.defineProperty(object, name, { value: member, writable: true, enumerable: true, configurable: true })
      this.skipSpace()
      const next = this.text.charCodeAt(this.pos)
      if (next !== 0x7d && next !== 0x2c) this.fail("syntax error expecting '}' or ','")
      this.pos++
      if (next === 0x7d) return object
    }
  }

  private array(depth: number): unknown[] {
    const array: unknown[] = []
    this.pos++
    this.skipSpace()
    if (this.text.charCodeAt(this.pos) === 0x5d) {
      this.pos++
      return array
    }
    for (;;) {
      array.push(this.value(depth))
      this.skipSpace()
      const next = this.text.charCodeAt(this.pos)
      if (next !== 0x5d && next !== 0x2c) this.fail("syntax error expecting ']' or ','")
      this.pos++
      if (next === 0x5d) return array
    }
  }

  private string(): string {
    const text = this.text
    const start = this.pos
    let escaped = false
    let i = start + 1
    for (;;) {
      const c = text.charCodeAt(i)
      if (c === 0x22) break
      if (c === 0x5c) {
        escaped = true
        i += 2
        continue
      }
      this.pos = i
      if (Number.isNaN(c)) this.fail('unexpected end of input in quoted string')
      if (c < 0x20) this.fail(`U+${c.toString(16).toUpperCase().padStart(4, '0')} must be escaped in quoted string`)
      i++
    }
    this.pos = i + 1
    if (!escaped) return text.slice(start + 1, i)
    try {
      return JSON.parse(text.slice(start, i + 1)) as string
    } catch {
      this.pos = start
      return this.fail('bad escape in quoted string')
    }
  }

  private number(): number | bigint {
    NUMBER_TOKEN.lastIndex = this.pos
    const match = NUMBER_TOKEN.exec(this.text)
    if (match === null) this.fail('syntax error in number')
    try {
      const value = numberFromToken(match[0], this.refuseSubnormals)
      this.pos += match[0].length
      return value
    } catch (error) {
      return this.fail((error as Error).message)
    }
  }

  private keyword(): boolean | null {
    const word = /[a-z]+/y
    word.lastIndex = this.pos
    const name = word.exec(this.text)![0]
    if (name === 'true' || name === 'false' || name === 'null') {
      this.pos += name.length
      return name === 'true' ? true : name === 'false' ? false : null
    }
    return this.fail(`invalid keyword '${name}'`)
  }
}
