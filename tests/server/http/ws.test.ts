// GET /ws: JSON-RPC 2.0 frames with the stream's full session semantics — monitors of every version
// with their notifications (a session's own update before its reply), cancel, locks with locked and
// stolen, read-only refusals, batches — and the stream's clients see what WebSocket clients write.
import t from 'tap'
import { ZERO_UUID } from '../../../schema/index.js'
import { WireClient, resultOf } from '../rpc/helpers.js'
import { WsClient, isNotification, startHttpTest } from './helpers.js'

const insert = (name: string) => ({ op: 'insert', table: 'T', row: { name } })

t.test('monitor_cond: the initial rows, then update2 notifications before the writer\'s own reply', async (t) => {
  const { app } = await startHttpTest(t)
  const a = await WsClient.open(app, t)
  t.match(await a.call('transact', ['Test', insert('first')]), { jsonrpc: '2.0', result: [{ uuid: ['uuid', String] }] })
  const initial = (await a.call('monitor_cond', ['Test', ['m', 1], { T: [{ columns: ['name'] }] }])) as { result: { T: Record<string, unknown> } }
  t.same(Object.values(initial.result.T), [{ initial: { name: 'first' } }])
  const id = a.request('transact', ['Test', insert('second')])
  const update = await a.take()
  t.match(update, { jsonrpc: '2.0', method: 'update2', params: [['m', 1], { T: {} }] }, 'the update comes first')
  t.notOk('id' in update, 'a notification has no id')
  t.same(Object.values((update.params as [unknown, { T: object }])[1].T), [{ insert: { name: 'second' } }])
  t.match(await a.take(), { jsonrpc: '2.0', id, result: [{ uuid: ['uuid', String] }] }, 'then the reply')
})

t.test('a change made over the stream reaches a WebSocket monitor (v1 update), and the reverse', async (t) => {
  const { app, socketPath } = await startHttpTest(t)
  const web = await WsClient.open(app, t)
  const stream = await WireClient.connect(socketPath, t)
  t.same((await web.call('monitor', ['Test', null, { T: { columns: ['name'] } }])).result, {})
  t.same(resultOf(await stream.call('monitor_cond', ['Test', 's', { T: [{ columns: ['name'] }] }])), {})
  resultOf(await stream.call('transact', ['Test', insert('from-stream')]))
  const update = await web.take(isNotification)
  t.match(update, { method: 'update', params: [null, { T: {} }] })
  t.same(Object.values((update.params as [unknown, { T: object }])[1].T), [{ new: { name: 'from-stream' } }])
  await web.call('transact', ['Test', insert('from-web')])
  const streamUpdate = await stream.take((message) => message.kind === 'notification')
  t.match(streamUpdate, { kind: 'notification', method: 'update2', params: ['s', { T: {} }] })
})

t.test('monitor_cond_since and monitor_cancel answer as on the stream', async (t) => {
  const { app } = await startHttpTest(t)
  const a = await WsClient.open(app, t)
  t.same((await a.call('monitor_cond_since', ['Test', 'm', { T: [{}] }, ZERO_UUID])).result, [false, ZERO_UUID, {}])
  t.same((await a.call('monitor_cancel', ['m'])).result, {})
  t.same((await a.call('monitor_cancel', ['m'])).error, { message: 'unknown monitor', code: -32000, data: 'unknown monitor' })
  await a.call('transact', ['Test', insert('after-cancel')])
  await a.sync()
  t.same(a.pending(), [], 'no update after cancel')
})

t.test('locks: lock, steal with `stolen`, unlock with `locked`, between WebSocket sessions', async (t) => {
  const { app } = await startHttpTest(t)
  const a = await WsClient.open(app, t)
  const b = await WsClient.open(app, t)
  t.same((await a.call('lock', ['L'])).result, { locked: true })
  t.same((await b.call('steal', ['L'])).result, { locked: true })
  t.same(await a.take(isNotification), { jsonrpc: '2.0', method: 'stolen', params: ['L'] })
  t.same((await b.call('unlock', ['L'])).result, {})
  t.same(await a.take(isNotification), { jsonrpc: '2.0', method: 'locked', params: ['L'] })
  t.match((await a.call('lock', ['L'])).error, { code: -32602, data: { error: 'syntax error', details: 'must issue "unlock" before new "lock"' } })
})

