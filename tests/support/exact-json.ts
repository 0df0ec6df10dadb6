// Exact JSON parsing for the test harness: like JSON.parse, but integers beyond 2^53 come back as
// bigint (the shape protocol/'s framer gives the engine). Interim until protocol/ exports its framer;
// then this file becomes a thin wrapper over it.

/** Parses one JSON text; integers outside the safe range become bigint. Throws SyntaxError. */
export function parseJsonExact(text: string): unknown {
  const parser = new Parser(text)
  const value = parser.value()
  parser.end()
  return value
}

/**
 * Splits a byte stream of concatenated JSON values (RFC 7047's JSON-RPC 1.0 framing) into parsed
 * messages. `push` returns every message completed by `chunk`.
 */
export class JsonStreamSplitter {
  private buffered = ''
  private depth = 0
  private inString = false
  private escaped = false
  private scanned = 0
  private readonly decoder = new TextDecoder()

  push(chunk: Uint8Array): unknown[] {
    this.buffered += this.decoder.decode(chunk, { stream: true })
    const messages: unknown[] = []
    for (; this.scanned < this.buffered.length; this.scanned++) {
      if (this.step(this.buffered[this.scanned]) && this.depth === 0) {
        messages.push(parseJsonExact(this.buffered.slice(0, this.scanned + 1)))
        this.buffered = this.buffered.slice(this.scanned + 1)
        this.scanned = -1
      }
    }
    return messages
  }

  /** Advances the scanner by one character; true when it closed a bracket. */
  private step(c: string): boolean {
    if (this.inString) {
      if (this.escaped) this.escaped = false
      else if (c === '\\') this.escaped = true
      else if (c === '"') this.inString = false
      return false
    }
    if (c === '"') this.inString = true
    else if (c === '{' || c === '[') this.depth++
    else if (c === '}' || c === ']') return --this.depth === 0
    return false
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y

class Parser {
  private at = 0
  constructor(private readonly text: string) {}

  value(): unknown {
    this.skipSpace()
    const c = this.text[this.at]
    if (c === '{') return this.object()
    if (c === '[') return this.array()
    if (c === '"') return this.string()
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length
        return value
      }
    }
    return this.number()
  }

  end(): void {
    this.skipSpace()
    if (this.at !== this.text.length) this.fail('trailing characters')
  }

  private object(): Record<string, unknown> {
    const object: Record<string, unknown> = {}
    this.at++
    if (this.peek() === '}') return this.at++, object
    for (;;) {
      this.skipSpace()
      const key = this.string()
      this.expect(':')
      object[key] = this.value()
      if (this.peek() === '}') return this.at++, object
      this.expect(',')
    }
  }

  private array(): unknown[] {
    const array: unknown[] = []
    this.at++
    if (this.peek() === ']') return this.at++, array
    for (;;) {
      array.push(this.value())
      if (this.peek() === ']') return this.at++, array
      this.expect(',')
    }
  }

  private string(): string {
    const end = /"(?:[^"\\\u0000-\u001f]|\\.)*"/y
    end.lastIndex = this.at
    const match = end.exec(this.text)
    if (!match) this.fail('bad string')
    this.at = end.lastIndex
    return JSON.parse(match[0]) as string
  }

  private number(): number | bigint {
    NUMBER.lastIndex = this.at
    const match = NUMBER.exec(this.text)
    if (!match) this.fail('unexpected character')
    this.at = NUMBER.lastIndex
    const n = Number(match[0])
    if (match[1] === undefined && match[2] === undefined && !Number.isSafeInteger(n)) return BigInt(match[0])
    return n
  }

  private peek(): string | undefined {
    this.skipSpace()
    return this.text[this.at]
  }

  private expect(c: string): void {
    if (this.peek() !== c) this.fail(`expected ${c}`)
    this.at++
  }

  private skipSpace(): void {
    while (/[ \t\r\n]/.test(this.text[this.at] ?? '')) this.at++
  }

  private fail(what: string): never {
    throw new SyntaxError(`JSON: ${what} at offset ${this.at}`)
  }
}
