// Column diffs of Open vSwitch's file format (`"_is_diff": true`, update2 semantics, OVS
// ovsdb_datum_apply_diff): for a set, each listed element is toggled; for a map, a listed key that
// is absent is added, present with the same value is removed, present with another value is
// replaced. Scalars and optional scalars (at most one element, not a map) carry the full value.

import { compareAtoms, datumFromJson, type Atom, type ColumnType, type Datum } from '../../schema/index.js'

/** True when the file stores the column's changes as diffs (OVS ovsdb_type_is_composite). */
export function isDiffColumn(type: ColumnType): boolean {
  return type.value !== undefined || type.max > 1
}

/**
 * `old` with the diff `json` applied. Throws OvsdbError when the diff does not parse for `type`
 * and an Error when the result breaks the column's size limits.
 */
export function applyDiffJson(old: Datum, json: unknown, type: ColumnType): Datum {
  const diff = datumFromJson(json, { ...type, min: 0, max: Infinity })
  const keys: Atom[] = []
  const values: Atom[] = []
  const keyType = type.key.type
  let i = 0
  let j = 0
  while (i < old.keys.length || j < diff.keys.length) {
    const order = i === old.keys.length ? 1 : j === diff.keys.length ? -1 : compareAtoms(old.keys[i], diff.keys[j], keyType)
    if (order < 0) {
      keys.push(old.keys[i])
      if (type.value !== undefined) values.push(old.values![i])
      i++
    } else if (order > 0) {
      keys.push(diff.keys[j])
      if (type.value !== undefined) values.push(diff.values![j])
      j++
    } else {
      if (type.value !== undefined && compareAtoms(old.values![i], diff.values![j], type.value.type) !== 0) {
        keys.push(diff.keys[j])
        values.push(diff.values![j])
      }
      i++
      j++
    }
  }
  if (keys.length < type.min || keys.length > type.max) throw new Error(`diff leaves ${keys.length} element(s), outside ${type.min}..${type.max}`)
  return type.value === undefined ? { keys } : { keys, values }
}
