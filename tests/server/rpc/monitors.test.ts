// The monitor methods over real sockets: a session's own updates arrive before its transact reply,
// other sessions get the same update, and the parameter errors of monitor, monitor_cond_change and
// monitor_cancel are shaped as ovsdb-server shapes them.
import t from 'tap'
import { ZERO_UUID } from '../../../schema/index.js'
import { WireClient, errorOf, resultOf, startTestServer } from './helpers.js'

const insert = (name: string) => ({ op: 'insert', table: 'T', row: { name } })

t.test('a session sees its own update before its transact reply, and others see it too', async (t) => {
  const { socketPath, tcpPort } = await startTestServer(t)
  const a = await WireClient.connect(socketPath, t)
  const b = await WireClient.connect(tcpPort, t)
  t.same(resultOf(await a.call('monitor_cond', ['Test', ['monid', 'Test'], { T: [{ columns: ['name'] }] }])), {})
  t.same(resultOf(await b.call('monitor', ['Test', null, { T: { columns: ['name'] } }])), {})
  const id = a.request('transact', ['Test', insert('r1')])
  const first = await a.take()
  t.match(first, { kind: 'notification', method: 'update2', params: [['monid', 'Test'], { T: {} }] }, 'update first')
  const uuid = Object.keys((first as unknown as { params: [unknown, { T: object }] }).params[1].T)[0]
  t.same(first, { kind: 'notification', method: 'update2', params: [['monid', 'Test'], { T: { [uuid]: { insert: { name: 'r1' } } } }] })
  t.match(await a.take(), { kind: 'reply', id, result: [{ uuid: ['uuid', uuid] }] }, 'then the reply')
  t.same(await b.take(), { kind: 'notification', method: 'update', params: [null, { T: { [uuid]: { new: { name: 'r1' } } } }] })
})

t.test('a version 1 modify is written new before old, as ovsdb-server writes it', async (t) => {
  const { socketPath } = await startTestServer(t)
  const a = await WireClient.connect(socketPath, t)
  const [{ uuid }] = resultOf(await a.call('transact', ['Test', insert('r1')])) as [{ uuid: [string, string] }]
  resultOf(await a.call('monitor', ['Test', 'm', { T: { columns: ['name'] } }]))
  resultOf(await a.call('transact', ['Test', { op: 'update', table: 'T', where: [['_uuid', '==', uuid]], row: { name: 'r2' } }]))
  t.match(a.raw, `{"${uuid[1]}":{"new":{"name":"r2"},"old":{"name":"r1"}}}`)
})

t.test('monitor_cond_since on a fresh database answers not found with the zero txn id', async (t) => {
  const { socketPath } = await startTestServer(t)
  const a = await WireClient.connect(socketPath, t)
  const result = resultOf(await a.call('monitor_cond_since', ['Test', 'm', { T: [{}] }, ZERO_UUID]))
  t.same(result, [false, ZERO_UUID, {}])
})

t.test('monitor_cond_since from an older id: the reply, then an empty update3 carrying the new last id', async (t) => {
  const { socketPath } = await startTestServer(t)
  const a = await WireClient.connect(socketPath, t)
  const [, first] = resultOf(await a.call('monitor_cond_since', ['Test', 'first', { T: [{}] }, ZERO_UUID])) as [boolean, string]
  resultOf(await a.call('transact', ['Test', insert('x')]))
  const seen = ((await a.take()) as unknown as { params: [string, string] }).params[1]
  resultOf(await a.call('transact', ['Test', insert('y')]))
  const newest = ((await a.take()) as unknown as { params: [string, string] }).params[1]
  t.not(seen, first)
  const id = a.request('monitor_cond_since', ['Test', 'again', { T: [{ columns: ['name'] }] }, seen])
  const reply = (await a.take()) as { kind: string; id: unknown; result: [boolean, string, { T: object }] }
  t.match(reply, { kind: 'reply', id, result: [true, newest] })
  t.equal(Object.keys(reply.result[2].T).length, 1, 'only the row it missed')
  t.same(await a.take(), { kind: 'notification', method: 'update3', params: ['again', newest, {}] }, 'then the notice, before anything else')
  const quiet = a.request('monitor_cond_since', ['Test', 'current', { T: [{}] }, newest])
  t.same(await a.take(), { kind: 'reply', id: quiet, result: [true, newest, {}] })
  t.same(resultOf(await a.call('echo', ['after'])), ['after'], 'no notice when it asked from the newest id')
})

