// The `modify` value of update2 (OVS lib/ovsdb-data.c ovsdb_datum_diff): for a column holding at
// most one element the new value; for sets the symmetric difference; for maps the pairs whose key
// was removed (old value), added (new value) or whose value changed (new value), in key order.

import { compareAtoms, type Atom, type ColumnType, type Datum } from '../../schema/index.js'

/** The update2 diff from `old` to `now` of a column of `type` (both canonical datums). */
export function datumDiff(old: Datum, now: Datum, type: ColumnType): Datum {
  if (type.max <= 1) return now
  const keyType = type.key.type
  const valueType = type.value?.type
  const keys: Atom[] = []
  const values: Atom[] | undefined = valueType === undefined ? undefined : []
  const take = (from: Datum, i: number): void => {
    keys.push(from.keys[i])
    values?.push(from.values![i])
  }
  let o = 0
  let n = 0
  while (o < old.keys.length && n < now.keys.length) {
    const order = compareAtoms(old.keys[o], now.keys[n], keyType)
    if (order < 0) take(old, o++)
    else if (order > 0) take(now, n++)
    else {
      if (valueType !== undefined && compareAtoms(old.values![o], now.values![n], valueType) !== 0) take(now, n)
      o++
      n++
    }
  }
  while (o < old.keys.length) take(old, o++)
  while (n < now.keys.length) take(now, n++)
  return values === undefined ? { keys } : { keys, values }
}
