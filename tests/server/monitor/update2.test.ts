// Version 2 monitors (`monitor_cond` / `update2`, ovsdb-server(7) §4.1.12-4.1.13): initial and
// inserted rows leave default values out, modify carries diffs, delete is null.
import t from 'tap'
import { bench, Collector, remove, update, versionOf } from './helpers.js'

const ZERO = ['uuid', '00000000-0000-0000-0000-000000000000']

t.test('initial and insert leave out every column holding its default value', async (t) => {
  const b = bench()
  const a = b.insert('A', { name: 'a', im: ['map', [[0, 0]]], u: ZERO, o: 0 })
  const sink = new Collector()
  t.same(b.hub.add(sink, 'c', 2, { A: [{}] }), { A: { [a]: { initial: { name: 'a', o: 0, _version: versionOf(b, 'A', a) } } } })
  const c = b.insert('A', { b: true, r: 0.5, im: ['map', [[1, 0]]] })
  t.same(sink.take(), [{
    id: null, method: 'update2',
    params: ['c', { A: { [c]: { insert: { b: true, r: 0.5, im: ['map', [[1, 0]]], _version: versionOf(b, 'A', c) } } } }],
  }])
})

t.test('a row whose monitored columns are all default is reported as an empty object', async (t) => {
  const b = bench()
  const a = b.insert('A', {})
  t.same(b.hub.add(new Collector(), 'c', 2, { A: [{ columns: ['name', 'n'] }] }), { A: { [a]: { initial: {} } } })
})

t.test('modify sends scalars as their new value, even when it is the default', async (t) => {
  const b = bench()
  const a = b.insert('A', { name: 'a', n: 3, r: 1.5 })
  const sink = new Collector()
  b.hub.add(sink, 'c', 2, { A: [{ columns: ['name', 'n', 'r', 'b'] }] })
  b.txn(update('A', 'name', 'a', { n: 0, r: 2.25, b: false }))
  t.same(sink.take(), [{ id: null, method: 'update2', params: ['c', { A: { [a]: { modify: { n: 0, r: 2.25 } } } }] }])
})

t.test('modify sends a set as the symmetric difference and an optional value as the new value', async (t) => {
  const b = bench()
  const a = b.insert('A', { name: 'a', s: ['set', ['x', 'y']], o: 4 })
  const sink = new Collector()
  b.hub.add(sink, 'c', 2, { A: [{ columns: ['s', 'o'] }] })
  b.txn(update('A', 'name', 'a', { s: ['set', ['y', 'z']], o: ['set', []] }))
  t.same(sink.take(), [{ id: null, method: 'update2', params: ['c', { A: { [a]: { modify: { s: ['set', ['x', 'z']], o: ['set', []] } } } }] }])
  b.txn(update('A', 'name', 'a', { s: ['set', ['y']] }))
  t.same(sink.take(), [{ id: null, method: 'update2', params: ['c', { A: { [a]: { modify: { s: 'z' } } } }] }], 'one element: bare atom')
})

t.test('modify sends a map as removed pairs (old value), added and changed pairs (new value)', async (t) => {
  const b = bench()
  const a = b.insert('A', { name: 'a', m: ['map', [['gone', '1'], ['kept', '2'], ['moved', '3']]] })
  const sink = new Collector()
  b.hub.add(sink, 'c', 2, { A: [{ columns: ['m', 'om'] }] })
  b.txn(update('A', 'name', 'a', { m: ['map', [['kept', '2'], ['moved', '4'], ['new', '5']]], om: ['map', [['k', 1]]] }))
  t.same(sink.take(), [{
    id: null, method: 'update2',
    params: ['c', { A: { [a]: { modify: { m: ['map', [['gone', '1'], ['moved', '4'], ['new', '5']]], om: ['map', [['k', 1]]] } } } }],
  }])
})

t.test('delete is reported as null', async (t) => {
  const b = bench()
  const a = b.insert('A', { name: 'a' })
  const sink = new Collector()
  b.hub.add(sink, { any: ['json', 1] }, 2, { A: [{ columns: ['name'] }] })
  b.txn(remove('A', 'name', 'a'))
  t.same(sink.take(), [{ id: null, method: 'update2', params: [{ any: ['json', 1] }, { A: { [a]: { delete: null } } }] }])
})

t.test('select flags decide which kinds of change are sent', async (t) => {
  const b = bench()
  b.insert('A', { name: 'a' })
  const sink = new Collector()
  const result = b.hub.add(sink, 'c', 2, { A: [{ columns: ['name'], select: { initial: false, insert: false } }] })
  t.same(result, {}, 'no initial rows')
  const c = b.insert('A', { name: 'c' })
  t.same(sink.take(), [], 'no insert')
  b.txn(update('A', 'name', 'c', { name: 'd' }), remove('A', 'name', 'a'))
  const [note] = sink.take() as [{ params: [string, { A: Record<string, unknown> }] }]
  t.same(note.params[1].A[c], { modify: { name: 'd' } })
  t.equal(Object.keys(note.params[1].A).length, 2, 'the delete too')
})

t.test('rows inserted and deleted in one transaction are never reported', async (t) => {
  const b = bench()
  const sink = new Collector()
  b.hub.add(sink, 'c', 2, { A: [{ columns: ['name'] }] })
  b.txn({ op: 'insert', table: 'A', row: { name: 'tmp' } }, remove('A', 'name', 'tmp'))
  t.same(sink.take(), [])
})

t.test('_uuid may be monitored and is never a default value', async (t) => {
  const b = bench()
  const a = b.insert('A', {})
  t.same(b.hub.add(new Collector(), 'c', 2, { A: [{ columns: ['_uuid', 'name'] }] }), { A: { [a]: { initial: { _uuid: ['uuid', a] } } } })
})
