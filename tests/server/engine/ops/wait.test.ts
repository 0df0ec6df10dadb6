// The wait operation: satisfied, timed out, blocked (with the smallest timeout), and its errors.
import t from 'tap'
import { transact } from '../../../../server/engine/index.js'
import { byUuid, insert, map, named, newDb, ref, run, set, uuidOf } from '../helpers.js'

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

t.test('IDL verify waits (one row by _uuid, exact columns) answer as the full comparison does', async (t) => {
  const db = newDb()
  const results = run(db, [
    ...['k1', 'k2', 'k3'].map((k1) => ({ op: 'insert', table: 'Kid', row: { k1 }, 'uuid-name': k1 })),
    { op: 'insert', table: 'Root', row: { name: 'a', kids: set(named('k1'), named('k2'), named('k3')), smap: map(['x', '1'], ['y', '2']), sset: set('p'), weak1: named('k1') } },
  ])
  const [kids, uuid] = [results.slice(0, 3).map(uuidOf), uuidOf(results[3])]
  const sorted = [...kids].sort()
  const verify = (where: unknown[], row: unknown, columns = Object.keys(row as object)) => ({ op: 'wait', table: 'Root', where, columns, until: '==', rows: [row], timeout: 0 })
  // The same wait with the _uuid clause given twice: not the verify shape, so always the full comparison.
  const slowly = (row: unknown, columns?: string[]) => verify([...byUuid(uuid), ...byUuid(uuid)], row, columns)
  const cases: [string, unknown, string[]?][] = [
    ['the set as stored', { kids: set(...sorted.map(ref)) }],
    ['the set in another order', { kids: set(...[...sorted].reverse().map(ref)) }],
    ['an uppercase UUID', { kids: set(...sorted.map((u, i) => ref(i === 0 ? u.toUpperCase() : u))) }],
    ['a UUID missing', { kids: set(...sorted.slice(1).map(ref)) }],
    ['a map as stored', { smap: map(['x', '1'], ['y', '2']) }],
    ['a map value differing', { smap: map(['x', '1'], ['y', '3']) }],
    ['a one-element set as a bare atom', { sset: 'p', weak1: ref(kids[0]) }],
    ['a one-element set as ["set",[...]]', { sset: set('p') }],
    ['a scalar differing', { name: 'b' }],
    ['two columns', { name: 'a', sset: 'p' }],
    ['a member beyond the columns', { name: 'a', sset: 'p' }, ['name']],
    ['an unknown column', { name: 'a', nope: 1 }, ['name']],
    ['a column missing from the row', { name: 'a' }, ['name', 'i']],
  ]
  for (const [what, row, columns] of cases) {
    const [fast] = run(db, [verify(byUuid(uuid), row, columns)])
    const [slow] = run(db, [slowly(row, columns)])
    t.same(fast, slow, what)
  }
  t.same(run(db, [verify(byUuid(uuid), { kids: set(...sorted.map(ref)) })]), [{}], 'an exact match is satisfied')
  t.same(run(db, [verify(byUuid(uuid), { kids: set(...sorted.slice(1).map(ref)) })]), [{ error: 'timed out', details: '"where" clause test failed' }])
  const gone = '00000000-0000-4000-8000-000000000001'
  t.same(run(db, [verify(byUuid(gone), { name: 'a' })]), [{ error: 'timed out', details: '"where" clause test failed' }], 'no such row')
  t.same(
    run(db, [{ op: 'update', table: 'Root', where: byUuid(uuid), row: { name: 'z' } }, verify(byUuid(uuid), { name: 'z' })]),
    [{ count: 1 }, {}],
    'the transaction sees its own change',
  )
})
