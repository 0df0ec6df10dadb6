// Database schema parsing and get_schema printing. The fixtures are real ovsdb-server 3.1
// get_schema replies (ovsdb-client get-schema, members sorted); bad-schema errors were observed
// with `ovsdb-tool create`.
import { readFileSync } from 'node:fs'
import t from 'tap'
import { parseJsonExact } from '../../protocol/index.js'
import {
  databaseSchemaFromJson, databaseSchemaToJson, isRootTable, jsonText, type DatabaseSchema,
} from '../../schema/index.js'
import { throwsOvsdb } from './helpers.js'

const read = (path: string): unknown => parseJsonExact(readFileSync(new URL(path, import.meta.url), 'utf8'))
const schema = (tables: Record<string, unknown>, extra: Record<string, unknown> = {}): DatabaseSchema =>
  databaseSchemaFromJson({ name: 'T', tables, ...extra })
const oneColumn = { columns: { a: { type: 'integer' } } }

t.test('our vswitch schema prints exactly what ovsdb-server get_schema returns', async (t) => {
  const ours = databaseSchemaFromJson(read('../../schema/vswitch.ovsschema'))
  t.equal(jsonText(databaseSchemaToJson(ours)), readFileSync(new URL('fixtures/vswitch-get-schema.json', import.meta.url), 'utf8').trim())
  t.equal(ours.version, '8.3.1')
  t.equal(ours.cksum, '3012963480 26720')
})

t.test('a schema using every feature prints as ovsdb-server prints it', async (t) => {
  const mix = databaseSchemaFromJson(read('fixtures/mix.ovsschema'))
  t.equal(jsonText(databaseSchemaToJson(mix)), readFileSync(new URL('fixtures/mix-get-schema.json', import.meta.url), 'utf8').trim())
  const root = mix.tables.get('Root')!
  t.equal(root.columns.get('kids')!.ephemeral, false, 'a strong ref to a non-root table is forced persistent')
  t.equal(root.columns.get('strongroot')!.ephemeral, true, 'a strong ref to a root table may stay ephemeral')
  t.equal(root.columns.get('weak')!.mutable, true, 'weak references are forced mutable')
  t.same(root.indexes, [['name'], ['_uuid', 'n']])
  t.equal(root.maxRows, 3)
  t.equal(mix.tables.get('Kid')!.mutable, false)
})

/** ovsdb-server 3.1's get_schema reply for `_Server`, members sorted. */
const SERVER_GET_SCHEMA = '{"cksum":"3009684573 744","name":"_Server","tables":{"Database":{"columns":{"cid":{"type":{"key":"uuid","min":0}},"connected":{"type":"boolean"},"index":{"type":{"key":"integer","min":0}},"leader":{"type":"boolean"},"model":{"type":{"key":{"enum":["set",["clustered","relay","standalone"]],"type":"string"}}},"name":{"type":"string"},"schema":{"type":{"key":"string","min":0}},"sid":{"type":{"key":"uuid","min":0}}}}},"version":"1.2.0"}'

t.test('our _Server schema (ovsdb/_server.ovsschema, in its text order) parses and prints the get_schema JSON', async (t) => {
  const text = readFileSync(new URL('../../schema/_server.ovsschema', import.meta.url), 'utf8')
  const server = databaseSchemaFromJson(parseJsonExact(text))
  t.equal(jsonText(databaseSchemaToJson(server)), SERVER_GET_SCHEMA)
  t.same([...server.tables.get('Database')!.columns.keys()], ['name', 'model', 'connected', 'leader', 'schema', 'cid', 'sid', 'index'], 'in the text order ovsdb-server reads')
  t.equal(server.cksum, '3009684573 744')
  t.equal(server.version, '1.2.0')
})

t.test('with no isRoot anywhere every table is root, and none prints isRoot', async (t) => {
  const s = schema({ A: oneColumn, B: oneColumn })
  t.ok(isRootTable(s, 'A') && isRootTable(s, s.tables.get('B')!))
  t.equal(s.tables.get('A')!.isRoot, false, 'the declared value is kept')
  t.notMatch(jsonText(databaseSchemaToJson(s)), /isRoot/)
})

t.test('with some roots, others are not root and print nothing; all-root prints nothing', async (t) => {
  const s = schema({ A: { ...oneColumn, isRoot: true }, B: oneColumn })
  t.same([isRootTable(s, 'A'), isRootTable(s, 'B')], [true, false])
  t.same(databaseSchemaToJson(s), {
    name: 'T', tables: { A: { isRoot: true, columns: { a: { type: 'integer' } } }, B: { columns: { a: { type: 'integer' } } } },
  })
  const all = schema({ A: { ...oneColumn, isRoot: true } })
  t.same(databaseSchemaToJson(all), { name: 'T', tables: { A: { columns: { a: { type: 'integer' } } } } })
})

