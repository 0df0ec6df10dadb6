// monitor_cond_since (ovsdb-server(7) §4.1.15) and the bounded transaction history behind it. A
// standalone ovsdb-server keeps no history and always answers found:false; Switchyard keeps one,
// so a client reconnecting with a known last transaction id receives only what it missed.
import t from 'tap'
import { ZERO_UUID } from '../../../schema/index.js'
import { MonitorHub } from '../../../server/monitor/index.js'
import { bench, Collector, remove, update } from './helpers.js'

const COLUMNS = { A: [{ columns: ['name', 'n'] }] }

t.test('the hub reports the zero uuid before any transaction and then the newest id', async (t) => {
  const b = bench()
  t.equal(b.hub.lastTxnId, ZERO_UUID)
  b.insert('A', { name: 'a' })
  b.insert('A', { name: 'b' })
  t.equal(b.hub.lastTxnId, b.txnIds[1])
})

t.test('a client with the zero id gets found:false, the newest id and the full initial rows', async (t) => {
  const b = bench()
  const a = b.insert('A', { name: 'a', n: 1 })
  t.same(b.hub.add(new Collector(), 'm', 3, COLUMNS, ZERO_UUID), [false, b.txnIds[0], { A: { [a]: { initial: { name: 'a', n: 1 } } } }])
})

t.test('a client whose last id is in the history gets found:true and only what it missed', async (t) => {
  const b = bench()
  const kept = b.insert('A', { name: 'kept', n: 1 })
  b.insert('A', { name: 'gone', n: 2 })
  const seen = b.txnIds[1]
  b.txn(update('A', 'name', 'kept', { n: 10 }))
  const fresh = b.insert('A', { name: 'fresh', n: 3 })
  b.txn(update('A', 'name', 'fresh', { n: 4 }), remove('A', 'name', 'gone'))
  const [found, last, updates] = b.hub.add(new Collector(), 'm', 3, COLUMNS, seen) as [boolean, string, { A: Record<string, unknown> }]
  t.equal(found, true)
  t.equal(last, b.hub.lastTxnId)
  t.same(updates.A[kept], { modify: { n: 10 } })
  t.same(updates.A[fresh], { insert: { name: 'fresh', n: 4 } }, 'insert then modify merges into one insert with the final values')
  t.equal(Object.values(updates.A).filter((u) => JSON.stringify(u) === '{"delete":null}').length, 1, 'the deleted row')
  t.equal(Object.keys(updates.A).length, 3)
})

t.test('a row inserted and deleted after the client\'s last id is not reported at all', async (t) => {
  const b = bench()
  b.insert('A', { name: 'a' })
  const seen = b.hub.lastTxnId
  b.insert('A', { name: 'tmp' })
  b.txn(remove('A', 'name', 'tmp'))
  t.same(b.hub.add(new Collector(), 'm', 3, COLUMNS, seen), [true, b.hub.lastTxnId, {}])
})

t.test('a client that missed nothing gets found:true with no updates', async (t) => {
  const b = bench()
  b.insert('A', { name: 'a' })
  t.same(b.hub.add(new Collector(), 'm', 3, COLUMNS, b.hub.lastTxnId.toUpperCase()), [true, b.hub.lastTxnId, {}])
})

t.test('an unknown last id gets found:false and the full initial rows', async (t) => {
  const b = bench()
  const a = b.insert('A', { name: 'a', n: 1 })
  const result = b.hub.add(new Collector(), 'm', 3, COLUMNS, '11111111-2222-3333-4444-555555555555')
  t.same(result, [false, b.hub.lastTxnId, { A: { [a]: { initial: { name: 'a', n: 1 } } } }])
})

t.test('missed changes are filtered by the monitor\'s columns and condition', async (t) => {
  const b = bench()
  const a = b.insert('A', { name: 'a', n: 1 })
  const seen = b.hub.lastTxnId
  b.txn(update('A', 'name', 'a', { r: 2 }))
  b.insert('A', { name: 'other', n: 50 })
  t.same(b.hub.add(new Collector(), 'm', 3, { A: [{ columns: ['name'], where: [['n', '<', 10]] }] }, seen), [true, b.hub.lastTxnId, {}])
  b.txn(update('A', 'name', 'a', { n: 20 }))
  const since = b.txnIds.at(-2)!
  t.same(b.hub.add(new Collector(), 'm2', 3, { A: [{ columns: ['name'], where: [['n', '<', 10]] }] }, since), [true, b.hub.lastTxnId, { A: { [a]: { delete: null } } }])
})

t.test('later commits reach a version 3 monitor as update3 with their transaction id', async (t) => {
  const b = bench()
  const sink = new Collector()
  b.hub.add(sink, ['m', 3], 3, COLUMNS, ZERO_UUID)
  const a = b.insert('A', { name: 'a' })
  t.same(sink.take(), [{ id: null, method: 'update3', params: [['m', 3], b.txnIds[0], { A: { [a]: { insert: { name: 'a' } } } }] }])
})

