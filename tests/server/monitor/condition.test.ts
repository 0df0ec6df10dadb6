// Monitor conditions (`where` of monitor_cond and monitor_cond_change): clauses are ORed, rows
// moving into or out of a condition become insert/delete, and a condition change sends the
// difference under the new id before returning, as ovsdb-server 3.1 does.
import t from 'tap'
import { OvsdbError } from '../../../schema/index.js'
import { bench, Collector, remove, update } from './helpers.js'

function note(id: unknown, updates: unknown, method = 'update2'): unknown {
  return { id: null, method, params: [id, updates] }
}

t.test('a condition selects rows matching any of its clauses', async (t) => {
  const b = bench()
  const a1 = b.insert('A', { name: 'a1', n: 1 })
  b.insert('A', { name: 'a2', n: 2 })
  const a3 = b.insert('A', { name: 'a3', n: 3 })
  const result = b.hub.add(new Collector(), 'c', 2, { A: [{ columns: ['name'], where: [['n', '==', 1], ['name', '==', 'a3']] }] })
  t.same(result, { A: { [a1]: { initial: { name: 'a1' } }, [a3]: { initial: { name: 'a3' } } } })
})

t.test('an empty condition or a true clause selects every row; false selects none', async (t) => {
  const b = bench()
  b.insert('A', { name: 'a1' })
  b.insert('A', { name: 'a2' })
  const count = (where: unknown[]): number => Object.keys((b.hub.add(new Collector(), where, 2, { A: [{ where }] }) as { A?: object }).A ?? {}).length
  t.equal(count([]), 2)
  t.equal(count([true]), 2)
  t.equal(count([false]), 0)
  t.equal(count([false, ['name', '==', 'a2']]), 1)
})

t.test('inserts and deletes outside the condition are not sent', async (t) => {
  const b = bench()
  const sink = new Collector()
  b.hub.add(sink, 'c', 2, { A: [{ columns: ['name'], where: [['n', '>', 5]] }] })
  b.insert('A', { name: 'small', n: 1 })
  b.txn(remove('A', 'name', 'small'))
  const big = b.insert('A', { name: 'big', n: 9 })
  t.same(sink.take(), [note('c', { A: { [big]: { insert: { name: 'big' } } } })])
})

t.test('a row entering the condition is an insert of all its columns, leaving it a delete', async (t) => {
  const b = bench()
  const a = b.insert('A', { name: 'a', n: 1, s: ['set', ['x']] })
  const sink = new Collector()
  b.hub.add(sink, 'c', 2, { A: [{ columns: ['name', 's'], where: [['n', '>', 5]] }] })
  b.txn(update('A', 'name', 'a', { n: 9 }))
  t.same(sink.take(), [note('c', { A: { [a]: { insert: { name: 'a', s: 'x' } } } })])
  b.txn(update('A', 'name', 'a', { n: 2, name: 'b' }))
  t.same(sink.take(), [note('c', { A: { [a]: { delete: null } } })])
})

t.test('a change to only a condition column sends an empty modify (ovsdb-server quirk)', async (t) => {
  const b = bench()
  const a = b.insert('A', { name: 'a', n: 9 })
  const sink = new Collector()
  b.hub.add(sink, 'c', 2, { A: [{ columns: ['name'], where: [['n', '>', 5]] }] })
  b.txn(update('A', 'name', 'a', { n: 10 }))
  t.same(sink.take(), [note('c', { A: { [a]: { modify: {} } } })])
  b.txn(update('A', 'name', 'a', { r: 1 }))
  t.same(sink.take(), [], 'other unmonitored columns stay silent')
})

t.test('with several requests for a table, the first one\'s where filters and every column is reported', async (t) => {
  const b = bench()
  const a1 = b.insert('A', { name: 'a1', n: 5 })
  b.insert('A', { name: 'a2', n: 7 })
  const requests = { A: [{ columns: ['name'], where: [['n', '<', 6]] }, { columns: ['b'], where: [['n', '>', 6]] }] }
  const sink = new Collector()
  t.same(b.hub.add(sink, 'c', 2, requests), { A: { [a1]: { initial: { name: 'a1' } } } })
  const a3 = b.insert('A', { name: 'a3', n: 1, b: true })
  t.same(sink.take(), [note('c', { A: { [a3]: { insert: { name: 'a3', b: true } } } })])
})

t.test('monitor_cond_change sends rows entering and leaving under the new id before returning', async (t) => {
  const b = bench()
  const a = b.insert('A', { name: 'a', n: 1 })
  const c = b.insert('A', { name: 'b', n: 2 })
  const sink = new Collector()
  b.hub.add(sink, 'c1', 2, { A: [{ columns: ['name'], where: [['n', '==', 1]] }] })
  b.hub.changeConditions(sink, 'c1', 'c2', { A: [{ where: [['n', '==', 2]] }] })
  t.same(sink.take(), [note('c2', { A: { [a]: { delete: null }, [c]: { insert: { name: 'b' } } } })])
  t.equal(b.hub.cancel(sink, 'c1'), false, 'the old id is gone')
  b.txn(update('A', 'name', 'b', { name: 'bb' }), update('A', 'name', 'a', { name: 'aa' }))
  t.same(sink.take(), [note('c2', { A: { [c]: { modify: { name: 'bb' } } } })], 'later updates follow the new condition')
})

