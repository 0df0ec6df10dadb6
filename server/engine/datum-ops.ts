// Set algebra on canonical datums (lib/ovsdb-data.c): union, difference, inclusion tests and an
// index key. Mutations, conditions, `wait` and the commit passes build on these; every function
// returns a new datum and leaves its inputs untouched.

import { compareAtoms, jsonToText, type Atom, type AtomicType, type ColumnType, type Datum } from '../../schema/index.js'

/** The position of `key` in canonical `datum` (binary search), or -1. */
export function findKey(datum: Datum, key: Atom, type: AtomicType): number {
  let low = 0
  let high = datum.keys.length - 1
  while (low <= high) {
    const mid = (low + high) >>> 1
    const order = compareAtoms(datum.keys[mid], key, type)
    if (order === 0) return mid
    if (order < 0) low = mid + 1
    else high = mid - 1
  }
  return -1
}

/**
 * True when element `i` of `a` (key, and value for a map when `byPair`) is in `b`:
 * OVS `ovsdb_datum_find`, used by includes/excludes and by map deletion of pairs.
 */
export function containsElement(a: Datum, i: number, b: Datum, type: ColumnType, byPair: boolean): boolean {
  const at = findKey(b, a.keys[i], type.key.type)
  if (at < 0) return false
  if (!byPair || type.value === undefined) return true
  return compareAtoms(a.values![i], b.values![at], type.value.type) === 0
}

/** True when every element of `a` is in `b` (maps: key and value). OVS `ovsdb_datum_includes_all`. */
export function includesAll(a: Datum, b: Datum, type: ColumnType): boolean {
  if (a.keys.length > b.keys.length) return false
  for (let i = 0; i < a.keys.length; i++) if (!containsElement(a, i, b, type, true)) return false
  return true
}

/** True when no element of `a` is in `b` (maps: key and value). OVS `ovsdb_datum_excludes_all`. */
export function excludesAll(a: Datum, b: Datum, type: ColumnType): boolean {
  for (let i = 0; i < a.keys.length; i++) if (containsElement(a, i, b, type, true)) return false
  return true
}

/** `a` plus the elements of `b` whose keys `a` lacks (existing map keys keep their values). */
export function union(a: Datum, b: Datum, type: ColumnType): Datum {
  const keyType = type.key.type
  const keys: Atom[] = []
  const values: Atom[] | undefined = type.value === undefined ? undefined : []
  let i = 0
  let j = 0
  while (i < a.keys.length || j < b.keys.length) {
    const order = i === a.keys.length ? 1 : j === b.keys.length ? -1 : compareAtoms(a.keys[i], b.keys[j], keyType)
    const fromA = order <= 0
    const source = fromA ? a : b
    const at = fromA ? i : j
    keys.push(source.keys[at])
    values?.push(source.values![at])
    if (order <= 0) i++
    if (order >= 0) j++
  }
  return values === undefined ? { keys } : { keys, values }
}

/**
 * `a` without the elements of `b`. With `byPair` (b is a map of a map type) only pairs whose key
 * and value both match are removed; otherwise `b`'s keys are removed (OVS `ovsdb_datum_subtract`).
 */
export function subtract(a: Datum, b: Datum, type: ColumnType, byPair: boolean): Datum {
  if (b.keys.length === 0) return a
  const keys: Atom[] = []
  const values: Atom[] | undefined = type.value === undefined ? undefined : []
  for (let i = 0; i < a.keys.length; i++) {
    if (containsElement(a, i, b, type, byPair)) continue
    keys.push(a.keys[i])
    values?.push(a.values![i])
  }
  if (keys.length === a.keys.length) return a
  return values === undefined ? { keys } : { keys, values }
}

/**
 * The elements of `b` not in `a` (added) and of `a` not in `b` (removed), comparing whole pairs
 * for maps: OVS `ovsdb_datum_added_removed`, used to adjust reference counts.
 */
export function addedRemoved(a: Datum, b: Datum, type: ColumnType): { added: Datum; removed: Datum } {
  return { added: subtract(b, a, type, true), removed: subtract(a, b, type, true) }
}

/** A string that is equal for two datums exactly when they are equal (index keys, row hashing). */
export function datumKey(datum: Datum): string {
  let text = atomsKey(datum.keys)
  if (datum.values !== undefined) text += '=' + atomsKey(datum.values)
  return text
}

function atomsKey(atoms: readonly Atom[]): string {
  let text = ''
  for (const atom of atoms) text += (typeof atom === 'string' ? JSON.stringify(atom) : jsonToText(atom)) + ','
  return text
}
