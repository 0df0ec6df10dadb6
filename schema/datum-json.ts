// Datums in JSON notation (RFC 7047 §5.1 <value>): parsing with ovsdb-server's shape, size,
// constraint and duplicate checks (lib/ovsdb-data.c ovsdb_datum_from_json), and printing as
// ovsdb-server prints (a one-element set as the bare atom, maps always as ["map", ...]).

import { atomFromJson, atomToJson } from './atom.js'
import { makeDatum } from './datum.js'
import { OvsdbError } from './error.js'
import { UINT_MAX } from './integer.js'
import { jsonText } from './json-text.js'
import type { Atom, ColumnType, Datum, NamedUuidResolver } from './types.js'

/**
 * Parses a datum of `type`: a bare atom, `["set", [...]]`, or (for maps, always)
 * `["map", [[k, v], ...]]`. Throws `syntax error` for bad shapes and sizes ("set must have 0 to
 * 2 members but 3 are present"), `constraint violation` for atoms breaking constraints, and
 * `ovsdb error` for duplicate keys. Returns the canonical (sorted) datum.
 */
export function datumFromJson(json: unknown, type: ColumnType, resolve?: NamedUuidResolver): Datum {
  const isMap = type.value !== undefined
  if (!isMap && !(Array.isArray(json) && json.length > 0 && json[0] === 'set')) {
    return { keys: [atomFromJson(json, type.key, resolve)] }
  }
  const elements = unwrapComposite(json, isMap ? 'map' : 'set')
  checkSize(json, elements.length, type, isMap ? 'map' : 'set')
  const keys: Atom[] = new Array(elements.length)
  if (!isMap) {
    for (let i = 0; i < elements.length; i++) keys[i] = atomFromJson(elements[i], type.key, resolve)
    return makeDatum(keys, undefined, type)
  }
  const values: Atom[] = new Array(elements.length)
  for (let i = 0; i < elements.length; i++) {
    const pair = elements[i]
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new OvsdbError('syntax error', 'expected 2-element array', jsonText(pair))
    }
    keys[i] = atomFromJson(pair[0], type.key, resolve)
    values[i] = atomFromJson(pair[1], type.value!, resolve)
  }
  return makeDatum(keys, values, type)
}

/** The JSON ovsdb-server prints for `datum` of `type`. */
export function datumToJson(datum: Datum, type: ColumnType): unknown {
  const keyType = type.key.type
  if (type.value !== undefined) {
    const valueType = type.value.type
    const values = datum.values!
    return ['map', datum.keys.map((key, i) => [atomToJson(key, keyType), atomToJson(values[i], valueType)])]
  }
  if (datum.keys.length === 1) return atomToJson(datum.keys[0], keyType)
  return ['set', datum.keys.map((key) => atomToJson(key, keyType))]
}

function unwrapComposite(json: unknown, tag: 'set' | 'map'): readonly unknown[] {
  if (!Array.isArray(json) || json.length !== 2 || json[0] !== tag || !Array.isArray(json[1])) {
    throw new OvsdbError('syntax error', `expected ["${tag}", <array>]`, jsonText(json))
  }
  return json[1] as unknown[]
}

function checkSize(json: unknown, count: number, type: ColumnType, tag: 'set' | 'map'): void {
  if (count >= type.min && count <= type.max) return
  const details = type.min === 1 && type.max === 1
    ? `${tag} must have exactly one member but ${count} are present`
    : `${tag} must have ${type.min} to ${type.max === Infinity ? UINT_MAX : type.max} members but ${count} are present`
  throw new OvsdbError('syntax error', details, jsonText(json))
}
