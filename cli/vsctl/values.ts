// ovs-vsctl's value syntax (lib/ovsdb-data.c *_from_string, ovsdb_token_parse): atoms from
// command-line words, sets `[a, b]` or `a,b`, integer ranges `1-5`, maps `{k=v}` or `k=v`,
// `@name` row symbols; and the string/bare printing of datums for output.

import { atomToString, checkAtomConstraints, columnTypeToEnglish, compareAtoms, makeDatum, OvsdbError, UINT_MAX, uuidFromText } from '../../schema/index.js'
import type { Atom, BaseType, ColumnType, Datum, Integer } from '../../schema/index.js'
import type { SymbolTable } from './symbols.js'

/** A value that ovs-vsctl rejects; `message` is its text. */
export class ValueError extends Error {}

const DELIMITERS = ':=, []{}!<>'
const MAX_RANGE = 4096
const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n

/** True when `c` ends a token (ovsdb_token_is_delim); the end of input counts as a delimiter. */
export function isDelimiter(c: string | undefined): boolean {
  return c === undefined || DELIMITERS.includes(c)
}

/**
 * Reads one token of `s` from `pos` (ovsdb_token_parse): up to an unquoted delimiter; a backslash
 * escapes the next character; double quotes are kept and protect delimiters. Throws ValueError.
 */
export function parseToken(s: string, pos: number): { token: string; pos: number } {
  let out = ''
  let inQuotes = false
  let p = pos
  while (p < s.length) {
    const c = s[p++]
    if (c === '\\') {
      if (inQuotes) out += '\\'
      if (p >= s.length) throw new ValueError(`${s.slice(pos)}: backslash at end of argument`)
      out += s[p++]
    } else if (!inQuotes && DELIMITERS.includes(c)) {
      p--
      break
    } else {
      out += c
      if (c === '"') inQuotes = !inQuotes
    }
  }
  if (inQuotes) throw new ValueError(`${s.slice(pos)}: quoted string extends past end of argument`)
  return { token: out, pos: p }
}

/** One atom from its string form, checked against `base`'s constraints (ovsdb_atom_from_string). */
export function atomFromString(s: string, base: BaseType, symtab?: SymbolTable): Atom {
  const atom = parseAtom(s, base, symtab)
  checkConstraints(atom, base)
  return atom
}

/** Like atomFromString, but an integer may be a range `a-b`; returns every atom it stands for. */
function atomsFromString(s: string, base: BaseType, symtab?: SymbolTable): Atom[] {
  const range = base.type === 'integer' ? /^\s*([+-]?\d+)-([+-]?\d+)$/.exec(s) : null
  if (range === null) return [atomFromString(s, base, symtab)]
  const [start, end] = [BigInt(range[1]), BigInt(range[2])]
  if (end < start) throw new ValueError(`"${s}" is not a valid range. Range end cannot be before start.`)
  checkConstraints(canonical(start), base)
  if (base.enum !== undefined) for (let i = start + 1n; i <= end; i++) checkConstraints(canonical(i), base)
  else checkConstraints(canonical(end), base)
  if (end - start >= BigInt(MAX_RANGE)) {
    throw new ValueError(`constraint violation: Range "${start}-${end}" is too big. Maximum allowed size is ${MAX_RANGE}.`)
  }
  const atoms: Atom[] = []
  for (let i = start; i <= end; i++) atoms.push(canonical(i))
  return atoms
}

/**
 * A datum of `type` from its string form (ovsdb_datum_from_string): atoms or `key=value` pairs
 * separated by spaces or commas, optionally in `[]` (sets) or `{}` (maps), required when empty.
 */
export function datumFromString(s: string, type: ColumnType, symtab?: SymbolTable): Datum {
  const isMap = type.value !== undefined
  let p = skipSpaces(s, 0)
  let end: string | undefined
  if (s[p] === (isMap ? '{' : '[')) {
    end = isMap ? '}' : ']'
    p = skipSpaces(s, p + 1)
  } else if (p >= s.length) {
    throw new ValueError(isMap ? 'use "{}" to specify the empty map' : 'use "[]" to specify the empty set')
  }
  const keys: Atom[] = []
  const values: Atom[] = []
  while (p < s.length && s[p] !== end) {
    if (isDelimiter(s[p])) throw new ValueError(`${s}: unexpected "${s[p]}" parsing ${columnTypeToEnglish(type)}`)
    p = parseKeyValue(s, p, type, keys, values, symtab)
    p = skipSpaces(s, p)
    if (s[p] === ',') p = skipSpaces(s, p + 1)
  }
  if (s[p] !== end) throw new ValueError(`${s}: missing "${end ?? '\0'}" at end of data`)
  if (end !== undefined && skipSpaces(s, p + 1) < s.length) throw new ValueError(`${s}: trailing garbage after "${end}"`)
  const noun = isMap ? 'pair(s)' : 'value(s)'
  if (keys.length < type.min) throw new ValueError(`${s}: ${keys.length} ${noun} specified but the minimum number is ${type.min}`)
  if (keys.length > type.max) throw new ValueError(`${s}: ${keys.length} ${noun} specified but the maximum number is ${type.max === Infinity ? UINT_MAX : type.max}`)
  try {
    return makeDatum(keys, isMap ? values : undefined, type)
  } catch {
    throw new ValueError(isMap ? `${s}: map contains duplicate key` : `${s}: set contains duplicate value`)
  }
}

