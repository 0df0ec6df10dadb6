// Column types in JSON (RFC 7047 §3.2 <type>): a key base type, an optional value base type
// (a map), and min/max element counts ("unlimited" = Infinity). Parsing, printing and the
// classifications ovsdb-server uses (lib/ovsdb-types.c), with its error wording.

import { baseTypeFromJson, baseTypeHasConstraints, baseTypeToJson } from './base-type.js'
import { OvsdbError } from './error.js'
import { jsonInteger, UINT_MAX } from './integer.js'
import { jsonText } from './json-text.js'
import { MemberParser } from './member-parser.js'
import type { BaseType, ColumnType } from './types.js'

/** Parses a <type>; throws `syntax error` ("ovsdb type fails constraint checks", ...). */
export function columnTypeFromJson(json: unknown): ColumnType {
  if (typeof json === 'string') return { key: baseTypeFromJson(json), min: 1, max: 1 }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new OvsdbError('syntax error', 'ovsdb type expected', jsonText(json))
  }
  const parser = new MemberParser(json, 'ovsdb type')
  const keyJson = parser.required('key', ['string', 'object'])
  const valueJson = parser.optional('value', ['string', 'object'])
  const minJson = parser.optional('min', ['integer'])
  const maxJson = parser.optional('max', ['integer', 'string'])
  parser.finish()
  const key = baseTypeFromJson(keyJson)
  const value = valueJson === undefined ? undefined : baseTypeFromJson(valueJson)
  const min = countFromJson(minJson) ?? 1
  const max = maxJson === 'unlimited' ? Infinity : countFromJson(maxJson) ?? 1
  if (min > 1 || max < 1) throw new OvsdbError('syntax error', 'ovsdb type fails constraint checks', jsonText(json))
  return value === undefined ? { key, min: min as 0 | 1, max } : { key, value, min: min as 0 | 1, max }
}

/** The <type> JSON ovsdb-server prints: a bare base type for an unconstrained scalar. */
export function columnTypeToJson(type: ColumnType): unknown {
  if (isScalarType(type) && !baseTypeHasConstraints(type.key)) return baseTypeToJson(type.key)
  const json: Record<string, unknown> = { key: baseTypeToJson(type.key) }
  if (type.value !== undefined) json.value = baseTypeToJson(type.value)
  if (type.min !== 1) json.min = type.min
  if (type.max === Infinity) json.max = 'unlimited'
  else if (type.max !== 1) json.max = type.max
  return json
}

/** A map: the type has a value base type. */
export function isMapType(type: ColumnType): type is ColumnType & { readonly value: BaseType } {
  return type.value !== undefined
}

/** A set: no value type and not exactly one element. */
export function isSetType(type: ColumnType): boolean {
  return type.value === undefined && (type.min !== 1 || type.max !== 1)
}

/** A scalar: no value type and exactly one element. */
export function isScalarType(type: ColumnType): boolean {
  return type.value === undefined && type.min === 1 && type.max === 1
}

/** An optional scalar: no value type, zero or one element. */
export function isOptionalScalarType(type: ColumnType): boolean {
  return type.value === undefined && type.min === 0 && type.max === 1
}

/** The type in ovsdb-server's English ("set of up to 2 integers", "map of (string, string) pairs"). */
export function columnTypeToEnglish(type: ColumnType): string {
  if (isScalarType(type)) return type.key.type
  let text = type.value === undefined ? 'set' : 'map'
  if (type.max === Infinity) text += type.min > 0 ? ` of ${type.min} or more` : ' of'
  else if (type.min > 0) text += ` of ${type.min} to ${type.max}`
  else text += ` of up to ${type.max}`
  return type.value === undefined ? `${text} ${type.key.type}s` : `${text} (${type.key.type}, ${type.value.type}) pairs`
}

function countFromJson(json: unknown): number | undefined {
  if (json === undefined) return undefined
  const count = jsonInteger(json)
  if (count === undefined || count < 0 || count >= UINT_MAX) {
    throw new OvsdbError('syntax error', 'bad min or max value', jsonText(json))
  }
  return Number(count)
}
