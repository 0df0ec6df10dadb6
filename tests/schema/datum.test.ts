// Datum parsing and printing, canonical order, sizes, duplicates and constraints; error strings
// observed from ovsdb-server 3.1 (insert/select against a temp schema).
import t from 'tap'
import {
  checkDatumConstraints, columnTypeFromJson, compareDatums, datumEquals, datumFromJson, datumToJson,
  defaultDatum, EMPTY_DATUM, makeDatum, ZERO_UUID, type ColumnType,
} from '../../schema/index.js'
import { throwsOvsdb } from './helpers.js'

const type = (json: unknown): ColumnType => columnTypeFromJson(json)
const intSet = type({ key: 'integer', min: 0, max: 'unlimited' })
const strIntMap = type({ key: 'string', value: 'integer', min: 0, max: 'unlimited' })
const U1 = '00000000-0000-0000-0000-000000000001'
const U2 = '00000000-0000-0000-0000-000000000002'

t.test('a bare atom is a one-element datum; sets and maps come out sorted', async (t) => {
  t.same(datumFromJson(7, intSet), { keys: [7] })
  t.same(datumFromJson(['set', [3, -1, 2]], intSet), { keys: [-1, 2, 3] })
  t.same(datumFromJson(['map', [['b', 2], ['a', 1]]], strIntMap), { keys: ['a', 'b'], values: [1, 2] })
})

t.test('string keys sort in code point order, not UTF-16 order', async (t) => {
  const strings = type({ key: 'string', min: 0, max: 'unlimited' })
  t.same(datumFromJson(['set', ['b', 'é', 'a', '😀', '\uffff']], strings).keys, ['a', 'b', 'é', '\uffff', '😀'])
})

t.test('printing: one-element sets bare, empty sets as ["set",[]], maps always ["map",...]', async (t) => {
  t.same(datumToJson({ keys: [-1, 2, 3] }, intSet), ['set', [-1, 2, 3]])
  t.same(datumToJson({ keys: [7] }, intSet), 7)
  t.same(datumToJson(EMPTY_DATUM, intSet), ['set', []])
  t.same(datumToJson({ keys: ['a'], values: [1] }, strIntMap), ['map', [['a', 1]]])
  t.same(datumToJson({ keys: [], values: [] }, strIntMap), ['map', []])
  const uuids = type({ key: 'uuid', min: 0, max: 'unlimited' })
  t.same(datumToJson({ keys: [U1, U2] }, uuids), ['set', [['uuid', U1], ['uuid', U2]]])
  t.same(datumToJson({ keys: [U1] }, uuids), ['uuid', U1])
})

t.test('size errors are syntax errors worded as ovsdb-server words them', async (t) => {
  throwsOvsdb(t, () => datumFromJson(['set', [1, 2, 3]], type({ key: 'integer', min: 0, max: 2 })),
    { tag: 'syntax error', details: 'set must have 0 to 2 members but 3 are present', syntax: '["set",[1,2,3]]' })
  throwsOvsdb(t, () => datumFromJson(['set', []], type({ key: 'string' })),
    { tag: 'syntax error', details: 'set must have exactly one member but 0 are present', syntax: '["set",[]]' })
  throwsOvsdb(t, () => datumFromJson(['set', [1, 2]], type({ key: 'integer', min: 0, max: 1 })),
    { tag: 'syntax error', details: 'set must have 0 to 1 members but 2 are present', syntax: '["set",[1,2]]' })
  throwsOvsdb(t, () => datumFromJson(['set', []], type({ key: 'integer', min: 1, max: 'unlimited' })),
    { tag: 'syntax error', details: 'set must have 1 to 4294967295 members but 0 are present', syntax: '["set",[]]' })
  throwsOvsdb(t, () => datumFromJson(['map', []], type({ key: 'string', value: 'string' })),
    { tag: 'syntax error', details: 'map must have exactly one member but 0 are present', syntax: '["map",[]]' })
})

t.test('shape errors name the expected notation', async (t) => {
  throwsOvsdb(t, () => datumFromJson(['set', 1], intSet),
    { tag: 'syntax error', details: 'expected ["set", <array>]', syntax: '["set",1]' })
  throwsOvsdb(t, () => datumFromJson(['set'], intSet),
    { tag: 'syntax error', details: 'expected ["set", <array>]', syntax: '["set"]' })
  throwsOvsdb(t, () => datumFromJson(['set', []], strIntMap),
    { tag: 'syntax error', details: 'expected ["map", <array>]', syntax: '["set",[]]' })
  throwsOvsdb(t, () => datumFromJson('x', strIntMap),
    { tag: 'syntax error', details: 'expected ["map", <array>]', syntax: '"x"' })
  throwsOvsdb(t, () => datumFromJson(['map', [['a', 1, 3]]], strIntMap),
    { tag: 'syntax error', details: 'expected 2-element array', syntax: '["a",1,3]' })
  throwsOvsdb(t, () => datumFromJson(['map', [5]], strIntMap),
    { tag: 'syntax error', details: 'expected 2-element array', syntax: '5' })
  throwsOvsdb(t, () => datumFromJson(['map', [['a', 'x']]], strIntMap),
    { tag: 'syntax error', details: 'expected integer', syntax: '"x"' })
})

