// Restoring persisted rows: the loaded database answers and enforces references and indexes
// exactly as the database the rows came from.
import t from 'tap'
import { Database, restoreRows, type StoredRow } from '../../../server/engine/index.js'
import { byUuid, done, named, newDb, ref, run, select, set, uuidOf } from './helpers.js'

function copyOf(db: Database): Database {
  const copy = new Database(db.schema)
  const rows: StoredRow[] = []
  for (const [table, committed] of db.tables) for (const row of committed.rows.values()) rows.push({ table, row })
  restoreRows(copy, rows)
  return copy
}

t.test('restored rows keep their UUIDs, versions and values', async (t) => {
  const db = newDb()
  run(db, [{ op: 'insert', table: 'Root', row: { name: 'a', i: 3 } }])
  t.same(select(copyOf(db), 'Root'), select(db, 'Root'))
})

t.test('restored reference counts still protect and collect rows', async (t) => {
  const db = newDb()
  const [root, kid] = run(db, [
    { op: 'insert', table: 'Root', row: { name: 'a', kids: named('k'), weak: named('k') } },
    { op: 'insert', table: 'Kid', row: { k1: 'x' }, 'uuid-name': 'k' },
  ])
  const copy = copyOf(db)
  t.match(run(copy, [{ op: 'delete', table: 'Kid', where: [] }])[1], { details: `cannot delete Kid row ${uuidOf(kid)} because of 1 remaining reference(s)` })
  const outcome = done(copy, [{ op: 'update', table: 'Root', where: byUuid(uuidOf(root)), row: { kids: set() } }])
  t.equal(outcome.delta!.tables.get('Kid')!.deleted.size, 1, 'the kid is collected')
  t.same(select(copy, 'Root', byUuid(uuidOf(root)), ['weak']), [{ weak: ref(uuidOf(kid)) }], 'set-valued weak ref kept, as ovsdb-server does')
})

t.test('restored indexes still reject duplicates and serve lookups', async (t) => {
  const db = newDb()
  run(db, [{ op: 'insert', table: 'Root', row: { name: 'a' } }])
  const copy = copyOf(db)
  t.equal(select(copy, 'Root', [['name', '==', 'a']]).length, 1)
  t.match(run(copy, [{ op: 'insert', table: 'Root', row: { name: 'a' } }])[1], { error: 'constraint violation' })
})

t.test('restoring into an unknown table or the same UUID twice throws', async (t) => {
  const db = newDb()
  const row = { uuid: '00000000-0000-4000-8000-000000000001', version: '00000000-0000-4000-8000-000000000002', fields: {} }
  t.throws(() => restoreRows(db, [{ table: 'Nope', row }]), /unknown table Nope/)
  t.throws(() => restoreRows(db, [{ table: 'Sub', row }, { table: 'Sub', row }]), /loaded twice/)
})
