// Rendering is shared: monitors with the same selection (tables, columns, select flags, condition,
// notation) receive the same update text, rendered once per commit; monitors come and go with
// monitor_cancel and closed sessions.
import t from 'tap'
import { OvsdbError } from '../../../schema/index.js'
import { bench, Collector, update } from './helpers.js'

t.test('two sessions with the same selection get identical update texts from one rendering', async (t) => {
  const b = bench()
  const [s1, s2] = [new Collector(), new Collector()]
  b.hub.add(s1, 'same', 2, { A: [{ columns: ['name', 'n'] }] })
  b.hub.add(s2, 'same', 2, { A: [{ columns: ['n', 'name'] }] })
  t.equal(b.hub.stats.selections, 1, 'column order does not make a new selection')
  const before = b.hub.stats.renders
  b.insert('A', { name: 'a', n: 1 })
  t.equal(b.hub.stats.renders, before + 1, 'rendered once')
  t.equal(s1.texts.length, 1)
  t.equal(s1.texts[0], s2.texts[0], 'same bytes')
})

t.test('monitor ids are spliced into the shared text per monitor', async (t) => {
  const b = bench()
  const [s1, s2] = [new Collector(), new Collector()]
  b.hub.add(s1, null, 2, { A: [{ columns: ['name'] }] })
  b.hub.add(s2, { databaseName: 'Mon', id: 7 }, 3, { A: [{ columns: ['name'] }] }, '00000000-0000-0000-0000-000000000000')
  const a = b.insert('A', { name: 'a' })
  const updates = `{"A":{"${a}":{"insert":{"name":"a"}}}}`
  t.same(s1.texts, [`{"id":null,"method":"update2","params":[null,${updates}]}`])
  t.same(s2.texts, [`{"id":null,"method":"update3","params":[{"databaseName":"Mon","id":7},"${b.txnIds[0]}",${updates}]}`])
  t.equal(b.hub.stats.selections, 1, 'update2 and update3 share the rendering')
})

t.test('different columns, flags, conditions or notations make different selections', async (t) => {
  const b = bench()
  const sink = new Collector()
  b.hub.add(sink, 1, 2, { A: [{ columns: ['name'] }] })
  b.hub.add(sink, 2, 2, { A: [{ columns: ['name', 'n'] }] })
  b.hub.add(sink, 3, 2, { A: [{ columns: ['name'], select: { initial: false } }] })
  b.hub.add(sink, 4, 2, { A: [{ columns: ['name'], where: [['n', '>', 1]] }] })
  b.hub.add(sink, 5, 1, { A: [{ columns: ['name'] }] })
  b.hub.add(sink, 6, 2, { A: [{ columns: ['name'], where: [['n', '>', 1]] }] })
  t.equal(b.hub.stats.selections, 5)
})

t.test('conditions with the same clauses in another order share a selection', async (t) => {
  const b = bench()
  const sink = new Collector()
  b.hub.add(sink, 1, 2, { A: [{ where: [['n', '==', 1], ['name', '==', 'x']] }] })
  b.hub.add(sink, 2, 2, { A: [{ where: [['name', '==', 'x'], ['n', '==', 1]] }] })
  t.equal(b.hub.stats.selections, 1)
})

t.test('a condition change moves a monitor to the selection of its new condition', async (t) => {
  const b = bench()
  const [s1, s2] = [new Collector(), new Collector()]
  b.hub.add(s1, 'm', 2, { A: [{ columns: ['name'], where: [['n', '==', 1]] }] })
  b.hub.add(s2, 'm', 2, { A: [{ columns: ['name'], where: [['n', '==', 2]] }] })
  t.equal(b.hub.stats.selections, 2)
  b.hub.changeConditions(s1, 'm', 'm', { A: [{ where: [['n', '==', 2]] }] })
  t.equal(b.hub.stats.selections, 1)
  b.insert('A', { name: 'x', n: 2 })
  t.equal(s1.texts[0], s2.texts[0])
})

t.test('monitor_cancel stops a monitor; an unknown id reports false', async (t) => {
  const b = bench()
  const sink = new Collector()
  b.hub.add(sink, ['a', 1], 2, { A: [{ columns: ['name'] }] })
  t.equal(b.hub.cancel(sink, ['a', 2]), false)
  t.equal(b.hub.cancel(new Collector(), ['a', 1]), false, 'ids belong to their session')
  t.equal(b.hub.cancel(sink, ['a', 1]), true)
  t.equal(b.hub.cancel(sink, ['a', 1]), false, 'already cancelled')
  b.insert('A', { name: 'a' })
  t.same(sink.texts, [])
  t.equal(b.hub.stats.selections, 0)
  t.doesNotThrow(() => b.hub.add(sink, ['a', 1], 2, { A: [{ columns: ['name'] }] }), 'the id may be reused')
})

