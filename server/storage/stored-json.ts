// JSON text for what storage writes: like jsonToText, but reals keep JavaScript's shortest exact
// form instead of ovsdb-server's %.15g, so every double survives a restart bit for bit; integers
// beyond 2^53 (bigint) are written as their exact digits and read back with the exact parser.

import { parseJsonExact } from '../../protocol/index.js'
import { RealJson } from '../../schema/index.js'

/** Long digit runs mean a number JSON.parse would round: only then use the slower exact parser. */
const LONG_DIGITS = /[0-9]{16}/

/**
 * Serialises `value` (JSON data, bigint allowed) compactly and exactly. Without bigints this is
 * JSON.stringify's text (the same shortest reals), so that does the work; a bigint makes it throw.
 */
export function storedJsonText(value: unknown): string {
  let text: string | undefined
  try {
    text = JSON.stringify(value)
  } catch {
    return exactText(value)
  }
  return text ?? exactText(value)
}

function exactText(value: unknown): string {
  switch (typeof value) {
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(value)
    case 'string':
      return JSON.stringify(value)
    case 'object':
      if (value === null) return 'null'
      if (Array.isArray(value)) return `[${value.map(exactText).join(',')}]`
      if (value instanceof RealJson) return String(value.value)
      return objectText(value as Record<string, unknown>)
    default:
      throw new TypeError(`cannot store a ${typeof value} as JSON`)
  }
}

/** Parses text written by storedJsonText (or any JSON), keeping big integers exact. */
export function parseStoredJson(text: string): unknown {
  return LONG_DIGITS.test(text) ? parseJsonExact(text) : JSON.parse(text)
}

function objectText(object: Record<string, unknown>): string {
  let text = '{'
  for (const key of Object.keys(object)) {
    if (object[key] === undefined) continue
    if (text.length > 1) text += ','
    text += JSON.stringify(key) + ':' + exactText(object[key])
  }
  return text + '}'
}
