// POST /jsonrpc: every non-stream method answers as JSON-RPC 2.0 through the stream's engine,
// batches are answered as one array, and request-level errors map to 2.0 codes with the stream's
// error in `data`, as server/http/errors.ts documents.
import t from 'tap'
import { post, rpc, startHttpTest } from './helpers.js'

const insert = (name: string, n = 1) => ({ op: 'insert', table: 'T', row: { name, n } })

t.test('list_dbs, get_schema, echo and get_server_id answer as on the stream', async (t) => {
  const { app, server } = await startHttpTest(t)
  t.same((await post(app, rpc(1, 'list_dbs'))).json, { jsonrpc: '2.0', id: 1, result: ['Test', '_Server'] })
  const schema = (await post(app, rpc('s', 'get_schema', ['Test']))).json as { result: { name: string; tables: object } }
  t.equal(schema.result.name, 'Test')
  t.same(Object.keys(schema.result.tables), ['T'])
  t.same((await post(app, rpc(2, 'echo', ['a', 1, { b: [] }]))).json, { jsonrpc: '2.0', id: 2, result: ['a', 1, { b: [] }] })
  t.same((await post(app, rpc(3, 'get_server_id'))).json, { jsonrpc: '2.0', id: 3, result: server.rpc.serverId })
})

t.test('transact commits, and a later request sees the row', async (t) => {
  const { app } = await startHttpTest(t)
  const inserted = (await post(app, rpc(1, 'transact', ['Test', insert('r1', 7)]))).json as { result: [{ uuid: [string, string] }] }
  t.equal(inserted.result[0].uuid[0], 'uuid')
  const selected = (await post(app, rpc(2, 'transact', ['Test', { op: 'select', table: 'T', where: [], columns: ['name', 'n'] }]))).json
  t.same(selected, { jsonrpc: '2.0', id: 2, result: [{ rows: [{ name: 'r1', n: 7 }] }] })
})

t.test('64-bit integers in params and results survive exactly', async (t) => {
  const { app } = await startHttpTest(t)
  const response = await post(app, '{"jsonrpc":"2.0","id":1,"method":"echo","params":[9223372036854775807,-9007199254740993]}')
  t.equal(response.text, '{"jsonrpc":"2.0","id":1,"result":[9223372036854775807,-9007199254740993]}')
})

t.test('a per-operation error stays inside result, as on the stream', async (t) => {
  const { app } = await startHttpTest(t)
  const response = (await post(app, rpc(1, 'transact', ['Test', insert('big', 1000)]))).json as { result: { error: string }[] }
  t.equal(response.result[0].error, 'constraint violation')
  t.notOk('error' in (response as object))
})

t.test('a batch is answered with one array holding every response, errors included', async (t) => {
  const { app } = await startHttpTest(t)
  const body = [rpc(1, 'list_dbs'), { jsonrpc: '2.0', method: 'echo', params: [] }, rpc(2, 'get_schema', ['Nope']), { id: 9 }, rpc(3, 'transact', ['Test', insert('b')])]
  const response = await post(app, body)
  t.equal(response.status, 200)
  const answers = response.json as { id: unknown; result?: unknown; error?: { code: number } }[]
  t.equal(answers.length, 4, 'the notification gets no response')
  const byId = new Map(answers.map((answer) => [answer.id, answer]))
  t.same(byId.get(1)?.result, ['Test', '_Server'])
  t.equal(byId.get(2)?.error?.code, -32000)
  t.equal(byId.get(9)?.error?.code, -32600, 'an object that is not 2.0 is an invalid request')
  t.match(byId.get(3)?.result, [{ uuid: ['uuid', String] }])
})

t.test('an empty batch is one invalid-request error; malformed JSON is a parse error', async (t) => {
  const { app } = await startHttpTest(t)
  t.match((await post(app, [])).json, { jsonrpc: '2.0', id: null, error: { code: -32600 } })
  t.match((await post(app, '{"jsonrpc":"2.0",')).json, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } })
})

