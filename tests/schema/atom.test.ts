// Atom parsing, printing, defaults and constraint errors; every error string below was observed
// from ovsdb-server 3.1 (transact against a temp schema) or read from lib/ovsdb-data.c.
import t from 'tap'
import {
  atomFromJson, atomToJson, columnTypeFromJson, defaultAtom, ZERO_UUID, type BaseType,
} from '../../schema/index.js'
import { throwsOvsdb } from './helpers.js'

const base = (json: unknown): BaseType => columnTypeFromJson({ key: json }).key
const U = '550e8400-e29b-41d4-a716-446655440000'

t.test('integers are exact 64-bit values in canonical form', async (t) => {
  const integer = base('integer')
  t.equal(atomFromJson(5, integer), 5)
  t.equal(atomFromJson(9223372036854775807n, integer), 9223372036854775807n)
  t.equal(atomFromJson(-9223372036854775808n, integer), -9223372036854775808n)
  t.equal(atomFromJson(9007199254740993n, integer), 9007199254740993n)
  t.equal(atomFromJson(42n, integer), 42, 'a small bigint becomes a number')
  throwsOvsdb(t, () => atomFromJson(2 ** 60, integer),
    { tag: 'syntax error', details: 'expected integer', syntax: '1.15292150460685e+18' }, 'a non-safe number is a real')
})

t.test('an integer column rejects reals and values beyond int64 with "expected integer"', async (t) => {
  const integer = base('integer')
  throwsOvsdb(t, () => atomFromJson(9223372036854775808n, integer),
    { tag: 'syntax error', details: 'expected integer', syntax: '9.22337203685478e+18' })
  throwsOvsdb(t, () => atomFromJson(-9223372036854775809n, integer),
    { tag: 'syntax error', details: 'expected integer', syntax: '-9.22337203685478e+18' })
  throwsOvsdb(t, () => atomFromJson(1.5, integer), { tag: 'syntax error', details: 'expected integer', syntax: '1.5' })
  throwsOvsdb(t, () => atomFromJson('x', integer), { tag: 'syntax error', details: 'expected integer', syntax: '"x"' })
})

t.test('reals accept integers; other types reject the wrong JSON kind', async (t) => {
  t.equal(atomFromJson(3, base('real')), 3)
  t.equal(atomFromJson(2n ** 60n, base('real')), 2 ** 60)
  t.equal(atomFromJson(true, base('boolean')), true)
  t.equal(atomFromJson('', base('string')), '')
  throwsOvsdb(t, () => atomFromJson('x', base('boolean')), { tag: 'syntax error', details: 'expected boolean', syntax: '"x"' })
  throwsOvsdb(t, () => atomFromJson(1, base('string')), { tag: 'syntax error', details: 'expected string', syntax: '1' })
  throwsOvsdb(t, () => atomFromJson('1', base('real')), { tag: 'syntax error', details: 'expected real', syntax: '"1"' })
})

t.test('uuids parse from ["uuid", text] in either case and print lowercase', async (t) => {
  const uuid = base('uuid')
  t.equal(atomFromJson(['uuid', U.toUpperCase()], uuid), U)
  t.same(atomToJson(U, 'uuid'), ['uuid', U])
  throwsOvsdb(t, () => atomFromJson(['uuid', 'not-a-uuid'], uuid),
    { tag: 'syntax error', details: '"not-a-uuid" is not a valid UUID', syntax: '["uuid","not-a-uuid"]' })
  throwsOvsdb(t, () => atomFromJson(U, uuid),
    { tag: 'syntax error', details: 'expected ["uuid", <string>]', syntax: `"${U}"` })
  throwsOvsdb(t, () => atomFromJson(['uuid', U, 1], uuid),
    { tag: 'syntax error', details: 'expected ["uuid", <string>]', syntax: `["uuid","${U}",1]` })
})

