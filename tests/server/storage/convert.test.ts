// Offline conversion of a SQLite store (`switchyard-db convert`): the file gets the new schema and
// the converted rows with their UUIDs; a conversion the rows do not fit leaves the file untouched.
import t from 'tap'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../../cli/switchyard-db.js'
import { databaseSchemaFromJson } from '../../../schema/index.js'
import { transact } from '../../../server/engine/index.js'
import { convertSqliteFile, openSqliteStore } from '../../../server/storage/index.js'

const OLD = {
  name: 'Test',
  version: '1.0.0',
  tables: { T: { columns: { name: { type: 'string' }, n: { type: { key: { type: 'integer', minInteger: 0, maxInteger: 100 } } } } } },
}

function storeWithRow(t: { teardown(fn: () => void): void }): { path: string; uuid: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sy-convert-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const path = join(dir, 'test.db')
  const store = openSqliteStore(path, databaseSchemaFromJson(OLD))
  const outcome = transact(store.db, [{ op: 'insert', table: 'T', row: { name: 'a', n: 50 } }])
  if (outcome.kind !== 'done' || outcome.delta === null) throw new Error('insert failed')
  void store.storage.append({ txnId: '00000000-0000-4000-8000-000000000001', delta: outcome.delta, comments: [], peer: 'test', durable: false })
  store.storage.close()
  return { path, uuid: ((outcome.results[0] as { uuid: [string, string] }).uuid)[1] }
}

t.test('convertSqliteFile rewrites the store with the new schema and the rows', async (t) => {
  const { path, uuid } = storeWithRow(t)
  const next = { ...OLD, version: '2.0.0', tables: { T: { columns: { ...OLD.tables.T.columns, c: { type: { key: 'string', min: 0, max: 1 } } } } } }
  t.equal(convertSqliteFile(path, databaseSchemaFromJson(next)), 1)
  const reopened = openSqliteStore(path, databaseSchemaFromJson(OLD))
  t.teardown(() => reopened.storage.close())
  t.equal(reopened.db.schema.version, '2.0.0')
  const row = reopened.db.tables.get('T')!.rows.get(uuid)!
  t.same(row.fields, { name: { keys: ['a'] }, n: { keys: [50] }, c: { keys: [] } })
})

t.test('switchyard-db convert prints what it did, and refuses rows the new schema rejects', async (t) => {
  const { path } = storeWithRow(t)
  const schemaFile = `${path}.schema`
  const narrow = { ...OLD, tables: { T: { columns: { ...OLD.tables.T.columns, n: { type: { key: { type: 'integer', maxInteger: 10 } } } } } } }
  writeFileSync(schemaFile, JSON.stringify(narrow))
  const errors: string[] = []
  t.equal(main(['convert', path, schemaFile], () => undefined, (line) => errors.push(line)), 1)
  t.same(errors, ['switchyard-db: convert: constraint violation: 50 is greater than maximum allowed value 10'])
  writeFileSync(schemaFile, JSON.stringify({ ...OLD, version: '1.0.1' }))
  const lines: string[] = []
  t.equal(main(['convert', path, schemaFile], (line) => lines.push(line)), 0)
  t.same(lines, [`converted Test: 1 row(s) in ${path} to schema version 1.0.1`], 'the failed conversion left the row in place')
})
