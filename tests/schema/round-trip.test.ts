// Property tests: random column types and random valid datums survive printing and parsing,
// both as JSON values and through ovsdb-server's wire text and an exact (bigint-keeping) parser.
import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import t from 'tap'
import { parseJsonExact } from '../../protocol/index.js'
import {
  columnTypeFromJson, columnTypeToJson, datumEquals, datumFromJson, datumToJson, jsonToText,
} from '../../schema/index.js'
import { columnType, int64, typedDatum } from './arbitraries.js'

t.test('column types round-trip through their JSON', async (t) => {
  fc.assert(fc.property(columnType, (type) => isDeepStrictEqual(columnTypeFromJson(columnTypeToJson(type)), type)),
    { numRuns: 300 })
  t.pass('300 column types round-tripped')
})

t.test('valid datums round-trip through datumToJson and datumFromJson', async (t) => {
  fc.assert(fc.property(typedDatum, ({ type, datum }) => datumEquals(datumFromJson(datumToJson(datum, type), type), datum)),
    { numRuns: 500 })
  t.pass('500 datums round-tripped')
})

t.test('valid datums round-trip through wire text and an exact parser', async (t) => {
  fc.assert(fc.property(typedDatum, ({ type, datum }) => {
    const text = jsonToText(datumToJson(datum, type))
    return datumEquals(datumFromJson(parseJsonExact(text), type), datum)
  }), { numRuns: 500 })
  t.pass('500 datums round-tripped through text')
})

t.test('int64 values survive the wire exactly', async (t) => {
  const integers = columnTypeFromJson({ key: 'integer', min: 0, max: 'unlimited' })
  fc.assert(fc.property(int64, (value) => {
    const parsed = datumFromJson(parseJsonExact(jsonToText(value)), integers)
    return BigInt(parsed.keys[0] as number | bigint) === value
  }), { numRuns: 300 })
  t.equal(jsonToText(datumToJson(datumFromJson(parseJsonExact('9223372036854775807'), integers), integers)), '9223372036854775807')
  t.equal(jsonToText(datumToJson(datumFromJson(parseJsonExact('-9223372036854775808'), integers), integers)), '-9223372036854775808')
  t.equal(jsonToText(datumToJson(datumFromJson(parseJsonExact('9007199254740993'), integers), integers)), '9007199254740993')
})
