// loadRows (server/engine/load.ts): a database loaded from committed rows keeps the same index,
// reference-count and weak-referrer bookkeeping as the one built by transactions, so later
// transactions (GC, integrity, uniqueness) answer the same on both.

import t from 'tap'
import { Database, loadRows, type Row } from '../../../server/engine/index.js'
import { dumpBookkeeping, dumpRows, fixtureSchema, run } from './helpers.js'

/** A database loaded with `db`'s rows, in insertion order or (`reversed`) backwards. */
function copyOf(db: Database, reversed = false): Database {
  const copy = new Database(db.schema)
  const rows: [string, Row][] = []
  for (const [name, table] of db.tables) for (const row of table.rows.values()) rows.push([name, row])
  loadRows(copy, reversed ? rows.reverse() : rows)
  return copy
}

function refsDatabase(): Database {
  const db = new Database(fixtureSchema('refs.ovsschema'))
  run(db, [
    { op: 'insert', table: 'Leaf', row: { v: 'l1' }, 'uuid-name': 'l1' },
    { op: 'insert', table: 'Kid', row: { n: 1, leaf: ['named-uuid', 'l1'] }, 'uuid-name': 'k1' },
    { op: 'insert', table: 'Kid', row: { n: 2 }, 'uuid-name': 'k2' },
    { op: 'insert', table: 'Root', row: { name: 'a', kid: ['named-uuid', 'k1'], kids: ['set', [['named-uuid', 'k1'], ['named-uuid', 'k2']]], weak: ['named-uuid', 'k2'], weak1: ['named-uuid', 'k1'], byname: ['map', [['x', ['named-uuid', 'k2']]]], keyed: ['map', [[['named-uuid', 'l1'], 7]]] }, 'uuid-name': 'a' },
    { op: 'insert', table: 'Root', row: { name: 'b', weak1: ['named-uuid', 'k1'], wbyname: ['map', [['y', ['named-uuid', 'k1']]]], peer: ['named-uuid', 'a'] } },
    { op: 'insert', table: 'Anchor', row: { leaves: ['named-uuid', 'l1'], must: ['named-uuid', 'l1'] } },
  ])
  return db
}

t.test('a loaded database has the same refcounts, weak referrers and indexes as the transacted one', async (t) => {
  const db = refsDatabase()
  const copy = copyOf(db, true)
  t.same(dumpRows(copy), dumpRows(db))
  t.same(dumpBookkeeping(copy), dumpBookkeeping(db))
  t.ok(db.tables.get('Kid')!.refCounts.size > 0, 'the fixture does hold strong references')
})

t.test('garbage collection and weak-reference removal cascade the same after loading', async (t) => {
  const db = refsDatabase()
  const copy = copyOf(db)
  const ops = [
    [{ op: 'update', table: 'Root', where: [['name', '==', 'a']], row: { kids: ['set', []], byname: ['map', []] } }],
    [{ op: 'delete', table: 'Root', where: [['name', '==', 'a']] }],
  ]
  for (const step of ops) {
    const select = [
      { op: 'select', table: 'Kid', where: [], columns: ['n'] },
      { op: 'select', table: 'Root', where: [], columns: ['name', 'weak', 'wbyname'] },
    ]
    const original = run(db, [...step, ...select])
    const loaded = run(copy, [...step, ...select])
    t.same(loaded.results, original.results)
    t.same(dumpRows(copy).length, dumpRows(db).length)
    t.same(dumpBookkeeping(copy), dumpBookkeeping(db))
  }
  t.equal(copy.tables.get('Kid')!.rows.size, 0, 'every kid was collected')
})

t.test('deleting a still-referenced row fails the same after loading', async (t) => {
  const copy = copyOf(refsDatabase())
  const outcome = run.bind(null, copy)
  t.throws(() => outcome([{ op: 'delete', table: 'Leaf', where: [] }]), /referential integrity violation/)
})

t.test('index uniqueness holds after loading', async (t) => {
  const db = new Database(fixtureSchema('indexes.ovsschema'))
  run(db, [{ op: 'insert', table: 'Host', row: { name: 'h1', zone: 'z', slot: 1 } }])
  const copy = copyOf(db)
  t.same(dumpBookkeeping(copy), dumpBookkeeping(db))
  t.throws(() => run(copy, [{ op: 'insert', table: 'Host', row: { name: 'h1', zone: 'z', slot: 2 } }]), /constraint violation/)
  run(copy, [{ op: 'insert', table: 'Host', row: { name: 'h2', zone: 'z', slot: 2 } }])
  t.equal(copy.tables.get('Host')!.rows.size, 2)
})

t.test('loading rejects corrupt input with a plain Error', async (t) => {
  const db = refsDatabase()
  const leaf = [...db.tables.get('Leaf')!.rows.values()][0]
  const kid = [...db.tables.get('Kid')!.rows.values()].find((row) => row.fields.leaf.keys.length === 1)!
  t.throws(() => loadRows(new Database(db.schema), [['Nope', leaf]]), /no table "Nope"/)
  t.throws(() => loadRows(new Database(db.schema), [['Leaf', leaf], ['Leaf', leaf]]), /duplicate UUID/)
  t.throws(() => loadRows(new Database(db.schema), [['Kid', kid]]), /references missing Leaf row/)
  const host = new Database(fixtureSchema('indexes.ovsschema'))
  run(host, [{ op: 'insert', table: 'Host', row: { name: 'h1', zone: 'z', slot: 1 } }])
  const row = [...host.tables.get('Host')!.rows.values()][0]
  const twin: Row = { ...row, uuid: '00000000-0000-4000-8000-000000000001' }
  t.throws(() => loadRows(new Database(host.schema), [['Host', row], ['Host', twin]]), /same value for index/)
})
