import t from 'tap'
import { atomFromJsonUnchecked, atomToJson, baseTypeFromJson, baseTypeToJson, datumToJson, jsonText, jsonToText, RealJson, realJson } from '../../schema/index.js'
import { parseStoredJson, storedJsonText } from '../../server/storage/stored-json.js'

t.test('only reals whose digits would print as an integer are wrapped', async (t) => {
  for (const x of [1e15, -1e15, 1234567890123456, 9007199254740991, -9007199254740991, -0]) {
    t.ok(realJson(x) instanceof RealJson, `${Object.is(x, -0) ? '-0' : x} wrapped`)
  }
  for (const x of [0, 1, -7, 999999999999999, 2.5, 1e15 + 0.5, 9007199254740992, 1e300]) t.equal(realJson(x), x, `${x} as itself`)
})

t.test('real atoms print as ovsdb-server prints reals (%.15g); integer atoms as digits', async (t) => {
  t.equal(jsonToText(atomToJson(1234567890123456, 'real')), '1.23456789012346e+15')
  t.equal(jsonToText(atomToJson(1e15, 'real')), '1e+15')
  t.equal(jsonToText(atomToJson(-9007199254740991, 'real')), '-9.00719925474099e+15')
  t.equal(jsonToText(atomToJson(-0, 'real')), '-0')
  t.equal(jsonToText(atomToJson(100, 'real')), '100')
  t.equal(jsonToText(atomToJson(1234567890123456, 'integer')), '1234567890123456')
  const map = { keys: [1e15, 2.5], values: [-0, 1e16] }
  t.equal(jsonToText(datumToJson(map, { key: { type: 'real' }, value: { type: 'real' }, min: 0, max: Infinity })), '["map",[[1e+15,-0],[2.5,1e+16]]]')
  t.equal(jsonText({ b: atomToJson(1e15, 'real'), a: 1 }), '{"a":1,"b":1e+15}', 'the sorted form too')
})

t.test('a wrapped real reads back as the same real, and only as a real', async (t) => {
  t.equal(atomFromJsonUnchecked(realJson(1e15), 'real'), 1e15)
  t.throws(() => atomFromJsonUnchecked(realJson(1e15), 'integer'), { message: /expected integer/ })
  t.throws(() => atomFromJsonUnchecked(realJson(1e15), 'string'), { message: /expected string/ })
  const bounds = baseTypeToJson({ type: 'real', minReal: -1e15, maxReal: 1234567890123456 })
  t.equal(jsonToText(bounds), '{"type":"real","minReal":-1e+15,"maxReal":1.23456789012346e+15}')
  t.same(baseTypeFromJson(bounds), { type: 'real', minReal: -1e15, maxReal: 1234567890123456 }, 'a schema built from printed JSON keeps its bounds')
})

t.test('storage keeps a wrapped real exact (JSON.stringify and the bigint path)', async (t) => {
  const row = { r: atomToJson(1234567890123456, 'real'), n: atomToJson(-0, 'real') }
  t.equal(storedJsonText(row), '{"r":1234567890123456,"n":0}')
  const big = { r: atomToJson(1234567890123456, 'real'), i: 9007199254740993n }
  t.equal(storedJsonText(big), '{"r":1234567890123456,"i":9007199254740993}')
  t.same(parseStoredJson(storedJsonText(big)), { r: 1234567890123456, i: 9007199254740993n })
})
