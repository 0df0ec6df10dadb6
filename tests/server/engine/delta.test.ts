// The Delta a commit yields: inserted, modified (with changed columns) and deleted rows per table,
// and null when the transaction changed nothing.
import t from 'tap'
import { byUuid, done, insert, named, newDb, uuidOf } from './helpers.js'

t.test('an insert appears as an inserted row holding every column', async (t) => {
  const db = newDb()
  const outcome = done(db, [{ op: 'insert', table: 'Root', row: { name: 'a' } }])
  const root = outcome.delta!.tables.get('Root')!
  const row = root.inserted.get(uuidOf(outcome.results[0]))!
  t.equal(row.fields.name.keys[0], 'a')
  t.same(row.fields.i, { keys: [0] })
  t.same([root.modified.size, root.deleted.size], [0, 0])
  t.ok(Object.isFrozen(row), 'committed rows are frozen')
})

t.test('an update appears as old row, new row and the changed columns with _version', async (t) => {
  const db = newDb()
  const uuid = insert(db, 'Root', { name: 'a', i: 1 })
  const outcome = done(db, [{ op: 'update', table: 'Root', where: byUuid(uuid), row: { i: 2, b: false } }])
  const change = outcome.delta!.tables.get('Root')!.modified.get(uuid)!
  t.same(change.changed, new Set(['i', '_version']))
  t.same([change.old.fields.i, change.new.fields.i], [{ keys: [1] }, { keys: [2] }])
  t.not(change.old.version, change.new.version)
})

t.test('a delete appears as the deleted old row; tables without changes are absent', async (t) => {
  const db = newDb()
  const uuid = insert(db, 'Root', { name: 'a' })
  const outcome = done(db, [{ op: 'delete', table: 'Root', where: [] }, { op: 'select', table: 'Kid', where: [] }])
  t.same([...outcome.delta!.tables.keys()], ['Root'])
  t.equal(outcome.delta!.tables.get('Root')!.deleted.get(uuid)!.fields.name.keys[0], 'a')
})

t.test('a row inserted and collected in the same transaction is not in the delta', async (t) => {
  const db = newDb()
  const outcome = done(db, [
    { op: 'insert', table: 'Root', row: { name: 'a', kids: named('k') } },
    { op: 'insert', table: 'Kid', row: { k1: 'kept' }, 'uuid-name': 'k' },
    { op: 'insert', table: 'Kid', row: { k1: 'collected' } },
  ])
  const kids = outcome.delta!.tables.get('Kid')!.inserted
  t.same([...kids.values()].map((row) => row.fields.k1.keys[0]), ['kept'])
})

t.test('a transaction that reads only, or writes what is already there, yields no delta', async (t) => {
  const db = newDb()
  insert(db, 'Root', { name: 'a' })
  t.equal(done(db, [{ op: 'select', table: 'Root', where: [] }]).delta, null)
  t.equal(done(db, [{ op: 'mutate', table: 'Root', where: [], mutations: [['i', '+=', 0]] }]).delta, null)
})
