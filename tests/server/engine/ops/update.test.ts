// The update operation: setting columns on matching rows and refusing immutable columns.
import t from 'tap'
import { byUuid, done, insert, newDb, ref, run, select } from '../helpers.js'

t.test('update sets the given columns on every matching row and counts matches', async (t) => {
  const db = newDb()
  insert(db, 'Root', { name: 'a' })
  insert(db, 'Root', { name: 'b' })
  t.same(run(db, [{ op: 'update', table: 'Root', where: [], row: { i: 7 } }]), [{ count: 2 }])
  t.same(select(db, 'Root', [], ['i']), [{ i: 7 }])
})

t.test('an update that changes nothing counts the rows but commits no change', async (t) => {
  const db = newDb()
  const uuid = insert(db, 'Root', { name: 'a', i: 1 })
  const [before] = select(db, 'Root', byUuid(uuid), ['_version'])
  const outcome = done(db, [{ op: 'update', table: 'Root', where: [], row: { i: 1 } }])
  t.same(outcome.results, [{ count: 1 }])
  t.equal(outcome.delta, null)
  t.same(select(db, 'Root', byUuid(uuid), ['_version']), [before])
})

t.test('updating an immutable column is a constraint violation whose syntax is the operation', async (t) => {
  const db = newDb()
  for (const column of ['im', '_uuid', '_version']) {
    const value = column === 'im' ? 1 : ref('11111111-1111-4111-8111-111111111111')
    const op = { op: 'update', table: 'Root', where: [], row: { [column]: value } }
    const [error] = run(db, [op])
    t.same(error, {
      error: 'constraint violation',
      details: `Cannot update immutable column ${column} in table Root.`,
      syntax: JSON.stringify({ op: 'update', row: { [column]: value }, table: 'Root', where: [] }),
    }, column)
  }
})
