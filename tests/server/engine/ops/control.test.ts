// The operations that touch no rows: commit (durable), abort, comment and assert.
import t from 'tap'
import { done, newDb, run } from '../helpers.js'

t.test('commit with durable true asks for a durable commit; durable is required', async (t) => {
  const db = newDb()
  t.equal(done(db, [{ op: 'commit', durable: true }]).durable, true)
  t.equal(done(db, [{ op: 'commit', durable: false }]).durable, false)
  t.same(run(db, [{ op: 'commit' }]), [{
    error: 'syntax error',
    details: "Parsing ovsdb operation 1 of 1 failed: Required 'durable' member is missing.",
    syntax: '{"op":"commit"}',
  }])
})

t.test('abort fails the transaction and nothing it did is kept', async (t) => {
  const db = newDb()
  const outcome = done(db, [{ op: 'insert', table: 'Root', row: { name: 'a' } }, { op: 'abort' }, { op: 'comment', comment: 'x' }])
  t.same(outcome.results.slice(1), [{ error: 'aborted', details: 'aborted by request' }, null])
  t.equal(outcome.delta, null)
  t.same(run(db, [{ op: 'select', table: 'Root', where: [] }]), [{ rows: [] }])
})

t.test('comments are returned with the outcome in order', async (t) => {
  const outcome = done(newDb(), [{ op: 'comment', comment: 'one' }, { op: 'comment', comment: 'two' }])
  t.same(outcome.results, [{}, {}])
  t.same(outcome.comments, ['one', 'two'])
})

t.test('assert passes only for a lock the session holds', async (t) => {
  const db = newDb()
  t.same(run(db, [{ op: 'assert', lock: 'l' }], { locksHeld: new Set(['l']) }), [{}])
  t.same(run(db, [{ op: 'assert', lock: 'l' }]), [{ error: 'not owner', details: 'Asserted lock l not held.' }])
})
