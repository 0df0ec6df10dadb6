// Base and column types: parsing, printing (what get_schema omits) and ovsdb-tool's errors for
// bad types, observed with `ovsdb-tool create` on bad schemas (OVS 3.1).
import t from 'tap'
import {
  baseTypeFromJson, baseTypeToJson, columnTypeFromJson, columnTypeToEnglish, columnTypeToJson,
  isMapType, isOptionalScalarType, isScalarType, isSetType,
} from '../../schema/index.js'
import { throwsOvsdb } from './helpers.js'

t.test('a bare atomic type name is an unconstrained scalar', async (t) => {
  t.same(columnTypeFromJson('integer'), { key: { type: 'integer' }, min: 1, max: 1 })
  t.equal(columnTypeToJson(columnTypeFromJson({ key: 'string', min: 1, max: 1 })), 'string')
})

t.test('"unlimited" is Infinity and prints back as "unlimited"; min/max 1 are omitted', async (t) => {
  const type = columnTypeFromJson({ key: 'string', value: 'integer', min: 0, max: 'unlimited' })
  t.equal(type.max, Infinity)
  t.same(columnTypeToJson(type), { key: 'string', value: 'integer', min: 0, max: 'unlimited' })
  t.same(columnTypeToJson(columnTypeFromJson({ key: 'uuid', min: 0 })), { key: 'uuid', min: 0 })
  t.same(columnTypeToJson(columnTypeFromJson({ key: 'integer', max: 4096, min: 0 })), { key: 'integer', min: 0, max: 4096 })
})

t.test('constraints parse and print; defaults (full ranges, minLength 0) are dropped', async (t) => {
  const json = { type: 'integer', minInteger: 0, maxInteger: 4095 }
  t.same(baseTypeToJson(baseTypeFromJson(json)), json)
  t.same(baseTypeFromJson({ type: 'integer', minInteger: -(2n ** 63n), maxInteger: 2n ** 63n - 1n }), { type: 'integer' })
  t.equal(baseTypeToJson(baseTypeFromJson({ type: 'string', minLength: 0, maxLength: 4294967295 })), 'string')
  t.same(baseTypeToJson(baseTypeFromJson({ type: 'real', minReal: -0.5, maxReal: 1e300 })), { type: 'real', minReal: -0.5, maxReal: 1e300 })
  t.same(baseTypeToJson(baseTypeFromJson({ type: 'string', minLength: 1, maxLength: 64 })), { type: 'string', minLength: 1, maxLength: 64 })
})

t.test('enums are sorted sets; a one-value enum prints as the bare atom', async (t) => {
  t.same(baseTypeFromJson({ type: 'string', enum: ['set', ['b', 'a']] }).enum, ['a', 'b'])
  t.same(baseTypeToJson(baseTypeFromJson({ type: 'string', enum: ['set', ['only']] })), { type: 'string', enum: 'only' })
  t.same(baseTypeToJson(baseTypeFromJson({ type: 'integer', enum: ['set', [3, 1]] })), { type: 'integer', enum: ['set', [1, 3]] })
})

t.test('references default to strong; only weak is printed', async (t) => {
  t.same(baseTypeFromJson({ type: 'uuid', refTable: 'Port' }), { type: 'uuid', refTable: 'Port', refType: 'strong' })
  t.same(baseTypeToJson(baseTypeFromJson({ type: 'uuid', refTable: 'Port', refType: 'strong' })), { type: 'uuid', refTable: 'Port' })
  t.same(baseTypeToJson(baseTypeFromJson({ type: 'uuid', refTable: 'Port', refType: 'weak' })), { type: 'uuid', refTable: 'Port', refType: 'weak' })
})