/** A datum as ovs-vsctl prints it in "string" data format (ovsdb_datum_to_string). */
export function datumToString(datum: Datum, type: ColumnType): string {
  const isMap = type.value !== undefined
  const parts = datum.keys.map((key, i) => {
    const text = atomToString(key, type.key.type)
    return isMap ? `${text}=${atomToString(datum.values![i], type.value!.type)}` : text
  })
  const body = parts.join(', ')
  if (type.max > 1 || datum.keys.length === 0) return isMap ? `{${body}}` : `[${body}]`
  return body
}

/** A datum in "bare" data format: no brackets or quotes, elements separated by spaces. */
export function datumToBare(datum: Datum, type: ColumnType): string {
  const bare = (atom: Atom, t: BaseType['type']): string => (t === 'string' ? (atom as string) : atomToString(atom, t))
  return datum.keys.map((key, i) => (type.value === undefined ? bare(key, type.key.type) : `${bare(key, type.key.type)}=${bare(datum.values![i], type.value.type)}`)).join(' ')
}

/** Sorts keys (and parallel values) of a datum built by hand, dropping nothing. */
export function sortedDatum(keys: Atom[], values: Atom[] | undefined, type: ColumnType): Datum {
  const order = keys.map((_, i) => i).sort((a, b) => compareAtoms(keys[a], keys[b], type.key.type))
  return values === undefined ? { keys: order.map((i) => keys[i]) } : { keys: order.map((i) => keys[i]), values: order.map((i) => values[i]) }
}

function parseKeyValue(s: string, start: number, type: ColumnType, keys: Atom[], values: Atom[], symtab?: SymbolTable): number {
  const key = parseToken(s, start)
  const atoms = atomsFromString(key.token, type.key, symtab)
  let p = key.pos
  if (type.value === undefined) {
    keys.push(...atoms)
    return p
  }
  p = skipSpaces(s, p)
  if (s[p] !== '=') throw new ValueError(`${s.slice(start)}: syntax error at "${s[p] ?? ''}" expecting "="`)
  const value = parseToken(s, skipSpaces(s, p + 1))
  const atom = atomFromString(value.token, type.value, symtab)
  for (const k of atoms) {
    keys.push(k)
    values.push(atom)
  }
  return value.pos
}

function parseAtom(s: string, base: BaseType, symtab?: SymbolTable): Atom {
  switch (base.type) {
    case 'integer': {
      const integer = parseInteger(s)
      if (integer === undefined) throw new ValueError(`"${s}" is not a valid integer or range`)
      return integer
    }
    case 'real': {
      const real = /^\s*[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|inf(inity)?|nan)$/i.test(s) ? Number(s.trim().replace(/^([+-]?)inf(inity)?$/i, '$1Infinity')) : NaN
      if (Number.isNaN(real)) throw new ValueError(`"${s}" is not a valid real number`)
      return real === 0 ? 0 : real
    }
    case 'boolean':
      if (['true', 'yes', 'on', '1'].includes(s)) return true
      if (['false', 'no', 'off', '0'].includes(s)) return false
      throw new ValueError(`"${s}" is not a valid boolean (use "true" or "false")`)
    case 'string':
      return parseString(s)
    case 'uuid':
      if (s.startsWith('@') && symtab !== undefined) return symtab.reference(s, base)
      return uuidFromText(s) ?? fail(`"${s}" is not a valid UUID`)
  }
}

function parseString(s: string): string {
  if (s === '') throw new ValueError('An empty string is not valid as input; use "" to represent the empty string')
  if (!s.startsWith('"')) return s
  if (s.length < 2 || !s.endsWith('"')) throw new ValueError(`${s}: missing quote at end of quoted string`)
  try {
    return JSON.parse(s) as string
  } catch {
    throw new ValueError(`${s}: bad escape in string`)
  }
}

/** strtoll base 10 over the whole word, with overflow rejected. */
function parseInteger(s: string): Integer | undefined {
  if (!/^\s*[+-]?\d+$/.test(s)) return undefined
  const value = BigInt(s.trim())
  if (value < INT64_MIN || value > INT64_MAX) return undefined
  return canonical(value)
}

function canonical(value: bigint): Integer {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value
}

function checkConstraints(atom: Atom, base: BaseType): void {
  try {
    checkAtomConstraints(atom, base)
  } catch (error) {
    if (error instanceof OvsdbError) throw new ValueError(error.details === undefined ? error.tag : `${error.tag}: ${error.details}`)
    throw error
  }
}

function skipSpaces(s: string, p: number): number {
  while (p < s.length && /\s/.test(s[p])) p++
  return p
}

function fail(message: string): never {
  throw new ValueError(message)
}
