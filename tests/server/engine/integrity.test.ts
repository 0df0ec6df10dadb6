// The commit-time passes, checked through transactions: strong references, garbage collection,
// maxRows, weak references and index uniqueness, with ovsdb-server's wording and order.
import t from 'tap'
import { byUuid, done, insert, map, named, newDb, ref, run, select, set, uuidOf } from './helpers.js'

const GHOST = '99999999-9999-4999-8999-999999999999'

/** A Root named `name` holding one new Kid strongly; returns both UUIDs. */
function rootWithKid(db: ReturnType<typeof newDb>, name: string, extra: Record<string, unknown> = {}) {
  const [root, kid] = run(db, [
    { op: 'insert', table: 'Root', row: { name, kids: named('k'), ...extra } },
    { op: 'insert', table: 'Kid', row: { k1: name }, 'uuid-name': 'k' },
  ])
  return { root: uuidOf(root), kid: uuidOf(kid) }
}

t.test('a strong reference to a nonexistent row fails the commit, appended after the op results', async (t) => {
  const results = run(newDb(), [{ op: 'insert', table: 'Root', row: { name: 'a', kids: ref(GHOST) } }])
  t.equal(results.length, 2)
  t.same(results[1], {
    error: 'referential integrity violation',
    details: `Table Root column kids row ${uuidOf(results[0])} references nonexistent row ${GHOST} in table Kid.`,
  })
})

t.test('deleting a row that is still referenced fails with the count of references', async (t) => {
  const db = newDb()
  const { kid } = rootWithKid(db, 'a')
  run(db, [{ op: 'insert', table: 'Root', row: { name: 'b', kids: ref(kid) } }])
  t.same(run(db, [{ op: 'delete', table: 'Kid', where: byUuid(kid) }])[1], {
    error: 'referential integrity violation',
    details: `cannot delete Kid row ${kid} because of 2 remaining reference(s)`,
  })
})

t.test('an unreferenced row of a non-root table is collected, even one inserted in the same transaction', async (t) => {
  const db = newDb()
  const [inserted] = run(db, [{ op: 'insert', table: 'Kid', row: { k1: 'lonely' } }])
  t.match(inserted, { uuid: ['uuid', String] })
  t.same(select(db, 'Kid'), [])
})

t.test('dropping the last reference collects the row and, in cascade, the rows only it referenced', async (t) => {
  const db = newDb()
  const [, kid] = run(db, [
    { op: 'insert', table: 'Root', row: { name: 'a', kids: named('k') } },
    { op: 'insert', table: 'Kid', row: { k1: 'x', sub: named('s') }, 'uuid-name': 'k' },
    { op: 'insert', table: 'Sub', row: { x: 1 }, 'uuid-name': 's' },
  ])
  t.equal(select(db, 'Sub').length, 1)
  const outcome = done(db, [{ op: 'update', table: 'Root', where: [], row: { kids: set() } }])
  t.same([select(db, 'Kid'), select(db, 'Sub')], [[], []])
  t.same([...outcome.delta!.tables.get('Kid')!.deleted.keys()], [uuidOf(kid)], 'the collected row is in the delta as deleted')
})

t.test('self-references do not keep a row alive or stop its deletion', async (t) => {
  const db = newDb()
  const { root, kid } = rootWithKid(db, 'a')
  run(db, [{ op: 'update', table: 'Kid', where: byUuid(kid), row: { self: ref(kid) } }])
  run(db, [{ op: 'update', table: 'Root', where: byUuid(root), row: { kids: set() } }])
  t.same(select(db, 'Kid'), [])
})

t.test('a table with more rows than maxRows fails the commit', async (t) => {
  const db = newDb()
  for (const name of ['a', 'b', 'c', 'd']) insert(db, 'Root', { name })
  t.same(run(db, [{ op: 'insert', table: 'Root', row: { name: 'e' } }])[1], {
    error: 'constraint violation',
    details: 'transaction causes "Root" table to contain 5 rows, greater than the schema-defined limit of 4 row(s)',
  })
  t.same(run(db, [{ op: 'delete', table: 'Root', where: [['name', '==', 'a']] }, { op: 'insert', table: 'Root', row: { name: 'e' } }]).length, 2)
})

t.test('deleting a weakly referenced row removes the references from the referring rows', async (t) => {
  const db = newDb()
  const { root, kid } = rootWithKid(db, 'a')
  run(db, [{ op: 'update', table: 'Root', where: byUuid(root), row: { weak: ref(kid), wmap: map(['x', ref(kid)]) } }])
  const holder = insert(db, 'Root', { name: 'b', weak: ref(kid) })
  const outcome = done(db, [{ op: 'update', table: 'Root', where: byUuid(root), row: { kids: set() } }, { op: 'delete', table: 'Kid', where: [] }])
  t.same(outcome.results, [{ count: 1 }, { count: 1 }])
  t.same(select(db, 'Root', byUuid(holder), ['weak']), [{ weak: set() }])
  t.same(outcome.delta!.tables.get('Root')!.modified.get(holder)!.changed, new Set(['weak', '_version']))
})

t.test('a weak reference to a row that never existed is dropped at commit', async (t) => {
  const db = newDb()
  const uuid = insert(db, 'Root', { name: 'a', weak: set(ref(GHOST)) })
  t.same(select(db, 'Root', byUuid(uuid), ['weak']), [{ weak: set() }])
})