t.test('bad types fail with ovsdb-tool\'s wording', async (t) => {
  const cases: [unknown, string, string | undefined][] = [
    ['int', '"int" is not an atomic-type', '"int"'],
    [{ key: { type: 5 } }, "Parsing ovsdb type failed: Type mismatch for member 'type'.", '{"type":5}'],
    [{ key: 'integer', min: 2, max: 3 }, 'ovsdb type fails constraint checks', '{"key":"integer","max":3,"min":2}'],
    [{ key: 'integer', max: 0 }, 'ovsdb type fails constraint checks', '{"key":"integer","max":0}'],
    [{ key: 'integer', max: 'lots' }, 'bad min or max value', '"lots"'],
    [{ key: 'integer', max: 4294967295 }, 'bad min or max value', '4294967295'],
    [{ key: 'integer', min: -1 }, 'bad min or max value', '-1'],
    [{ key: { type: 'integer', minInteger: 5, maxInteger: 1 } }, 'minInteger exceeds maxInteger', '{"maxInteger":1,"minInteger":5,"type":"integer"}'],
    [{ key: { type: 'real', minReal: 5, maxReal: 1 } }, 'minReal exceeds maxReal', '{"maxReal":1,"minReal":5,"type":"real"}'],
    [{ key: { type: 'string', minLength: 5, maxLength: 1 } }, 'minLength exceeds maxLength', '{"maxLength":1,"minLength":5,"type":"string"}'],
    [{ key: { type: 'string', minLength: -1 } }, 'minLength out of valid range 0 to 4294967295', '-1'],
    [{ key: { type: 'string', maxLength: 4294967296 } }, 'maxLength out of valid range 0 to 4294967295', '4294967296'],
    [{ key: { type: 'integer', minInteger: 1.5 } }, "Parsing ovsdb type failed: Type mismatch for member 'minInteger'.", '{"minInteger":1.5,"type":"integer"}'],
    [{ key: { type: 'integer', enum: ['set', [1, 2]], minInteger: 1 } },
      "Parsing ovsdb type failed: Member 'minInteger' is present but not allowed here.", '{"enum":["set",[1,2]],"minInteger":1,"type":"integer"}'],
    [{ key: { type: 'string', enum: ['set', []] } }, 'set must have 1 to 4294967295 members but 0 are present', '["set",[]]'],
    [{ key: { type: 'uuid', refTable: 'T', refType: 'soft' } }, 'refType must be "strong" or "weak" (not "soft")', '{"refTable":"T","refType":"soft","type":"uuid"}'],
    [{ key: { type: 'uuid', refTable: '1T' } }, "Parsing ovsdb type failed: Type mismatch for member 'refTable'.", '{"refTable":"1T","type":"uuid"}'],
    [{ key: { type: 'uuid', refType: 'weak' } }, "Parsing ovsdb type failed: Member 'refType' is present but not allowed here.", '{"refType":"weak","type":"uuid"}'],
    // The first left-over member in ovsdb-tool's hash order: 'bar' (checked against 3.1).
    [{ key: 'string', foo: 1, bar: 2 }, "Parsing ovsdb type failed: Member 'bar' and 1 other member are present but not allowed here.", '{"bar":2,"foo":1,"key":"string"}'],
    [{ value: 'string' }, "Parsing ovsdb type failed: Required 'key' member is missing.", '{"value":"string"}'],
    [5, 'ovsdb type expected', '5'],
  ]
  for (const [json, details, syntax] of cases) {
    throwsOvsdb(t, () => columnTypeFromJson(json), { tag: 'syntax error', details, ...(syntax === undefined ? {} : { syntax }) })
  }
})

t.test('a base type that is neither a name nor an object: "Object expected." without syntax', async (t) => {
  throwsOvsdb(t, () => baseTypeFromJson(5), { tag: 'syntax error', details: 'Parsing ovsdb type failed: Object expected.' })
})

t.test('classifications and English names follow ovsdb-server', async (t) => {
  const scalar = columnTypeFromJson('integer')
  const optional = columnTypeFromJson({ key: 'integer', min: 0 })
  const set = columnTypeFromJson({ key: 'integer', min: 0, max: 2 })
  const map = columnTypeFromJson({ key: 'string', value: 'string', min: 0, max: 'unlimited' })
  t.same([isScalarType(scalar), isOptionalScalarType(optional), isSetType(set), isMapType(map)], [true, true, true, true])
  t.same([isSetType(scalar), isScalarType(optional), isMapType(set), isSetType(map)], [false, false, false, false])
  t.equal(columnTypeToEnglish(scalar), 'integer')
  t.equal(columnTypeToEnglish(set), 'set of up to 2 integers')
  t.equal(columnTypeToEnglish(columnTypeFromJson({ key: 'uuid', min: 1, max: 'unlimited' })), 'set of 1 or more uuids')
  t.equal(columnTypeToEnglish(columnTypeFromJson({ key: 'uuid', min: 1, max: 3 })), 'set of 1 to 3 uuids')
  t.equal(columnTypeToEnglish(map), 'map of (string, string) pairs')
})
