// Blocked `wait` transactions over real sockets: they complete after another session's commit,
// time out with ovsdb-server's message, and `cancel` ends them (answered "canceled" only to
// set_db_change_aware sessions).
import t from 'tap'
import { WireClient, errorOf, resultOf, startTestServer } from './helpers.js'

const waitForRow = (name: string, timeout?: number) => ({
  op: 'wait',
  table: 'T',
  where: [['name', '==', name]],
  columns: ['name'],
  until: '==',
  rows: [{ name }],
  ...(timeout === undefined ? {} : { timeout }),
})
const insert = (name: string) => ({ op: 'insert', table: 'T', row: { name } })

t.test('a blocked wait completes, with its own insert, after another session commits', async (t) => {
  const { socketPath } = await startTestServer(t)
  const waiter = await WireClient.connect(socketPath, t)
  const writer = await WireClient.connect(socketPath, t)
  const id = waiter.request('transact', ['Test', waitForRow('x'), insert('after-x')])
  await waiter.sync()
  t.same(waiter.pending(), [], 'still blocked')
  resultOf(await writer.call('transact', ['Test', insert('x')]))
  const reply = resultOf(await waiter.take((message) => message.kind === 'reply' && message.id === id)) as unknown[]
  t.same(reply[0], {})
  t.match(reply[1], { uuid: ['uuid', String] })
  const [select] = resultOf(await writer.call('transact', ['Test', { op: 'select', table: 'T', where: [], columns: ['name'] }])) as [{ rows: { name: string }[] }]
  t.same(select.rows.map((row) => row.name).sort(), ['after-x', 'x'], 'both rows exist')
})

t.test('a wait with a timeout answers "timed out" once it expires', async (t) => {
  const { socketPath } = await startTestServer(t)
  const client = await WireClient.connect(socketPath, t)
  const reply = resultOf(await client.call('transact', ['Test', waitForRow('never', 30), insert('y')])) as { error: string; details: string }[]
  t.equal(reply.length, 2)
  t.equal(reply[0].error, 'timed out')
  t.match(reply[0].details, /^"wait" timed out after \d+ ms$/)
  t.equal(reply[1], null)
})

t.test('a wait with timeout 0 fails at once with the where-clause message', async (t) => {
  const { socketPath } = await startTestServer(t)
  const client = await WireClient.connect(socketPath, t)
  t.same(resultOf(await client.call('transact', ['Test', waitForRow('never', 0)])), [{ error: 'timed out', details: '"where" clause test failed' }])
})

t.test('cancel answers "canceled" to a change-aware session', async (t) => {
  const { socketPath } = await startTestServer(t)
  const client = await WireClient.connect(socketPath, t)
  resultOf(await client.call('set_db_change_aware', [true]))
  client.request('transact', ['Test', waitForRow('never')], 'w')
  client.write('{"method":"cancel","params":["w"],"id":null}')
  t.same(await client.take((message) => message.kind === 'error'), { kind: 'error', error: 'canceled', id: 'w' })
  t.match(client.raw, '{"id":"w","error":"canceled"}')
})

t.test('cancel ends the wait silently for a session that is not change-aware', async (t) => {
  const { socketPath } = await startTestServer(t)
  const client = await WireClient.connect(socketPath, t)
  const writer = await WireClient.connect(socketPath, t)
  client.request('transact', ['Test', waitForRow('z')], 'w')
  client.write('{"method":"cancel","params":["w"],"id":null}')
  await client.sync()
  resultOf(await writer.call('transact', ['Test', insert('z')]))
  await client.sync()
  t.same(client.pending(), [], 'no reply, not even after the wait would have succeeded')
  t.same(resultOf(await client.call('transact', ['Test'], 'w')), [], 'the id is free again')
})

t.test('a cancel for an unknown id changes nothing', async (t) => {
  const { socketPath } = await startTestServer(t)
  const client = await WireClient.connect(socketPath, t)
  resultOf(await client.call('set_db_change_aware', [true]))
  client.write('{"method":"cancel","params":["nope"],"id":null}')
  t.same(resultOf(await client.call('echo', [1])), [1])
  t.same(client.pending(), [])
})

t.test('a blocked transaction keeps its id busy', async (t) => {
  const { socketPath } = await startTestServer(t)
  const client = await WireClient.connect(socketPath, t)
  client.request('transact', ['Test', waitForRow('q')], ['id', 1])
  t.equal((errorOf(await client.call('transact', ['Test'], ['id', 1])) as { details: string }).details, 'transact: duplicate request ID')
})
