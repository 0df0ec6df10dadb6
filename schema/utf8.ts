// UTF-8 as ovsdb-server checks it (lib/unicode.c utf8_validate): the well-formed byte sequences of
// Unicode's table 3-7, and the bytes it names when a string breaks them. Bytes that are not UTF-8
// survive in our strings as lone surrogates: the framer decodes each byte of a message it cannot
// place (0x80-0xff) as U+DC80-U+DCFF (a "surrogate escape"), and a `\udc00`-`\udfff` escape with
// no leading half arrives as itself (ovsdb-server's parser writes it as the three bytes ED Bx xx,
// which are not UTF-8 either). So a string without a lone surrogate is valid UTF-8.

/** Per lead byte range, the ranges of the bytes that must follow it. */
const SEQUENCES: readonly (readonly (readonly [number, number])[])[] = [
  [[0xc2, 0xdf], [0x80, 0xbf]],
  [[0xe0, 0xe0], [0xa0, 0xbf], [0x80, 0xbf]],
  [[0xe1, 0xec], [0x80, 0xbf], [0x80, 0xbf]],
  [[0xed, 0xed], [0x80, 0x9f], [0x80, 0xbf]],
  [[0xee, 0xef], [0x80, 0xbf], [0x80, 0xbf]],
  [[0xf0, 0xf0], [0x90, 0xbf], [0x80, 0xbf], [0x80, 0xbf]],
  [[0xf1, 0xf3], [0x80, 0xbf], [0x80, 0xbf], [0x80, 0xbf]],
  [[0xf4, 0xf4], [0x80, 0x8f], [0x80, 0xbf], [0x80, 0xbf]],
]

/** The first escaped byte (0x80 escapes as U+DC80). */
const ESCAPE_BASE = 0xdc00

/**
 * The length of the UTF-8 sequence at `bytes[i]` (before `end`), or minus the number of bytes
 * ovsdb-server names when it is not one: the lead byte, or the lead up to the first wrong byte
 * (past `end` it reads the string's terminating NUL, which is always wrong).
 */
function sequenceLength(bytes: Uint8Array, i: number, end: number): number {
  const lead = bytes[i]
  if (lead < 0x80) return 1
  const sequence = SEQUENCES.find(([[low, high]]) => lead >= low && lead <= high)
  if (sequence === undefined) return -1
  for (let k = 1; k < sequence.length; k++) {
    const byte = i + k < end ? bytes[i + k] : 0
    if (byte < sequence[k][0] || byte > sequence[k][1]) return -(k + 1)
  }
  return sequence.length
}

/** `bytes` decoded as UTF-8, each byte that is not part of a well-formed sequence as U+DC80-U+DCFF. */
export function decodeUtf8Escaped(bytes: Buffer): string {
  let text = ''
  let runStart = 0
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes, i, bytes.length)
    if (length > 0) {
      i += length
      continue
    }
    text += bytes.toString('utf8', runStart, i) + String.fromCharCode(ESCAPE_BASE + bytes[i])
    runStart = ++i
  }
  return text + bytes.toString('utf8', runStart)
}

/** What ovsdb-server finds wrong with `text` ("invalid UTF-8 sequence 0xed 0xb0"), or null when it is valid UTF-8. */
export function utf8Problem(text: string): string | null {
  if (text.isWellFormed()) return null
  const bytes = ovsBytes(text)
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes, i, bytes.length)
    if (length < 0) {
      const named = Array.from({ length: -length }, (_, k) => `0x${(bytes[i + k] ?? 0).toString(16).padStart(2, '0')}`)
      return `invalid UTF-8 sequence ${named.join(' ')}`
    }
    i += length
  }
  return null
}

/** The bytes ovsdb-server holds for `text`: escaped bytes as themselves, other lone surrogates as three bytes. */
function ovsBytes(text: string): Uint8Array {
  const bytes: number[] = []
  for (const char of text) {
    const code = char.codePointAt(0)!
    if (code >= ESCAPE_BASE + 0x80 && code <= ESCAPE_BASE + 0xff) bytes.push(code - ESCAPE_BASE)
    else if (code >= 0xd800 && code <= 0xdfff) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f))
    else bytes.push(...Buffer.from(char, 'utf8'))
  }
  return Uint8Array.from(bytes)
}
