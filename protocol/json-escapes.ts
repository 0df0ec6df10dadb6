// The `\u` escapes ovsdb-server's JSON parser refuses although JSON.parse takes them (lib/json.c
// json_lex_unicode): a NUL, and a leading surrogate not followed by an escaped trailing one. It
// stops there, and the session is dropped. A trailing surrogate alone passes the parser; it
// fails later as a string that is not UTF-8 (schema/utf8.ts).

/** Why ovsdb-server's parser refuses a `\u` escape of `text` (valid JSON), or null when it takes them all. */
export function refusedEscape(text: string): string | null {
  for (let i = text.indexOf('\\'); i >= 0; i = text.indexOf('\\', i)) {
    if (text[i + 1] !== 'u') {
      i += 2
      continue
    }
    const first = hexValue(text, i + 2)
    i += 6
    if (first === 0) return 'null bytes not supported in quoted strings'
    if (first < 0xd800 || first > 0xdbff) continue
    if (text[i] !== '\\' || text[i + 1] !== 'u') return 'malformed escaped surrogate pair'
    const second = hexValue(text, i + 2)
    i += 6
    if (second === 0) return 'null bytes not supported in quoted strings'
    if (second < 0xdc00 || second > 0xdfff) return 'second half of escaped surrogate pair is not trailing surrogate'
  }
  return null
}

function hexValue(text: string, at: number): number {
  return Number.parseInt(text.slice(at, at + 4), 16)
}
