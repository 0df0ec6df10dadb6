// The delete operation: removing matching rows; rows inserted and deleted in one transaction vanish.
import t from 'tap'
import { done, insert, newDb, run, select } from '../helpers.js'

t.test('delete removes matching rows and counts them', async (t) => {
  const db = newDb()
  insert(db, 'Root', { name: 'a' })
  insert(db, 'Root', { name: 'b' })
  t.same(run(db, [{ op: 'delete', table: 'Root', where: [['name', '==', 'a']] }]), [{ count: 1 }])
  t.same(select(db, 'Root', [], ['name']), [{ name: 'b' }])
})

t.test('a row inserted and deleted in the same transaction leaves no trace', async (t) => {
  const db = newDb()
  const outcome = done(db, [
    { op: 'insert', table: 'Root', row: { name: 'a' } },
    { op: 'delete', table: 'Root', where: [] },
    { op: 'select', table: 'Root', where: [] },
  ])
  t.same(outcome.results.slice(1), [{ count: 1 }, { rows: [] }])
  t.equal(outcome.delta, null)
})

t.test('delete with an unknown column in where is an unknown column error', async (t) => {
  t.same(run(newDb(), [{ op: 'delete', table: 'Root', where: [['nope', '==', 1]] }]), [
    { error: 'unknown column', details: 'No column nope in table Root.', syntax: '["nope","==",1]' },
  ])
})
