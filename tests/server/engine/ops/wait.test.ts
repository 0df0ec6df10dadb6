// The wait operation: satisfied, timed out, blocked (with the smallest timeout), and its errors.
import t from 'tap'
import { transact } from '../../../../server/engine/index.js'
import { insert, newDb, run } from '../helpers.js'

const waitOp = (until: string, rows: unknown[], extra: Record<string, unknown> = {}) =>
  ({ op: 'wait', table: 'Root', where: [], columns: ['name'], until, rows, ...extra })

t.test('wait succeeds with {} when the rows compare as until asks', async (t) => {
  const db = newDb()
  insert(db, 'Root', { name: 'a' })
  t.same(run(db, [waitOp('==', [{ name: 'a' }]), waitOp('!=', [{ name: 'b' }])]), [{}, {}])
})

t.test('rows compare as a set: duplicates count once and missing columns take defaults', async (t) => {
  const db = newDb()
  insert(db, 'Root', { name: 'a' })
  t.same(run(db, [waitOp('==', [{ name: 'a' }, { name: 'a' }])]), [{}])
  t.same(run(db, [{ op: 'wait', table: 'Root', where: [], columns: ['name', 'i'], until: '==', rows: [{ name: 'a' }] }]), [{}])
})

t.test('an unsatisfied wait with timeout 0 fails at once', async (t) => {
  t.same(run(newDb(), [waitOp('==', [{ name: 'a' }], { timeout: 0 })]), [{ error: 'timed out', details: '"where" clause test failed' }])
})

t.test('an unsatisfied wait blocks until its timeout, then reports the elapsed time', async (t) => {
  const db = newDb()
  const ops = [waitOp('==', [], { timeout: 500 }), waitOp('==', [{ name: 'a' }], { timeout: 200 })]
  insert(db, 'Root', { name: 'a' })
  t.same(transact(db, [waitOp('!=', [{ name: 'a' }])]), { kind: 'blocked', timeoutMs: null }, 'no timeout: forever')
  t.same(transact(db, ops), { kind: 'blocked', timeoutMs: 500 }, 'the first wait blocks; timeouts seen so far')
  const late = transact(db, ops, { elapsedMs: 600 })
  t.same(late.kind === 'done' && late.results, [{ error: 'timed out', details: '"wait" timed out after 600 ms' }, null])
})

t.test('a blocked transaction changes nothing', async (t) => {
  const db = newDb()
  const outcome = transact(db, [{ op: 'insert', table: 'Root', row: { name: 'x' } }, waitOp('==', [{ name: 'nope' }])])
  t.equal(outcome.kind, 'blocked')
  t.same(run(db, [{ op: 'select', table: 'Root', where: [] }]), [{ rows: [] }])
})

t.test('until other than == or != and negative timeouts are syntax errors', async (t) => {
  const db = newDb()
  t.same(run(db, [waitOp('<', [])]), [{ error: 'syntax error', details: '"until" must be "==" or "!="', syntax: '"<"' }])
  t.same(run(db, [waitOp('==', [], { timeout: -1 })]), [{ error: 'syntax error', details: 'timeout must be nonnegative', syntax: '-1' }])
})
