// Base types in JSON (RFC 7047 §3.2 <base-type>): an atomic type name, or an object adding an
// enum, a range, string length bounds or a reference. Parsing and printing follow
// lib/ovsdb-types.c, including its error wording and which members it omits when at default.

import { datumFromJson, datumToJson } from './datum-json.js'
import { OvsdbError } from './error.js'
import { INT64_MAX, INT64_MIN, jsonInteger, UINT_MAX } from './integer.js'
import { jsonText } from './json-text.js'
import { MemberParser } from './member-parser.js'
import { jsonReal, realJson } from './real-json.js'
import { ATOMIC_TYPES, type AtomicType, type BaseType, type ColumnType } from './types.js'

const ANY = ['null', 'boolean', 'object', 'array', 'number', 'string'] as const

/** Parses a <base-type>; throws `syntax error` with ovsdb-server's details. */
export function baseTypeFromJson(json: unknown): BaseType {
  if (typeof json === 'string') return { type: atomicTypeFromJson(json) }
  const parser = new MemberParser(json, 'ovsdb type')
  const type = atomicTypeFromJson(parser.required('type', ['string']))
  const enumJson = parser.optional('enum', ANY)
  let base: BaseType
  if (enumJson !== undefined) base = { type, enum: datumFromJson(enumJson, enumType(type)).keys }
  else if (type === 'integer') base = integerBase(parser, json)
  else if (type === 'real') base = realBase(parser, json)
  else if (type === 'string') base = stringBase(parser, json)
  else if (type === 'uuid') base = uuidBase(parser, json)
  else base = { type }
  parser.finish()
  return base
}

/** The <base-type> JSON ovsdb-server prints: the bare type name when there are no constraints. */
export function baseTypeToJson(base: BaseType): unknown {
  if (!baseTypeHasConstraints(base)) return base.type
  const json: Record<string, unknown> = { type: base.type }
  if (base.enum !== undefined) json.enum = datumToJson({ keys: base.enum }, enumType(base.type))
  if (base.minInteger !== undefined) json.minInteger = base.minInteger
  if (base.maxInteger !== undefined) json.maxInteger = base.maxInteger
  if (base.minReal !== undefined) json.minReal = realJson(base.minReal)
  if (base.maxReal !== undefined) json.maxReal = realJson(base.maxReal)
  if (base.minLength !== undefined) json.minLength = base.minLength
  if (base.maxLength !== undefined) json.maxLength = base.maxLength
  if (base.refTable !== undefined) {
    json.refTable = base.refTable
    if (base.refType === 'weak') json.refType = 'weak'
  }
  return json
}

/** True when `base` has an enum, a bound or a reference table. */
export function baseTypeHasConstraints(base: BaseType): boolean {
  return base.enum !== undefined || base.minInteger !== undefined || base.maxInteger !== undefined ||
    base.minReal !== undefined || base.maxReal !== undefined || base.minLength !== undefined ||
    base.maxLength !== undefined || base.refTable !== undefined
}

/** `base` without its constraints (as ovsdb-server uses for mutation arguments). */
export function unconstrainedBaseType(base: BaseType): BaseType {
  return { type: base.type }
}

/** The type an enum is parsed as: a set of one or more unconstrained atoms. */
function enumType(type: AtomicType): ColumnType {
  return { key: { type }, min: 1, max: Infinity }
}

function atomicTypeFromJson(json: unknown): AtomicType {
  if (typeof json !== 'string') throw new OvsdbError('syntax error', 'atomic-type expected', jsonText(json))
  if (!(ATOMIC_TYPES as readonly string[]).includes(json)) {
    throw new OvsdbError('syntax error', `"${json}" is not an atomic-type`, jsonText(json))
  }
  return json as AtomicType
}

function integerBase(parser: MemberParser, json: unknown): BaseType {
  const minInteger = jsonInteger(parser.optional('minInteger', ['integer']))
  const maxInteger = jsonInteger(parser.optional('maxInteger', ['integer']))
  if (minInteger !== undefined && maxInteger !== undefined && minInteger > maxInteger) {
    throw new OvsdbError('syntax error', 'minInteger exceeds maxInteger', jsonText(json))
  }
  return {
    type: 'integer',
    ...(minInteger === undefined || BigInt(minInteger) === INT64_MIN ? {} : { minInteger }),
    ...(maxInteger === undefined || BigInt(maxInteger) === INT64_MAX ? {} : { maxInteger }),
  }
}

function realBase(parser: MemberParser, json: unknown): BaseType {
  const min = parser.optional('minReal', ['number'])
  const max = parser.optional('maxReal', ['number'])
  const minReal = min === undefined ? -Number.MAX_VALUE : jsonReal(min)!
  const maxReal = max === undefined ? Number.MAX_VALUE : jsonReal(max)!
  if (minReal > maxReal) throw new OvsdbError('syntax error', 'minReal exceeds maxReal', jsonText(json))
  return {
    type: 'real',
    ...(minReal === -Number.MAX_VALUE ? {} : { minReal }),
    ...(maxReal === Number.MAX_VALUE ? {} : { maxReal }),
  }
}

function stringBase(parser: MemberParser, json: unknown): BaseType {
  const minLength = lengthBound(parser, 'minLength') ?? 0
  const maxLength = lengthBound(parser, 'maxLength') ?? UINT_MAX
  if (minLength > maxLength) throw new OvsdbError('syntax error', 'minLength exceeds maxLength', jsonText(json))
  return {
    type: 'string',
    ...(minLength === 0 ? {} : { minLength }),
    ...(maxLength === UINT_MAX ? {} : { maxLength }),
  }
}

function lengthBound(parser: MemberParser, member: 'minLength' | 'maxLength'): number | undefined {
  const json = parser.optional(member, ['integer'])
  const value = jsonInteger(json)
  if (value === undefined) return undefined
  if (value < 0 || value > UINT_MAX) {
    throw new OvsdbError('syntax error', `${member} out of valid range 0 to ${UINT_MAX}`, jsonText(json))
  }
  return Number(value)
}

function uuidBase(parser: MemberParser, json: unknown): BaseType {
  const refTable = parser.optional('refTable', ['id']) as string | undefined
  if (refTable === undefined) return { type: 'uuid' }
  const refType = parser.optional('refType', ['id']) as string | undefined
  if (refType !== undefined && refType !== 'strong' && refType !== 'weak') {
    throw new OvsdbError('syntax error', `refType must be "strong" or "weak" (not "${refType}")`, jsonText(json))
  }
  return { type: 'uuid', refTable, refType: refType ?? 'strong' }
}