t.test('maxRows beyond UINT_MAX means unlimited; version and cksum are optional', async (t) => {
  const s = schema({ A: { ...oneColumn, maxRows: 4294967295 } })
  t.equal(s.tables.get('A')!.maxRows, undefined)
  t.equal(s.version, '')
  t.equal(s.cksum, undefined)
  t.same(databaseSchemaToJson(s), { name: 'T', tables: { A: { columns: { a: { type: 'integer' } } } } })
})

t.test('bad schemas fail as ovsdb-tool reports them', async (t) => {
  const cases: [unknown, string, string?][] = [
    [{ name: 'T', tables: { _X: oneColumn } }, 'names beginning with "_" are reserved', '{"name":"T","tables":{"_X":{"columns":{"a":{"type":"integer"}}}}}'],
    [{ name: 'T', tables: { 'a-b': oneColumn } }, 'name must be a valid id'],
    [{ name: 'T', version: '1.2', tables: {} }, 'schema version "1.2" not in format x.y.z', '{"name":"T","tables":{},"version":"1.2"}'],
    [{ name: '1T', tables: {} }, "Parsing database schema failed: Type mismatch for member 'name'.", '{"name":"1T","tables":{}}'],
    [{ name: 'T' }, "Parsing database schema failed: Required 'tables' member is missing.", '{"name":"T"}'],
    [{ name: 'T', tables: { X: { columns: { _a: { type: 'integer' } } } } }, 'names beginning with "_" are reserved', '{"columns":{"_a":{"type":"integer"}}}'],
    [{ name: 'T', tables: { X: { columns: { a: { type: { key: { type: 'uuid', refTable: 'Y' } } } } } } }, 'column a key refers to undefined table Y'],
    [{ name: 'T', tables: { X: { columns: { a: { type: { key: 'string', value: { type: 'uuid', refTable: 'Y' } } } } } } }, 'column a value refers to undefined table Y'],
    [{ name: 'T', tables: { X: { columns: { a: { type: 'integer', ephemeral: true } }, indexes: [['a']] } } },
      'ephemeral columns (such as a) may not be indexed', '{"columns":{"a":{"ephemeral":true,"type":"integer"}},"indexes":[["a"]]}'],
    [{ name: 'T', tables: { X: { ...oneColumn, indexes: [['_version']] } } }, 'ephemeral columns (such as _version) may not be indexed'],
    [{ name: 'T', tables: { X: { ...oneColumn, indexes: [['b']] } } }, 'b is not a valid column name', '["b"]'],
    [{ name: 'T', tables: { X: { ...oneColumn, indexes: [['a', 'a']] } } }, 'array of distinct column names expected', '["a","a"]'],
    [{ name: 'T', tables: { X: { ...oneColumn, indexes: ['a'] } } }, 'array of distinct column names expected', '"a"'],
    [{ name: 'T', tables: { X: { ...oneColumn, indexes: [[]] } } }, 'index must have at least one column'],
    [{ name: 'T', tables: { X: { ...oneColumn, maxRows: 0 } } }, 'maxRows must be at least 1', '{"columns":{"a":{"type":"integer"}},"maxRows":0}'],
    [{ name: 'T', tables: { X: { columns: {} } } }, 'table must have at least one column', '{"columns":{}}'],
    [{ name: 'T', tables: { X: { columns: { a: { typ: 'integer' } } } } }, "Parsing schema for column a failed: Required 'type' member is missing.", '{"typ":"integer"}'],
    [{ name: 'T', tables: { X: { columns: { a: { type: 'integer', mutable: 1 } } } } }, "Parsing schema for column a failed: Type mismatch for member 'mutable'."],
    [{ name: 'T', tables: { X: { ...oneColumn, isroot: true } } }, "Parsing table schema for table X failed: Member 'isroot' is present but not allowed here."],
    [{ name: 'T', tables: { X: 5 } }, 'Parsing table schema for table X failed: Object expected.'],
  ]
  for (const [json, details, syntax] of cases) {
    throwsOvsdb(t, () => databaseSchemaFromJson(json), { tag: 'syntax error', details, ...(syntax === undefined ? {} : { syntax }) })
  }
})

t.test('_uuid may be indexed', async (t) => {
  t.same(schema({ X: { ...oneColumn, indexes: [['_uuid']] } }).tables.get('X')!.indexes, [['_uuid']])
})
