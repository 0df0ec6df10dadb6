// Version 1 monitors (`monitor` / `update`, RFC 7047 §4.1.5-4.1.6): what the initial reply and each
// kind of change look like, column selection and per-request `select` flags, as ovsdb-server 3.1.
import t from 'tap'
import { bench, Collector, remove, update, versionOf } from './helpers.js'

const DEFAULTS = {
  name: '', n: 0, r: 0, b: false, u: ['uuid', '00000000-0000-0000-0000-000000000000'], o: ['set', []],
  s: ['set', []], m: ['map', []], om: ['map', []], im: ['map', [[0, 0]]], refs: ['set', []],
}

t.test('initial rows carry every column, defaults and _version included, but not _uuid', async (t) => {
  const b = bench()
  const a = b.insert('A', { name: 'a1', n: 5 })
  const result = b.hub.add(new Collector(), 'm', 1, { A: {} })
  t.same(result, { A: { [a]: { new: { ...DEFAULTS, name: 'a1', n: 5, _version: versionOf(b, 'A', a) } } } })
})

t.test('an empty database or a table with no rows gives an empty initial reply', async (t) => {
  const b = bench()
  t.same(b.hub.add(new Collector(), 'm', 1, { A: {}, B: [{ columns: ['x'] }] }), {})
})

t.test('insert sends new with the monitored columns, delete sends old with them', async (t) => {
  const b = bench()
  const sink = new Collector()
  b.hub.add(sink, 'm', 1, { A: { columns: ['name', 's'] } })
  const a = b.insert('A', { name: 'x', s: ['set', ['p', 'q']] })
  t.same(sink.take(), [{ id: null, method: 'update', params: ['m', { A: { [a]: { new: { name: 'x', s: ['set', ['p', 'q']] } } } }] }])
  b.txn(remove('A', 'name', 'x'))
  t.same(sink.take(), [{ id: null, method: 'update', params: ['m', { A: { [a]: { old: { name: 'x', s: ['set', ['p', 'q']] } } } }] }])
})

t.test('modify sends old with only the changed columns and new with every monitored column', async (t) => {
  const b = bench()
  const a = b.insert('A', { name: 'x', n: 1, m: ['map', [['k', 'v']]] })
  const sink = new Collector()
  b.hub.add(sink, ['monid', 'Mon'], 1, { A: { columns: ['name', 'n', 'm'] } })
  b.txn(update('A', 'name', 'x', { n: 2 }))
  t.same(sink.take(), [{
    id: null, method: 'update',
    params: [['monid', 'Mon'], { A: { [a]: { old: { n: 1 }, new: { name: 'x', n: 2, m: ['map', [['k', 'v']]] } } } }],
  }])
})

t.test('a change to columns nobody monitors sends nothing', async (t) => {
  const b = bench()
  b.insert('A', { name: 'x' })
  b.insert('B', { x: 1 })
  const sink = new Collector()
  b.hub.add(sink, 'm', 1, { A: { columns: ['name'] }, B: { columns: ['x'] } })
  b.txn(update('A', 'name', 'x', { n: 7 }), update('B', 'x', 1, { tags: 't' }))
  t.same(sink.take(), [])
})

t.test('the _version column, monitored by default, makes every modify visible', async (t) => {
  const b = bench()
  const a = b.insert('A', { name: 'x' })
  const sink = new Collector()
  b.hub.add(sink, 'm', 1, { A: { columns: ['_version', '_uuid'] } })
  const before = versionOf(b, 'A', a)
  b.txn(update('A', 'name', 'x', { n: 7 }))
  t.same(sink.take(), [{
    id: null, method: 'update',
    params: ['m', { A: { [a]: { old: { _version: before }, new: { _uuid: ['uuid', a], _version: versionOf(b, 'A', a) } } } }],
  }])
})

t.test('columns [] reports rows as empty objects', async (t) => {
  const b = bench()
  const a = b.insert('A', { name: 'x' })
  const sink = new Collector()
  t.same(b.hub.add(sink, 'm', 1, { A: { columns: [] } }), { A: { [a]: { new: {} } } })
  b.txn(remove('A', 'name', 'x'))
  t.same(sink.take(), [{ id: null, method: 'update', params: ['m', { A: { [a]: { old: {} } } }] }])
})

t.test('select flags apply per request: each column shows only in the kinds its request selected', async (t) => {
  const b = bench()
  const a = b.insert('A', { name: 'x', n: 5 })
  const sink = new Collector()
  const requests = { A: [{ columns: ['name'], select: { initial: false, modify: false } }, { columns: ['n'], select: { insert: false } }] }
  t.same(b.hub.add(sink, 'm', 1, requests), { A: { [a]: { new: { n: 5 } } } }, 'initial: only n')
  b.txn(update('A', 'name', 'x', { n: 4, name: 'y' }))
  t.same(sink.take(), [{ id: null, method: 'update', params: ['m', { A: { [a]: { old: { n: 5 }, new: { n: 4 } } } }] }])
  const c = b.insert('A', { name: 'z', n: 1 })
  t.same(sink.take(), [{ id: null, method: 'update', params: ['m', { A: { [c]: { new: { name: 'z' } } } }] }], 'insert: only name')
  b.txn(remove('A', 'name', 'z'))
  t.same(sink.take(), [{ id: null, method: 'update', params: ['m', { A: { [c]: { old: { name: 'z', n: 1 } } } }] }])
})

t.test('a modify touching only a column whose request left out modify sends an empty old (ovsdb-server quirk)', async (t) => {
  const b = bench()
  const a = b.insert('A', { name: 'x', n: 5 })
  const sink = new Collector()
  b.hub.add(sink, 'm', 1, { A: [{ columns: ['n'], select: { modify: false } }, { columns: ['o'] }] })
  b.txn(update('A', 'name', 'x', { n: 6 }))
  t.same(sink.take(), [{ id: null, method: 'update', params: ['m', { A: { [a]: { old: {}, new: { o: ['set', []] } } } }] }])
})

t.test('a table selecting no kind of change sends nothing, not even initial rows', async (t) => {
  const b = bench()
  b.insert('A', { name: 'x' })
  const sink = new Collector()
  const none = { initial: false, insert: false, delete: false, modify: false }
  t.same(b.hub.add(sink, 'm', 1, { A: { select: none }, B: [] }), {})
  b.insert('A', { name: 'y' })
  b.insert('B', { x: 1 })
  b.txn(update('A', 'name', 'x', { n: 3 }), remove('A', 'name', 'y'))
  t.same(sink.take(), [])
})

t.test('one transaction touching two monitored tables sends one notification', async (t) => {
  const b = bench()
  const sink = new Collector()
  b.hub.add(sink, 'm', 1, { A: { columns: ['name'] }, B: { columns: ['x'] } })
  const [ra, rb] = b.txn(
    { op: 'insert', table: 'A', row: { name: 'a' } },
    { op: 'insert', table: 'B', row: { x: 3 } },
  ) as [{ uuid: [string, string] }, { uuid: [string, string] }]
  t.same(sink.take(), [{
    id: null, method: 'update',
    params: ['m', { A: { [ra.uuid[1]]: { new: { name: 'a' } } }, B: { [rb.uuid[1]]: { new: { x: 3 } } } }],
  }])
})
