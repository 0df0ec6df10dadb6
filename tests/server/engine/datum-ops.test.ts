// Set algebra on canonical datums: union, difference and inclusion, checked against a model.
import fc from 'fast-check'
import t from 'tap'
import { columnTypeFromJson, makeDatum, type Datum } from '../../../schema/index.js'
import { excludesAll, includesAll, subtract, union } from '../../../server/engine/datum-ops.js'

const intSet = columnTypeFromJson({ key: 'integer', min: 0, max: 'unlimited' })
const strMap = columnTypeFromJson({ key: 'string', value: 'integer', min: 0, max: 'unlimited' })
const setOf = (xs: number[]): Datum => makeDatum([...new Set(xs)], undefined, intSet)
const ints = fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 8 })

t.test('union and subtract on sets behave like mathematical sets (property)', async (t) => {
  fc.assert(fc.property(ints, ints, (a, b) => {
    const u = union(setOf(a), setOf(b), intSet).keys
    const d = subtract(setOf(a), setOf(b), intSet, true).keys
    const want = (xs: number[]) => [...new Set(xs)].sort((x, y) => x - y)
    return JSON.stringify(u) === JSON.stringify(want([...a, ...b])) &&
      JSON.stringify(d) === JSON.stringify(want(a.filter((x) => !b.includes(x))))
  }))
  t.pass('matches the model')
})

t.test('includesAll and excludesAll are subset and disjointness (property)', async (t) => {
  fc.assert(fc.property(ints, ints, (a, b) => {
    const subset = a.every((x) => b.includes(x))
    const disjoint = a.every((x) => !b.includes(x))
    return includesAll(setOf(a), setOf(b), intSet) === subset && excludesAll(setOf(a), setOf(b), intSet) === disjoint
  }))
  t.pass('matches the model')
})

t.test('map union keeps existing values; subtract by pairs needs the value to match', async (t) => {
  const m = makeDatum(['a', 'b'], [1, 2], strMap)
  t.same(union(m, makeDatum(['a', 'c'], [9, 3], strMap), strMap), { keys: ['a', 'b', 'c'], values: [1, 2, 3] })
  t.same(subtract(m, makeDatum(['a', 'b'], [1, 9], strMap), strMap, true), { keys: ['b'], values: [2] })
  t.same(subtract(m, { keys: ['a', 'b'] }, strMap, false), { keys: [], values: [] })
})