t.test('the history keeps at most historyLimit transactions', async (t) => {
  const b = bench({ historyLimit: 3 })
  for (let i = 0; i < 5; i++) b.insert('A', { n: i })
  const found = (id: string): unknown => (b.hub.add(new Collector(), id, 3, COLUMNS, id) as unknown[])[0]
  t.equal(found(b.txnIds[1]), false, 'dropped')
  t.equal(found(b.txnIds[2]), true, 'oldest kept')
  t.equal(found(b.txnIds[4]), true, 'newest kept')
})

t.test('the history keeps at most historyRows changed rows, but always the newest transaction', async (t) => {
  const b = bench({ historyRows: 3 })
  b.insert('A', { n: 1 })
  b.insert('A', { n: 2 })
  b.txn(...[3, 4, 5, 6].map((n) => ({ op: 'insert', table: 'A', row: { n } })))
  const found = (id: string): unknown => (b.hub.add(new Collector(), id, 3, COLUMNS, id) as unknown[])[0]
  t.equal(found(b.txnIds[1]), false, 'older rows dropped to make room')
  t.equal(found(b.txnIds[2]), true, 'a transaction larger than the budget is still kept')
})

t.test('a hub starts from the history storage hands it, oldest first', async (t) => {
  const b = bench()
  b.insert('A', { name: 'a' })
  const seen = b.hub.lastTxnId
  b.txn(update('A', 'name', 'a', { n: 5 }))
  const restarted = new MonitorHub('Mon', b.db, b.records)
  t.equal(restarted.lastTxnId, b.txnIds[1])
  const [found, , updates] = restarted.add(new Collector(), 'm', 3, COLUMNS, seen) as [boolean, string, { A: object }]
  t.equal(found, true)
  t.same(Object.values(updates.A), [{ modify: { n: 5 } }])
})

t.test('a hub started from a long history keeps the same transactions and decodes only the newest deltas', async (t) => {
  const b = bench({ historyLimit: 3, historyRows: 4 })
  for (let i = 0; i < 6; i++) b.txn({ op: 'insert', table: 'A', row: { n: i } }, { op: 'insert', table: 'A', row: { n: 10 + i } })
  const read: string[] = []
  const lazy = b.records.map((record) => ({ txnId: record.txnId, get delta() { read.push(record.txnId); return record.delta } }))
  const restarted = new MonitorHub('Mon', b.db, lazy, { historyLimit: 3, historyRows: 4 })
  t.same(read, [b.txnIds[5], b.txnIds[4], b.txnIds[3]], 'the kept ones and the first one dropped, newest first')
  const found = (id: string): unknown => (restarted.add(new Collector(), id, 3, COLUMNS, id) as unknown[])[0]
  t.equal(restarted.lastTxnId, b.txnIds[5])
  t.same([found(b.txnIds[3]), found(b.txnIds[4]), found(b.txnIds[5])], [false, true, true], 'the two newest fit in 4 rows')
})

t.test('after a reply from another id, a resume notice carries the new last id in an empty update3', async (t) => {
  const b = bench()
  b.insert('A', { name: 'a' })
  const seen = b.txnIds[0]
  b.insert('A', { name: 'b' })
  const behind = new Collector()
  b.hub.add(behind, 'm', 3, COLUMNS, seen)
  t.equal(b.hub.resumeNotice(behind, 'm', seen), `{"id":null,"method":"update3","params":["m","${b.hub.lastTxnId}",{}]}`, 'found: true with changes')
  const lost = new Collector()
  b.hub.add(lost, ['x', 1], 3, COLUMNS, '11111111-2222-3333-4444-555555555555')
  t.equal(b.hub.resumeNotice(lost, ['x', 1], '11111111-2222-3333-4444-555555555555'), `{"id":null,"method":"update3","params":[["x",1],"${b.hub.lastTxnId}",{}]}`, 'found: false from an unknown id')
  const current = new Collector()
  b.hub.add(current, 'm', 3, COLUMNS, b.hub.lastTxnId)
  t.equal(b.hub.resumeNotice(current, 'm', b.hub.lastTxnId), null, 'nothing when the client asked from the newest id')
  const fresh = new Collector()
  b.hub.add(fresh, 'm', 3, COLUMNS, ZERO_UUID)
  t.equal(b.hub.resumeNotice(fresh, 'm', ZERO_UUID), null, 'nothing for a first connection (the zero id)')
  const older = new Collector()
  b.hub.add(older, 'm', 2, COLUMNS)
  t.equal(b.hub.resumeNotice(older, 'm', seen), null, 'nothing for other versions')
})
