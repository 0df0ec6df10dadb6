// JSON text exactly as ovsdb-server puts it on the wire (lib/json.c): compact, 64-bit integers
// as their exact digits (bigint), reals as `%.15g`, strings escaped like JSON.stringify (which
// matches OVS for valid Unicode: named escapes \b \t \n \f \r, \u00xx for other controls, raw UTF-8).

import { INT64_MAX, INT64_MIN } from './integer.js'
import { RealJson } from './real-json.js'
import { realToText } from './real-text.js'
import { compareStrings } from './string-order.js'

/**
 * Serialises a JSON value (with bigint for big integers) as ovsdb-server does on the wire.
 * A `number` that is a safe integer prints as an integer; any other number is a real, and so are
 * a RealJson and a bigint outside int64 (ovsdb-server's parser reads such literals as reals).
 * Object members keep insertion order; `undefined` members are left out, as JSON.stringify does.
 */
export function jsonToText(value: unknown): string {
  if (value === undefined) return 'null'
  return isPlain(value) ? JSON.stringify(value) : serialize(value, false)
}

/**
 * The text ovsdb-server puts in an error's `syntax` member: like `jsonToText`, but with object
 * members sorted by name (OVS serialises the offending JSON with JSSF_SORT).
 */
export function jsonText(value: unknown): string {
  return serialize(value, true)
}

/** True when JSON.stringify already produces ovsdb-server's text for `value`. */
function isPlain(value: unknown): boolean {
  switch (typeof value) {
    case 'number':
      return Number.isSafeInteger(value)
    case 'bigint':
      return false
    case 'object':
      if (value === null) return true
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!isPlain(value[i])) return false
        return true
      }
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false
      for (const key in value) if (!isPlain((value as Record<string, unknown>)[key])) return false
      return true
    default:
      return true
  }
}

function serialize(value: unknown, sorted: boolean): string {
  switch (typeof value) {
    case 'number':
      return Number.isSafeInteger(value) ? String(value) : realToText(value)
    case 'bigint':
      return value >= INT64_MIN && value <= INT64_MAX ? value.toString() : realToText(Number(value))
    case 'string':
      return JSON.stringify(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'object':
      if (value === null) return 'null'
      if (Array.isArray(value)) return serializeArray(value, sorted)
      if (value instanceof RealJson) return realToText(value.value)
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
        return serialize((value as { toJSON: () => unknown }).toJSON(), sorted)
      }
      return serializeObject(value as Record<string, unknown>, sorted)
    default:
      return 'null'
  }
}

function serializeArray(array: readonly unknown[], sorted: boolean): string {
  let text = '['
  for (let i = 0; i < array.length; i++) {
    if (i > 0) text += ','
    text += serialize(array[i], sorted)
  }
  return text + ']'
}

function serializeObject(object: Record<string, unknown>, sorted: boolean): string {
  const keys = Object.keys(object).filter((key) => isSerializable(object[key]))
  if (sorted) keys.sort(compareStrings)
  let text = '{'
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) text += ','
    text += JSON.stringify(keys[i]) + ':' + serialize(object[keys[i]], sorted)
  }
  return text + '}'
}

/** JSON.stringify leaves out object members whose value is undefined, a function or a symbol. */
function isSerializable(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol'
}
