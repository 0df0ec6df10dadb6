// Datums (RFC 7047 §5.1 <value>) as canonical values: building one from unsorted atoms, defaults,
// equality and order (lib/ovsdb-data.c ovsdb_datum_sort, ovsdb_datum_compare_3way), constraints.

import { defaultAtom } from './atom.js'
import { compareAtoms } from './compare.js'
import { checkAtomConstraints } from './constraints.js'
import { OvsdbError } from './error.js'
import type { Atom, ColumnType, Datum } from './types.js'

/** The empty datum: a valid value of every set or map type with min 0. */
export const EMPTY_DATUM: Datum = Object.freeze({ keys: Object.freeze([]) })

/**
 * A canonical datum from `keys` (and parallel `values` for a map) in any order: sorted by key.
 * Throws `ovsdb error` "set contains duplicate" / "map contains duplicate key" as ovsdb-server
 * does. Does not check sizes or constraints.
 */
export function makeDatum(keys: readonly Atom[], values: readonly Atom[] | undefined, type: ColumnType): Datum {
  const keyType = type.key.type
  if (isStrictlySorted(keys, type)) return values === undefined ? { keys } : { keys, values }
  const order = keys.map((_, i) => i).sort((i, j) => compareAtoms(keys[i], keys[j], keyType))
  for (let i = 1; i < order.length; i++) {
    if (compareAtoms(keys[order[i - 1]], keys[order[i]], keyType) === 0) {
      throw new OvsdbError('ovsdb error', values === undefined ? 'set contains duplicate' : 'map contains duplicate key')
    }
  }
  const sortedKeys = order.map((i) => keys[i])
  return values === undefined ? { keys: sortedKeys } : { keys: sortedKeys, values: order.map((i) => values[i]) }
}

/**
 * The default datum of `type` (RFC 7047 §5.1): empty when min is 0, otherwise one default atom
 * (or pair). Not checked against constraints: like ovsdb-server, an enum column whose enum
 * lacks the default atom makes an insert that omits the column fail with `constraint violation`.
 */
export function defaultDatum(type: ColumnType): Datum {
  if (type.min === 0) return type.value === undefined ? EMPTY_DATUM : { keys: [], values: [] }
  const keys = [defaultAtom(type.key.type)]
  return type.value === undefined ? { keys } : { keys, values: [defaultAtom(type.value.type)] }
}

/** True when `a` and `b` hold the same atoms (both canonical, of the same type). */
export function datumEquals(a: Datum, b: Datum): boolean {
  if (a === b) return true
  if (a.keys.length !== b.keys.length) return false
  for (let i = 0; i < a.keys.length; i++) if (a.keys[i] !== b.keys[i]) return false
  if (a.values === undefined || b.values === undefined) return a.values === b.values || a.keys.length === 0
  for (let i = 0; i < a.values.length; i++) if (a.values[i] !== b.values[i]) return false
  return true
}

/** ovsdb-server's datum order: by size, then keys in order, then values in order. */
export function compareDatums(a: Datum, b: Datum, type: ColumnType): number {
  if (a.keys.length !== b.keys.length) return a.keys.length < b.keys.length ? -1 : 1
  for (let i = 0; i < a.keys.length; i++) {
    const order = compareAtoms(a.keys[i], b.keys[i], type.key.type)
    if (order !== 0) return order
  }
  if (type.value === undefined) return 0
  for (let i = 0; i < a.keys.length; i++) {
    const order = compareAtoms(a.values![i], b.values![i], type.value.type)
    if (order !== 0) return order
  }
  return 0
}

/**
 * Throws `constraint violation` for the first atom that breaks its base type's constraints:
 * keys first, then values (as ovsdb-server checks). Sizes are not checked here.
 */
export function checkDatumConstraints(datum: Datum, type: ColumnType): void {
  for (const key of datum.keys) checkAtomConstraints(key, type.key)
  if (type.value !== undefined && datum.values !== undefined) {
    for (const value of datum.values) checkAtomConstraints(value, type.value)
  }
}

function isStrictlySorted(keys: readonly Atom[], type: ColumnType): boolean {
  for (let i = 1; i < keys.length; i++) {
    if (compareAtoms(keys[i - 1], keys[i], type.key.type) >= 0) return false
  }
  return true
}
