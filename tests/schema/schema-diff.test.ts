// The schema diff behind `npm run schema:check`, and our shipped vswitch schema held against
// the one the installed Open vSwitch ships (skipped loudly when it is not installed).
import { existsSync, readFileSync } from 'node:fs'
import t from 'tap'
import { parseJsonExact } from '../../protocol/index.js'
import { databaseSchemaFromJson, diffSchemas, type DatabaseSchema } from '../../schema/index.js'

const INSTALLED = '/usr/share/openvswitch/vswitch.ovsschema'
const load = (text: string): DatabaseSchema => databaseSchemaFromJson(parseJsonExact(text))
const ours = readFileSync(new URL('../../schema/vswitch.ovsschema', import.meta.url), 'utf8')

t.test('our vswitch schema is the Open_vSwitch 8.3.1 schema', async (t) => {
  const schema = load(ours)
  t.equal(schema.name, 'Open_vSwitch')
  t.equal(schema.version, '8.3.1')
  t.equal(schema.tables.size, 19)
})

t.test('our vswitch schema matches the installed Open vSwitch schema', async (t) => {
  if (!existsSync(INSTALLED)) {
    t.comment(`SKIP: openvswitch-common not installed (${INSTALLED} missing); schema comparison not run`)
    t.pass('skipped loudly')
    return
  }
  const installed = readFileSync(INSTALLED, 'utf8')
  t.same(diffSchemas(load(ours), load(installed)), [])
  t.equal(ours, installed, 'byte-identical to the installed file')
})

t.test('a schema compared with itself has no difference', async (t) => {
  t.same(diffSchemas(load(ours), load(ours)), [])
})

t.test('every kind of difference is reported on its own line', async (t) => {
  const a = load(JSON.stringify({
    name: 'T', version: '1.0.0', tables: {
      A: { isRoot: true, maxRows: 2, indexes: [['x']], columns: {
        x: { type: { key: { type: 'integer', minInteger: 0 } } },
        m: { type: { key: 'string', value: 'string', min: 0, max: 'unlimited' } },
        gone: { type: 'string' },
      } },
      B: { columns: { y: { type: 'string' } } },
    },
  }))
  const b = load(JSON.stringify({
    name: 'T', version: '1.0.1', tables: {
      A: { maxRows: 3, columns: {
        x: { type: { key: { type: 'integer', minInteger: 1, maxInteger: 9 }, min: 0 }, mutable: false },
        m: { type: { key: 'string', min: 0, max: 'unlimited' }, ephemeral: true },
        added: { type: 'string' },
      } },
    },
  }))
  t.same(diffSchemas(a, b), [
    'schema version: ours 1.0.0, theirs 1.0.1',
    'table A maxRows: ours 2, theirs 3',
    'table A indexes: ours [x], theirs (none)',
    'table A column x mutable: ours true, theirs false',
    'table A column x min: ours 1, theirs 0',
    'table A column x key minInteger: ours 0, theirs 1',
    'table A column x key maxInteger: ours (none), theirs 9',
    'table A column m ephemeral: ours false, theirs true',
    'table A column m value: ours present, theirs (none)',
    'table A column gone: only in ours',
    'table A column added: only in theirs',
    'table B: only in ours',
  ])
})

t.test('root status, enums, references and table mutability are compared', async (t) => {
  const base = { name: 'T', tables: {
    A: { isRoot: true, columns: { e: { type: { key: { type: 'string', enum: ['set', ['a', 'b']] } } } } },
    B: { columns: { r: { type: { key: { type: 'uuid', refTable: 'A' } } } } },
  } }
  const changed = { name: 'T', tables: {
    A: { isRoot: true, columns: { e: { type: { key: { type: 'string', enum: ['set', ['a', 'c']] } } } } },
    B: { mutable: false, isRoot: true, columns: { r: { type: { key: { type: 'uuid', refTable: 'A', refType: 'weak' } } } } },
  } }
  t.same(diffSchemas(load(JSON.stringify(base)), load(JSON.stringify(changed))), [
    'table A column e key enum: ours [a, b], theirs [a, c]',
    'table B isRoot: ours false, theirs true',
    'table B mutable: ours true, theirs false',
    'table B column r key refType: ours strong, theirs weak',
  ])
})