t.test('closing a WebSocket releases its lock to the next waiter', async (t) => {
  const { app } = await startHttpTest(t)
  const a = await WsClient.open(app, t)
  const b = await WsClient.open(app, t)
  await a.call('lock', ['L'])
  t.same((await b.call('lock', ['L'])).result, { locked: false })
  a.socket.close()
  t.same(await b.take(isNotification), { jsonrpc: '2.0', method: 'locked', params: ['L'] })
})

t.test('cancel ends a blocked transact; change-aware sessions get `canceled`', async (t) => {
  const { app } = await startHttpTest(t)
  const a = await WsClient.open(app, t)
  t.same((await a.call('set_db_change_aware', [true])).result, {})
  const wait = { op: 'wait', table: 'T', where: [], columns: ['name'], until: '==', rows: [{ name: 'never' }] }
  const id = a.request('transact', ['Test', wait])
  a.send(JSON.stringify({ jsonrpc: '2.0', method: 'cancel', params: [id] }))
  t.same(await a.take((message) => message.id === id), { jsonrpc: '2.0', id, error: { message: 'canceled', code: -32000, data: 'canceled' } })
})

t.test('read-only mode: writes get the not-allowed result and lock methods the bare read-only error', async (t) => {
  const { app } = await startHttpTest(t, { config: { readOnly: true } })
  const a = await WsClient.open(app, t)
  t.same((await a.call('transact', ['Test', insert('x')])).result, [
    { error: 'not allowed', details: 'insert operation not allowed when database server is in read only mode' },
  ])
  for (const method of ['lock', 'steal', 'unlock']) {
    t.same((await a.call(method, ['L'])).error, {
      message: 'lock and unlock methods not allowed, DB server is read only.',
      code: -32000,
      data: 'lock and unlock methods not allowed, DB server is read only.',
    }, method)
  }
})

t.test('a batch over the WebSocket is answered with one array frame once every request is answered', async (t) => {
  const { app } = await startHttpTest(t)
  const a = await WsClient.open(app, t)
  a.send(JSON.stringify([{ jsonrpc: '2.0', id: 'x', method: 'transact', params: ['Test', insert('b1')] }, { jsonrpc: '2.0', id: 'y', method: 'list_dbs', params: [] }, { jsonrpc: '2.0', id: 'z', method: 'nope', params: [] }]))
  const frame = await a.take()
  t.ok(Array.isArray(frame), 'one array')
  const answers = frame as unknown as { id: string; result?: unknown; error?: { code: number } }[]
  t.same(answers.map((answer) => answer.id).sort(), ['x', 'y', 'z'])
  t.equal(answers.find((answer) => answer.id === 'z')?.error?.code, -32601)
  t.same(answers.find((answer) => answer.id === 'y')?.result, ['Test', '_Server'])
})

t.test('a malformed frame gets a parse error and the session stays usable', async (t) => {
  const { app } = await startHttpTest(t)
  const a = await WsClient.open(app, t)
  a.send('{not json')
  t.match(await a.take(), { jsonrpc: '2.0', id: null, error: { code: -32700 } })
  t.same((await a.call('echo', ['still'])).result, ['still'])
})

t.test('a response sent by the client ends the session, as an unexpected reply does on the stream', async (t) => {
  const { app } = await startHttpTest(t)
  const a = await WsClient.open(app, t)
  a.send(JSON.stringify({ jsonrpc: '2.0', id: 77, result: {} }))
  await t.rejects(a.take(), /socket closed/)
  t.ok(a.closed)
})
