// The update2 `modify` diff: applying it to the old value the way clients do (ovsdb-idl's
// ovsdb_datum_apply_diff) must give the new value, for sets and maps of any content.
import fc from 'fast-check'
import t from 'tap'
import { datumEquals, makeDatum, type Atom, type ColumnType, type Datum } from '../../../schema/index.js'
import { datumDiff } from '../../../server/monitor/diff.js'

const SET: ColumnType = { key: { type: 'integer' }, min: 0, max: Infinity }
const MAP: ColumnType = { key: { type: 'string' }, value: { type: 'integer' }, min: 0, max: Infinity }
const OPTIONAL: ColumnType = { key: { type: 'integer' }, min: 0, max: 1 }

/** A client applying a diff: set elements toggle; map keys absent are added, equal pairs removed, others replaced. */
function applyDiff(old: Datum, diff: Datum, type: ColumnType): Datum {
  const entries = new Map<Atom, Atom | undefined>(old.keys.map((key, i) => [key, old.values?.[i]]))
  diff.keys.forEach((key, i) => {
    const value = diff.values?.[i]
    if (!entries.has(key)) entries.set(key, value)
    else if (type.value === undefined || entries.get(key) === value) entries.delete(key)
    else entries.set(key, value)
  })
  const keys = [...entries.keys()]
  return makeDatum(keys, type.value === undefined ? undefined : keys.map((key) => entries.get(key)!), type)
}

const setDatum = fc.uniqueArray(fc.integer({ min: -20, max: 20 })).map((keys) => makeDatum(keys, undefined, SET))
const mapDatum = fc
  .uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), fc.integer({ min: 0, max: 3 })), { selector: ([key]) => key })
  .map((pairs) => makeDatum(pairs.map(([key]) => key), pairs.map(([, value]) => value), MAP))

t.test('applying a set diff to the old set gives the new set', async (t) => {
  fc.assert(fc.property(setDatum, setDatum, (old, now) => datumEquals(applyDiff(old, datumDiff(old, now, SET), SET), now)))
  t.pass('property held for every generated pair')
})

t.test('applying a map diff to the old map gives the new map', async (t) => {
  fc.assert(fc.property(mapDatum, mapDatum, (old, now) => datumEquals(applyDiff(old, datumDiff(old, now, MAP), MAP), now)))
  t.pass('property held for every generated pair')
})

t.test('a set diff is the symmetric difference in key order', async (t) => {
  const diff = datumDiff(makeDatum([1, 2, 3], undefined, SET), makeDatum([2, 4], undefined, SET), SET)
  t.same(diff.keys, [1, 3, 4])
})

t.test('a map diff lists removed pairs with their old value and changed pairs with the new one', async (t) => {
  const old = makeDatum(['a', 'b', 'c'], [1, 2, 3], MAP)
  const now = makeDatum(['b', 'c', 'd'], [2, 9, 4], MAP)
  const diff = datumDiff(old, now, MAP)
  t.same([diff.keys, diff.values], [['a', 'c', 'd'], [1, 9, 4]])
})

t.test('a column of at most one element gets the new value, empty included', async (t) => {
  const empty = makeDatum([], undefined, OPTIONAL)
  t.equal(datumDiff(makeDatum([5], undefined, OPTIONAL), empty, OPTIONAL), empty)
})