t.test('dropping a weak reference below the column minimum fails, worded for inserted and existing rows', async (t) => {
  const db = newDb()
  const inserted = run(db, [{ op: 'insert', table: 'Must', row: { many: ref(GHOST), one: ref(GHOST) } }])
  t.match(inserted[1], { error: 'constraint violation', details: /^Deletion of 1 weak reference\(s\) to deleted \(or never-existing\) rows from column "(one|many)" in "Must" row [-0-9a-f]+ \(inserted within this transaction\) caused this column to become empty, but constraints on this column disallow an empty column\.$/ })
  const defaulted = run(db, [{ op: 'insert', table: 'Must', row: { many: ref(GHOST) } }])
  t.match(defaulted[1], { error: 'constraint violation', details: /contained all-zeros UUID \(probably as the default value for this column\) but deleting this value caused a constraint volation/ })
  const [must] = run(db, [
    { op: 'insert', table: 'Must', row: { hold: named('k'), one: named('k'), many: named('k') } },
    { op: 'insert', table: 'Kid', row: { k1: 'x' }, 'uuid-name': 'k' },
  ])
  t.match(run(db, [{ op: 'update', table: 'Must', where: [], row: { hold: set() } }])[1], {
    details: `Deletion of 1 weak reference(s) to deleted (or never-existing) rows from column "one" in "Must" row ${uuidOf(must)} caused this column to become empty, but constraints on this column disallow an empty column.`,
  })
})

t.test('as in ovsdb-server 3.1, a row that drops the strong ref keeps its weak ref in a set column', async (t) => {
  const db = newDb()
  const { root, kid } = rootWithKid(db, 'a')
  run(db, [{ op: 'update', table: 'Root', where: byUuid(root), row: { weak: ref(kid) } }])
  run(db, [{ op: 'update', table: 'Root', where: byUuid(root), row: { kids: set() } }])
  t.same(select(db, 'Kid'), [])
  t.same(select(db, 'Root', byUuid(root), ['weak']), [{ weak: ref(kid) }])
})

t.test('an index collision names both rows and how each came to hold the values', async (t) => {
  const db = newDb()
  const a = insert(db, 'Root', { name: 'a' })
  const b = insert(db, 'Root', { name: 'b', i: 1 })
  const [inserted, error] = run(db, [{ op: 'insert', table: 'Root', row: { name: 'a', i: 2 } }])
  t.same(error, {
    error: 'constraint violation',
    details: `Transaction causes multiple rows in "Root" table to have identical values (a) for index on column "name".  ` +
      `First row, with UUID ${uuidOf(inserted)}, was inserted by this transaction.  ` +
      `Second row, with UUID ${a}, existed in the database before this transaction and was not modified by the transaction.`,
  })
  const [, renamed] = run(db, [{ op: 'update', table: 'Root', where: byUuid(b), row: { name: 'a' } }])
  t.match(renamed, { details: new RegExp(`row, with UUID ${b}, had the following index values before the transaction: b\\.`) })
  const [, , both] = run(db, [
    { op: 'update', table: 'Root', where: byUuid(a), row: { i: 5 } },
    { op: 'update', table: 'Root', where: byUuid(b), row: { name: 'a' } },
  ])
  t.match(both, { details: new RegExp(`row, with UUID ${a}, existed in the database before this transaction, which modified some of the row's columns but not any columns in this index\\.`) })
})

t.test('index values may be swapped between rows in one transaction', async (t) => {
  const db = newDb()
  const a = insert(db, 'Root', { name: 'a' })
  const b = insert(db, 'Root', { name: 'b' })
  t.same(run(db, [
    { op: 'update', table: 'Root', where: byUuid(a), row: { name: 'b' } },
    { op: 'update', table: 'Root', where: byUuid(b), row: { name: 'a' } },
  ]), [{ count: 1 }, { count: 1 }])
  t.same(select(db, 'Root', [['name', '==', 'a']], ['_uuid']), [{ _uuid: ref(b) }])
})

t.test('a multi-column index compares all its columns', async (t) => {
  const db = newDb()
  const ops = (k2: number) => [
    { op: 'insert', table: 'Root', row: { name: `r${k2}`, kids: set(named('x'), named('y')) } },
    { op: 'insert', table: 'Kid', row: { k1: 'k', k2: 1 }, 'uuid-name': 'x' },
    { op: 'insert', table: 'Kid', row: { k1: 'k', k2 }, 'uuid-name': 'y' },
  ]
  t.equal(run(db, ops(2)).length, 3)
  t.match(run(db, ops(1))[3], { details: /identical values \(k and 1\) for index on columns "k1" and "k2"\./ })
})

t.test('every changed row gets a fresh _version; unchanged rows keep theirs', async (t) => {
  const db = newDb()
  const a = insert(db, 'Root', { name: 'a' })
  const b = insert(db, 'Root', { name: 'b' })
  const before = select(db, 'Root', [], ['name', '_version'])
  run(db, [{ op: 'update', table: 'Root', where: byUuid(a), row: { i: 1 } }])
  const after = select(db, 'Root', [], ['name', '_version'])
  const version = (rows: Record<string, unknown>[], name: string) => JSON.stringify(rows.find((row) => row.name === name)!._version)
  t.not(version(after, 'a'), version(before, 'a'))
  t.equal(version(after, 'b'), version(before, 'b'))
  t.ok(b)
})