t.test('monitor_cond_change leaves tables it does not name alone and sends nothing when no row moves', async (t) => {
  const b = bench()
  b.insert('A', { name: 'a', n: 1 })
  b.insert('B', { x: 1 })
  const sink = new Collector()
  b.hub.add(sink, 'c', 2, { A: [{ where: [['n', '==', 1]] }], B: [{ where: [['x', '==', 1]] }] })
  b.hub.changeConditions(sink, 'c', 'c', { A: [{ where: [['n', '>', 0]] }] })
  t.same(sink.take(), [])
  const x2 = b.insert('B', { x: 2 })
  t.same(sink.take(), [], 'B keeps x == 1')
  b.hub.changeConditions(sink, 'c', 'c', { B: [{ where: [] }] })
  t.same(sink.take(), [note('c', { B: { [x2]: { insert: { x: 2, _version: ['uuid', b.db.tables.get('B')!.rows.get(x2)!.version] } } } })])
})

t.test('monitor_cond_change on a version 3 monitor sends update3 with the last transaction id', async (t) => {
  const b = bench()
  const a = b.insert('A', { name: 'a' })
  const sink = new Collector()
  b.hub.add(sink, 'c', 3, { A: [{ columns: ['name'], where: [false] }] }, '00000000-0000-0000-0000-000000000000')
  b.hub.changeConditions(sink, 'c', 'd', { A: [{ where: [true] }] })
  t.same(sink.take(), [{ id: null, method: 'update3', params: ['d', b.hub.lastTxnId, { A: { [a]: { insert: { name: 'a' } } } }] }])
})

t.test('monitor_cond_change on a version 1 monitor only renames it', async (t) => {
  const b = bench()
  b.insert('A', { name: 'a' })
  const sink = new Collector()
  b.hub.add(sink, 'v1', 1, { A: { columns: ['name'] } })
  b.hub.changeConditions(sink, 'v1', 'v1b', { A: [{ where: [['no_such_column', '==', 2]] }] })
  t.same(sink.take(), [])
  const c = b.insert('A', { name: 'c' })
  t.same(sink.take(), [note('v1b', { A: { [c]: { new: { name: 'c' } } } }, 'update')])
})

t.test('monitor_cond_change errors are ovsdb-server\'s and change nothing', async (t) => {
  const b = bench()
  const sink = new Collector()
  b.hub.add(sink, 'c1', 2, { A: [{ columns: ['name'], where: [['n', '==', 1]] }] })
  b.hub.add(sink, 'other', 2, { B: [{}] })
  const cases: [unknown, unknown, unknown, OvsdbError][] = [
    ['c9', 'c2', { A: [{ where: [] }] }, new OvsdbError('syntax error', 'unknown monitor session', '"c9"')],
    ['c1', 'other', { A: [{ where: [] }] }, new OvsdbError('syntax error', 'duplicate monitor ID', '"other"')],
    ['c1', 'c2', { A: [{ columns: ['name'] }] }, new OvsdbError('syntax error', 'changing columns is unsupported', '{"columns":["name"]}')],
    ['c1', 'c2', { B: [{ where: [] }] }, new OvsdbError('syntax error', 'no table named B in monitor session')],
    ['c1', 'c2', { Nope: [{ where: [] }] }, new OvsdbError('syntax error', 'no table named Nope')],
    ['c1', 'c2', { A: { where: [] } }, new OvsdbError('syntax error', 'table A no monitor-cond-change JSON array')],
    ['c1', 'c2', [], new OvsdbError('syntax error', 'monitor-cond-change-requests must be object')],
    ['c1', 'c2', { A: [{ where: [['zz', '==', 1]] }] }, new OvsdbError('unknown column', 'No column zz in table A.', '["zz","==",1]')],
    ['c1', 'c2', { A: [{ where: [], foo: 1 }] }, new OvsdbError('syntax error', "Parsing table A failed: Member 'foo' is present but not allowed here.", '{"foo":1,"where":[]}')],
  ]
  for (const [oldId, newId, requests, expected] of cases) {
    t.throws(() => b.hub.changeConditions(sink, oldId, newId, requests), expected, expected.details ?? expected.tag)
  }
  const c = b.insert('A', { name: 'x', n: 1 })
  t.same(sink.take(), [note('c1', { A: { [c]: { insert: { name: 'x' } } } })], 'c1 kept its id and condition')
})