t.test('a body of notifications only is answered 204 with no body', async (t) => {
  const { app } = await startHttpTest(t)
  const response = await post(app, [{ jsonrpc: '2.0', method: 'echo', params: [] }])
  t.equal(response.status, 204)
  t.equal(response.text, '')
})

t.test('request-level errors map to 2.0 codes and carry the stream error verbatim in data', async (t) => {
  const { app } = await startHttpTest(t)
  t.same((await post(app, rpc(1, 'frobnicate'))).json, {
    jsonrpc: '2.0',
    id: 1,
    error: { message: 'Method not found', code: -32601, data: 'unknown method' },
  })
  t.same((await post(app, rpc(2, 'get_schema', ['Nope']))).json, {
    jsonrpc: '2.0',
    id: 2,
    error: {
      message: 'unknown database',
      code: -32000,
      data: { error: 'unknown database', details: 'get_schema request specifies unknown database Nope', syntax: '["Nope"]' },
    },
  })
  t.same((await post(app, rpc(3, 'get_schema', [5]))).json, {
    jsonrpc: '2.0',
    id: 3,
    error: { message: 'Invalid params', code: -32602, data: { error: 'syntax error', details: 'get_schema request params must begin with <db-name>', syntax: '[5]' } },
  })
})

t.test('params given by name are refused as invalid params', async (t) => {
  const { app } = await startHttpTest(t)
  t.match((await post(app, { jsonrpc: '2.0', id: 1, method: 'list_dbs', params: { a: 1 } })).json, {
    id: 1,
    error: { code: -32602, data: { error: 'syntax error', details: 'params must be an array' } },
  })
})

t.test('methods that need a lasting session are refused on POST and point to /ws', async (t) => {
  const { app } = await startHttpTest(t)
  for (const method of ['monitor', 'monitor_cond', 'monitor_cond_since', 'lock', 'steal', 'unlock', 'monitor_cancel', 'set_db_change_aware']) {
    t.match((await post(app, rpc(1, method, ['Test']))).json, { id: 1, error: { code: -32601, data: { error: 'unknown method', details: /use the WebSocket endpoint \/ws/ } } }, method)
  }
})

t.test('read-only mode: writes answer ovsdb-server\'s read-only error inside result, reads work', async (t) => {
  const { app } = await startHttpTest(t, { config: { readOnly: true } })
  const response = (await post(app, rpc(1, 'transact', ['Test', { op: 'select', table: 'T', where: [] }, insert('x')]))).json
  t.same(response, {
    jsonrpc: '2.0',
    id: 1,
    result: [{ rows: [] }, { error: 'not allowed', details: 'insert operation not allowed when database server is in read only mode' }],
  })
})

t.test('POST requests are counted as http sessions that end with the request', async (t) => {
  const { app, server } = await startHttpTest(t)
  await post(app, rpc(1, 'list_dbs'))
  t.equal([...server.rpc.openSessions].filter((session) => session.name.startsWith('http:')).length, 0)
})

t.test('a client that gives up on a blocked transact ends its session and the wait with it', async (t) => {
  const { app, server } = await startHttpTest(t)
  const httpSessions = () => [...server.rpc.openSessions].filter((session) => session.name.startsWith('http:')).length
  const address = app.server.address() as { port: number }
  const abort = new AbortController()
  const wait = { op: 'wait', table: 'T', where: [], columns: ['name'], until: '==', rows: [{ name: 'never' }] }
  const pending = fetch(`http://127.0.0.1:${address.port}/jsonrpc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rpc(1, 'transact', ['Test', wait])),
    signal: abort.signal,
  })
  while (httpSessions() === 0) await new Promise((resolve) => setImmediate(resolve))
  t.equal(httpSessions(), 1, 'the blocked request holds its session')
  abort.abort()
  await t.rejects(pending)
  while (httpSessions() > 0) await new Promise((resolve) => setImmediate(resolve))
  t.equal(httpSessions(), 0, 'closing the connection ended the session')
})