t.test('duplicates are "ovsdb error"s, found only after every atom parsed', async (t) => {
  throwsOvsdb(t, () => datumFromJson(['set', [1, 1]], intSet), { tag: 'ovsdb error', details: 'set contains duplicate' })
  throwsOvsdb(t, () => datumFromJson(['map', [['a', 1], ['a', 2]]], strIntMap),
    { tag: 'ovsdb error', details: 'map contains duplicate key' })
  throwsOvsdb(t, () => datumFromJson(['set', [1, 1, 'x']], intSet),
    { tag: 'syntax error', details: 'expected integer', syntax: '"x"' })
})

t.test('atoms inside sets and maps are checked against key and value constraints', async (t) => {
  const bounded = type({ key: 'string', value: { type: 'integer', minInteger: 0, maxInteger: 10 }, min: 0, max: 'unlimited' })
  throwsOvsdb(t, () => datumFromJson(['map', [['a', 11]]], bounded),
    { tag: 'constraint violation', details: '11 is not in the valid range 0 to 10 (inclusive)' })
})

t.test('named-uuids resolve inside sets', async (t) => {
  const refs = type({ key: { type: 'uuid', refTable: 'T' }, min: 0, max: 'unlimited' })
  const names: Record<string, string> = { a: U2, b: U1 }
  t.same(datumFromJson(['set', [['named-uuid', 'a'], ['named-uuid', 'b']]], refs, (n) => names[n]), { keys: [U1, U2] })
})

t.test('makeDatum sorts keys with their values and rejects duplicates', async (t) => {
  t.same(makeDatum(['b', 'a'], [2, 1], strIntMap), { keys: ['a', 'b'], values: [1, 2] })
  t.same(makeDatum([1, 2], undefined, intSet), { keys: [1, 2] })
  throwsOvsdb(t, () => makeDatum([2, 1, 2], undefined, intSet), { tag: 'ovsdb error', details: 'set contains duplicate' })
  throwsOvsdb(t, () => makeDatum(['a', 'a'], [1, 2], strIntMap), { tag: 'ovsdb error', details: 'map contains duplicate key' })
})

t.test('defaults: empty for min 0, one default atom or pair for min 1', async (t) => {
  t.same(defaultDatum(intSet), { keys: [] })
  t.same(defaultDatum(strIntMap), { keys: [], values: [] })
  t.same(defaultDatum(type('uuid')), { keys: [ZERO_UUID] })
  t.same(defaultDatum(type({ key: 'string', value: 'real' })), { keys: [''], values: [0] })
  t.same(defaultDatum(type('boolean')), { keys: [false] })
})

t.test('the default of an enum column may break its constraint, as in ovsdb-server', async (t) => {
  const enumColumn = type({ key: { type: 'string', enum: ['set', ['a', 'b']] } })
  throwsOvsdb(t, () => checkDatumConstraints(defaultDatum(enumColumn), enumColumn),
    { tag: 'constraint violation', details: '"" is not one of the allowed values ([a, b])' })
  checkDatumConstraints({ keys: ['a'] }, enumColumn)
  t.pass('a datum within the enum passes')
})

t.test('checkDatumConstraints checks keys before values', async (t) => {
  const both = type({ key: { type: 'integer', maxInteger: 1 }, value: { type: 'integer', maxInteger: 1 }, min: 0, max: 'unlimited' })
  throwsOvsdb(t, () => checkDatumConstraints({ keys: [0, 5], values: [9, 0] }, both),
    { tag: 'constraint violation', details: '5 is greater than maximum allowed value 1' })
})

t.test('datumEquals compares canonical datums, exact for big integers', async (t) => {
  t.ok(datumEquals({ keys: [1, 2n ** 60n] }, { keys: [1, 2n ** 60n] }))
  t.notOk(datumEquals({ keys: [2n ** 60n] }, { keys: [2n ** 60n + 1n] }))
  t.notOk(datumEquals({ keys: ['a'], values: [1] }, { keys: ['a'], values: [2] }))
  t.notOk(datumEquals({ keys: [1] }, { keys: [1, 2] }))
  t.ok(datumEquals({ keys: [] }, { keys: [], values: [] }), 'empty set and empty map are both empty')
})

t.test('compareDatums orders by size, then keys, then values', async (t) => {
  t.equal(compareDatums({ keys: [9] }, { keys: [1, 2] }, intSet), -1)
  t.equal(compareDatums({ keys: [1, 3] }, { keys: [1, 2] }, intSet), 1)
  t.equal(compareDatums({ keys: ['a'], values: [1] }, { keys: ['a'], values: [2] }, strIntMap), -1)
  t.equal(compareDatums({ keys: ['a'], values: [2] }, { keys: ['a'], values: [2] }, strIntMap), 0)
  t.equal(compareDatums({ keys: [-(2n ** 63n)] }, { keys: [0] }, intSet), -1)
})