t.test('monitor_cond_change sends the condition difference under the new id before its reply', async (t) => {
  const { socketPath } = await startTestServer(t)
  const a = await WireClient.connect(socketPath, t)
  resultOf(await a.call('transact', ['Test', insert('keep'), insert('other')]))
  const initial = resultOf(await a.call('monitor_cond', ['Test', 'old', { T: [{ columns: ['name'], where: [['name', '==', 'keep']] }] }])) as { T: object }
  t.equal(Object.keys(initial.T).length, 1)
  const id = a.request('monitor_cond_change', ['old', 'new', { T: [{ where: [['name', '==', 'other']] }] }])
  const update = await a.take()
  t.match(update, { kind: 'notification', method: 'update2', params: ['new', { T: {} }] })
  t.same(await a.take(), { kind: 'reply', id, result: {} })
  t.same(errorOf(await a.call('monitor_cancel', ['old'])), 'unknown monitor')
  t.same(resultOf(await a.call('monitor_cancel', ['new'])), {})
})

t.test('monitor errors: parameters, duplicate ids, unknown monitors', async (t) => {
  const { socketPath } = await startTestServer(t)
  const a = await WireClient.connect(socketPath, t)
  t.same(errorOf(await a.call('monitor_cond', ['Test', 'm'])), { error: 'syntax error', details: 'invalid parameters', syntax: '["Test","m"]' })
  t.same(errorOf(await a.call('monitor_cond_since', ['Test', 'm', {}])), { error: 'syntax error', details: 'invalid parameters', syntax: '["Test","m",{}]' })
  t.same(errorOf(await a.call('monitor', ['Test', 'm'])), { error: 'syntax error', details: 'invalid parameters', syntax: '["Test","m"]' })
  t.same(resultOf(await a.call('monitor', ['Test', 'extra', {}, 5])), {}, 'monitor ignores params past the third, as ovsdb-server does')
  t.same(errorOf(await a.call('monitor', ['Test', 'm', []])), { error: 'syntax error', details: 'monitor-requests must be object', syntax: '[]' })
  t.same(errorOf(await a.call('monitor', ['Nope', 'm', {}])), {
    error: 'unknown database',
    details: 'monitor request specifies unknown database Nope',
    syntax: '["Nope","m",{}]',
  })
  resultOf(await a.call('monitor', ['Test', { x: 1 }, {}]))
  t.same(errorOf(await a.call('monitor_cond', ['_Server', { x: 1 }, {}])), { error: 'syntax error', details: 'duplicate monitor ID', syntax: '{"x":1}' }, 'ids are unique across databases')
  t.same(errorOf(await a.call('monitor', ['Test', 'm', { Nope: {} }])), { error: 'syntax error', details: 'no table named Nope' })
  t.same(resultOf(await a.call('monitor', ['Test', 'm', {}])), {}, 'a failed monitor does not keep its id')
  t.same(errorOf(await a.call('monitor_cond_change', ['zz', 'zz', {}])), { error: 'syntax error', details: 'unknown monitor session', syntax: '"zz"' })
  t.same(errorOf(await a.call('monitor_cond_change', ['m', { x: 1 }, {}])), { error: 'syntax error', details: 'duplicate monitor ID', syntax: '{"x":1}' })
  t.same(errorOf(await a.call('monitor_cond_change', ['m'])), { error: 'syntax error', details: 'invalid parameters', syntax: '["m"]' })
  t.same(errorOf(await a.call('monitor_cancel', [])), 'invalid parameters')
  t.same(errorOf(await a.call('monitor_cancel', ['zz'])), 'unknown monitor')
  t.notMatch(a.raw, /"result":null/)
})

t.test('a monitor requested while a commit is in flight sees the row once, in the snapshot or as an update', async (t) => {
  const { socketPath } = await startTestServer(t)
  const a = await WireClient.connect(socketPath, t)
  a.request('transact', ['Test', insert('racer')])
  const initial = resultOf(await a.call('monitor_cond', ['Test', 'm', { T: [{ columns: ['name'] }] }])) as { T?: object }
  await a.sync()
  const updates = a.pending().filter((message) => message.kind === 'notification')
  t.equal(Object.keys(initial.T ?? {}).length + updates.length, 1)
})