t.test('removeSink drops every monitor of a session and no other', async (t) => {
  const b = bench()
  const [gone, stays] = [new Collector(), new Collector()]
  b.hub.add(gone, 1, 1, { A: {} })
  b.hub.add(gone, 2, 2, { A: [{ columns: ['n'] }] })
  b.hub.add(stays, 1, 2, { A: [{ columns: ['n'] }] })
  b.hub.removeSink(gone)
  b.txn({ op: 'insert', table: 'A', row: { n: 4 } })
  t.same(gone.texts, [])
  t.equal(stays.texts.length, 1)
  t.equal(b.hub.stats.selections, 1)
})

t.test('monitor ids compare structurally, object members in any order', async (t) => {
  const b = bench()
  const sink = new Collector()
  b.hub.add(sink, { a: 1, b: [2] }, 2, { A: [{}] })
  t.throws(() => b.hub.add(sink, { b: [2], a: 1 }, 2, { B: [{}] }), new OvsdbError('syntax error', 'duplicate monitor ID', '{"a":1,"b":[2]}'))
  t.equal(b.hub.cancel(sink, { b: [2], a: 1 }), true)
})

t.test('a session\'s own update arrives through its sink during commit, before commit returns', async (t) => {
  const b = bench()
  const sink = new Collector()
  b.hub.add(sink, 'm', 2, { A: [{ columns: ['name'] }] })
  b.insert('A', { name: 'a' })
  t.equal(sink.texts.length, 1)
  b.txn(update('A', 'name', 'a', { name: 'b' }))
  t.equal(sink.texts.length, 2)
})

t.test('monitors with the same version and id in different sessions are written the very same bytes', async (t) => {
  const b = bench()
  const [s1, s2, s3, s4] = [new Collector(), new Collector(), new Collector(), new Collector()]
  b.hub.add(s1, ['monid', 'Mon'], 2, { A: [{ columns: ['name'] }] })
  b.hub.add(s2, ['monid', 'Mon'], 2, { A: [{ columns: ['name'] }] })
  b.hub.add(s3, ['other'], 2, { A: [{ columns: ['name'] }] })
  b.hub.add(s4, ['monid', 'Mon'], 3, { A: [{ columns: ['name'] }] }, '00000000-0000-0000-0000-000000000000')
  b.insert('A', { name: 'a' })
  t.equal(s1.messages[0], s2.messages[0], 'one message for both')
  t.not(s3.messages[0], s1.messages[0], 'another id has its own bytes')
  t.not(s4.messages[0], s1.messages[0], 'another version has its own bytes')
  t.match(s3.texts[0], /^\{"id":null,"method":"update2","params":\[\["other"\],/)
  t.match(s4.texts[0], /^\{"id":null,"method":"update3","params":\[\["monid","Mon"\],"/)
  b.insert('A', { name: 'b' })
  t.not(s1.messages[1], s1.messages[0], 'the next commit gets new bytes')
  t.equal(s1.messages[1], s2.messages[1])
  t.match(s1.texts[1], /"insert":\{"name":"b"\}/)
})

t.test('a monitor renamed by monitor_cond_change is notified under its new id, sharing bytes with that id', async (t) => {
  const b = bench()
  const [renamed, other] = [new Collector(), new Collector()]
  b.hub.add(renamed, 'old', 2, { A: [{ columns: ['name'] }] })
  b.hub.add(other, 'new', 2, { A: [{ columns: ['name'] }] })
  b.hub.changeConditions(renamed, 'old', 'new', {})
  b.insert('A', { name: 'a' })
  t.match(renamed.texts[0], /^\{"id":null,"method":"update2","params":\["new",/)
  t.equal(renamed.messages[0], other.messages[0])
  t.equal(b.hub.cancel(renamed, 'old'), false, 'the old id is gone')
})

t.test('a session\'s monitors of one selection are notified in the order they were made, renamed or not', async (t) => {
  const b = bench()
  const [sink, other] = [new Collector(), new Collector()]
  b.hub.add(other, 'z', 2, { A: [{ columns: ['name'] }] })
  b.hub.add(sink, 'x', 2, { A: [{ columns: ['name'] }] })
  b.hub.add(sink, 'z', 2, { A: [{ columns: ['name'] }] })
  b.hub.add(sink, 'y', 2, { A: [{ columns: ['name'] }] })
  b.hub.changeConditions(sink, 'x', 'w', {})
  b.insert('A', { name: 'a' })
  t.same(sink.texts.map((text) => (JSON.parse(text) as { params: unknown[] }).params[0]), ['w', 'z', 'y'])
})
