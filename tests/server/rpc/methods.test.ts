// Every simple method over a real socket: list_dbs, get_schema, echo, get_server_id,
// set_db_change_aware, transact, unknown methods — reply shapes and error strings as ovsdb-server 3.1.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { TEST_SCHEMA, WireClient, errorOf, resultOf, startTestServer } from './helpers.js'

t.test('list_dbs names the hosted database and _Server', async (t) => {
  const { socketPath } = await startTestServer(t)
  const client = await WireClient.connect(socketPath, t)
  t.same(resultOf(await client.call('list_dbs', [])), ['Test', '_Server'])
})

t.test('get_schema returns the schema and tolerates extra params', async (t) => {
  const { socketPath } = await startTestServer(t)
  const client = await WireClient.connect(socketPath, t)
  const schema = resultOf(await client.call('get_schema', ['Test', 'ignored-idl-uuid'])) as { name: string; tables: object }
  const file = JSON.parse(readFileSync(TEST_SCHEMA, 'utf8'))
  t.equal(schema.name, 'Test')
  t.same(Object.keys(schema.tables), Object.keys(file.tables))
})

t.test('get_schema errors carry no result and spell ovsdb-server details', async (t) => {
  const { socketPath } = await startTestServer(t)
  const client = await WireClient.connect(socketPath, t)
  t.same(errorOf(await client.call('get_schema', ['Nope'], 7)), {
    error: 'unknown database',
    details: 'get_schema request specifies unknown database Nope',
    syntax: '["Nope"]',
  })
  t.same(errorOf(await client.call('get_schema', [])), {
    error: 'syntax error',
    details: 'get_schema request params must begin with <db-name>',
    syntax: '[]',
  })
  t.match(client.raw, '{"id":7,"error":{"syntax":"[\\"Nope\\"]","details":"get_schema request specifies unknown database Nope","error":"unknown database"}')
  t.notMatch(client.raw, /"result"/)
})

t.test('echo returns its params verbatim', async (t) => {
  const { socketPath } = await startTestServer(t)
  const client = await WireClient.connect(socketPath, t)
  t.same(resultOf(await client.call('echo', ['a', 1, { b: [null] }])), ['a', 1, { b: [null] }])
})

t.test('get_server_id is one UUID for every session of the process', async (t) => {
  const { socketPath, tcpPort } = await startTestServer(t)
  const a = await WireClient.connect(socketPath, t)
  const b = await WireClient.connect(tcpPort, t)
  const id = resultOf(await a.call('get_server_id', []))
  t.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
  t.equal(resultOf(await b.call('get_server_id', [])), id)
})

t.test('set_db_change_aware takes exactly one boolean', async (t) => {
  const { socketPath } = await startTestServer(t)
  const client = await WireClient.connect(socketPath, t)
  t.same(resultOf(await client.call('set_db_change_aware', [true])), {})
  t.same(errorOf(await client.call('set_db_change_aware', ['yes'])), {
    error: 'syntax error',
    details: 'set_db_change_aware: true or false parameter expected',
    syntax: '["yes"]',
  })
})

t.test('an unknown method is answered with the bare string "unknown method"', async (t) => {
  const { socketPath } = await startTestServer(t)
  const client = await WireClient.connect(socketPath, t)
  client.request('frobnicate', [], 3)
  client.request('update', [], 4)
  await client.sync()
  t.match(client.raw, '{"id":3,"error":"unknown method"}{"id":4,"error":"unknown method"}')
})

t.test('transact inserts and selects, answering one result per operation', async (t) => {
  const { socketPath } = await startTestServer(t)
  const client = await WireClient.connect(socketPath, t)
  const insert = resultOf(await client.call('transact', ['Test', { op: 'insert', table: 'T', row: { name: 'a', n: 1 } }])) as [{ uuid: unknown }]
  t.match(insert[0].uuid, ['uuid', /^[0-9a-f-]{36}$/])
  const select = resultOf(await client.call('transact', ['Test', { op: 'select', table: 'T', where: [], columns: ['name', 'n'] }]))
  t.same(select, [{ rows: [{ name: 'a', n: 1 }] }])
  t.same(resultOf(await client.call('transact', ['Test'])), [])
})

t.test('transact on an unknown database is a JSON-RPC error', async (t) => {
  const { socketPath } = await startTestServer(t)
  const client = await WireClient.connect(socketPath, t)
  t.same(errorOf(await client.call('transact', ['Nope', { op: 'comment', comment: 'x' }])), {
    error: 'unknown database',
    details: 'transact request specifies unknown database Nope',
    syntax: '["Nope",{"comment":"x","op":"comment"}]',
  })
  t.same(errorOf(await client.call('transact', [1])), {
    error: 'syntax error',
    details: 'transact request params must begin with <db-name>',
    syntax: '[1]',
  })
})

t.test('write operations on _Server are not allowed', async (t) => {
  const { socketPath } = await startTestServer(t)
  const client = await WireClient.connect(socketPath, t)
  const result = resultOf(await client.call('transact', ['_Server', { op: 'update', table: 'Database', where: [], row: { leader: false } }]))
  t.same(result, [{ error: 'not allowed', details: 'update operation not allowed on table in reserved database _Server' }])
})

t.test('a transact reusing the id of a pending one fails with duplicate request ID', async (t) => {
  const { socketPath } = await startTestServer(t)
  const client = await WireClient.connect(socketPath, t)
  const blocked = ['Test', { op: 'wait', table: 'T', where: [], until: '!=', rows: [] }]
  client.request('transact', blocked, 'same')
  t.same(errorOf(await client.call('transact', ['Test'], 'same')), {
    error: 'syntax error',
    details: 'transact: duplicate request ID',
    syntax: '["Test"]',
  })
})