t.test('named-uuid needs a resolver and an <id>', async (t) => {
  const uuid = base('uuid')
  throwsOvsdb(t, () => atomFromJson(['named-uuid', 'x'], uuid),
    { tag: 'syntax error', details: 'expected ["uuid", <string>]', syntax: '["named-uuid","x"]' })
  const seen: string[] = []
  const resolve = (name: string): string => { seen.push(name); return U }
  t.equal(atomFromJson(['named-uuid', 'row_1'], uuid, resolve), U)
  t.same(seen, ['row_1'])
  throwsOvsdb(t, () => atomFromJson(['named-uuid', '1x'], uuid, resolve),
    { tag: 'syntax error', details: 'named-uuid string is not a valid <id>', syntax: '["named-uuid","1x"]' })
})

t.test('integer range violations are worded as ovsdb-server words them', async (t) => {
  throwsOvsdb(t, () => atomFromJson(11, base({ type: 'integer', minInteger: 0, maxInteger: 10 })),
    { tag: 'constraint violation', details: '11 is not in the valid range 0 to 10 (inclusive)' })
  throwsOvsdb(t, () => atomFromJson(-1, base({ type: 'integer', minInteger: 0 })),
    { tag: 'constraint violation', details: '-1 is less than minimum allowed value 0' })
  throwsOvsdb(t, () => atomFromJson(9223372036854775807n, base({ type: 'integer', maxInteger: 4095 })),
    { tag: 'constraint violation', details: '9223372036854775807 is greater than maximum allowed value 4095' })
  t.equal(atomFromJson(10, base({ type: 'integer', minInteger: 0, maxInteger: 10 })), 10, 'bounds are inclusive')
})

t.test('real range violations print reals with %.15g', async (t) => {
  throwsOvsdb(t, () => atomFromJson(3, base({ type: 'real', minReal: -1.5, maxReal: 2.5 })),
    { tag: 'constraint violation', details: '3 is not in the valid range -1.5 to 2.5 (inclusive)' })
  throwsOvsdb(t, () => atomFromJson(0.1, base({ type: 'real', minReal: 0.5 })),
    { tag: 'constraint violation', details: '0.1 is less than minimum allowed value 0.5' })
  throwsOvsdb(t, () => atomFromJson(1e20, base({ type: 'real', maxReal: 1 })),
    { tag: 'constraint violation', details: '1e+20 is greater than maximum allowed value 1' })
})

t.test('enum violations list the allowed values in OVS notation', async (t) => {
  throwsOvsdb(t, () => atomFromJson('zz', base({ type: 'string', enum: ['set', ['b', 'a']] })),
    { tag: 'constraint violation', details: 'zz is not one of the allowed values ([a, b])' })
  throwsOvsdb(t, () => atomFromJson('', base({ type: 'string', enum: ['set', ['a', 'b']] })),
    { tag: 'constraint violation', details: '"" is not one of the allowed values ([a, b])' })
  throwsOvsdb(t, () => atomFromJson(2, base({ type: 'integer', enum: ['set', [5, 1, 3]] })),
    { tag: 'constraint violation', details: '2 is not one of the allowed values ([1, 3, 5])' })
  throwsOvsdb(t, () => atomFromJson('true', base({ type: 'string', enum: 'a b' })),
    { tag: 'constraint violation', details: '"true" is not one of the allowed values (["a b"])' })
  t.equal(atomFromJson('b', base({ type: 'string', enum: ['set', ['a', 'b']] })), 'b')
})

t.test('string lengths count code points', async (t) => {
  const bounded = base({ type: 'string', minLength: 2, maxLength: 3 })
  throwsOvsdb(t, () => atomFromJson('é', bounded),
    { tag: 'constraint violation', details: '"é" length 1 is less than minimum allowed length 2' })
  throwsOvsdb(t, () => atomFromJson('éééé', bounded),
    { tag: 'constraint violation', details: '"éééé" length 4 is greater than maximum allowed length 3' })
  t.equal(atomFromJson('😀😀😀', bounded), '😀😀😀', 'three astral characters are three, not six')
})

t.test('default atoms are 0, 0.0, false, "" and the zero UUID', async (t) => {
  t.same(['integer', 'real', 'boolean', 'string', 'uuid'].map((type) => defaultAtom(type as never)),
    [0, 0, false, '', ZERO_UUID])
})
