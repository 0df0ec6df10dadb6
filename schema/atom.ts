// Atoms in JSON notation (RFC 7047 §5.1 <atom>): parsing with ovsdb-server's type and constraint
// checks and errors (lib/ovsdb-data.c ovsdb_atom_from_json), printing, and default values.

import { checkAtomConstraints } from './constraints.js'
import { OvsdbError } from './error.js'
import { isId } from './id.js'
import { jsonInteger } from './integer.js'
import { jsonText } from './json-text.js'
import { jsonReal, realJson } from './real-json.js'
import type { Atom, AtomicType, BaseType, NamedUuidResolver, Uuid } from './types.js'
import { uuidFromText, ZERO_UUID } from './uuid.js'

/**
 * Parses one atom of `base.type` and checks `base`'s constraints. `["named-uuid", id]` is
 * accepted only when `resolve` is given. Throws `syntax error` for a JSON value of the wrong
 * shape (e.g. "expected integer") and `constraint violation` for a constraint it breaks.
 */
export function atomFromJson(json: unknown, base: BaseType, resolve?: NamedUuidResolver): Atom {
  const atom = atomFromJsonUnchecked(json, base.type, resolve)
  checkAtomConstraints(atom, base)
  return atom
}

/** Parses one atom of `type` without checking constraints; throws `syntax error`. */
export function atomFromJsonUnchecked(json: unknown, type: AtomicType, resolve?: NamedUuidResolver): Atom {
  switch (type) {
    case 'integer': {
      const integer = jsonInteger(json)
      if (integer === undefined) throw expected(json, 'integer')
      return integer
    }
    case 'real': {
      const real = jsonReal(json)
      if (real === undefined) throw expected(json, 'real')
      return real
    }
    case 'boolean':
      if (typeof json === 'boolean') return json
      throw expected(json, 'boolean')
    case 'string':
      if (typeof json === 'string') return json
      throw expected(json, 'string')
    case 'uuid':
      return uuidAtomFromJson(json, resolve)
  }
}

/** The JSON form of an atom of `type`: uuids as `["uuid", text]`, reals by realJson, everything else as itself. */
export function atomToJson(atom: Atom, type: AtomicType): unknown {
  if (type === 'uuid') return ['uuid', atom]
  return type === 'real' ? realJson(atom as number) : atom
}

/** The default atom of `type` (RFC 7047 §5.1): 0, 0.0, false, "", or the all-zero UUID. */
export function defaultAtom(type: AtomicType): Atom {
  switch (type) {
    case 'integer':
    case 'real':
      return 0
    case 'boolean':
      return false
    case 'string':
      return ''
    case 'uuid':
      return ZERO_UUID
  }
}

function uuidAtomFromJson(json: unknown, resolve?: NamedUuidResolver): Uuid {
  const text = wrappedString(json, 'uuid')
  if (text !== undefined) {
    const uuid = uuidFromText(text)
    if (uuid === undefined) throw new OvsdbError('syntax error', `"${text}" is not a valid UUID`, jsonText(json))
    return uuid
  }
  const name = resolve === undefined ? undefined : wrappedString(json, 'named-uuid')
  if (name === undefined) throw new OvsdbError('syntax error', 'expected ["uuid", <string>]', jsonText(json))
  if (!isId(name)) throw new OvsdbError('syntax error', 'named-uuid string is not a valid <id>', jsonText(json))
  return resolve!(name)
}

/** The string in a `[tag, "string"]` pair, or undefined when `json` is not one. */
function wrappedString(json: unknown, tag: string): string | undefined {
  if (!Array.isArray(json) || json.length !== 2 || json[0] !== tag) return undefined
  return typeof json[1] === 'string' ? json[1] : undefined
}

function expected(json: unknown, type: AtomicType): OvsdbError {
  return new OvsdbError('syntax error', `expected ${type}`, jsonText(json))
}
