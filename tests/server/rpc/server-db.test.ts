// The `_Server` database: a Database row per hosted database, `_Server` included, with the schema
// text the C IDL parses; readable by transact and monitors, never writable by clients.
import t from 'tap'
import { WireClient, errorOf, resultOf, startTestServer } from './helpers.js'

interface DatabaseRow {
  name: string
  model: string
  connected: boolean
  leader: boolean
  schema: string
  cid: unknown
  sid: unknown
  index: unknown
}

t.test('_Server has one standalone, connected leader row per database, with its schema as text', async (t) => {
  const { socketPath } = await startTestServer(t)
  const client = await WireClient.connect(socketPath, t)
  const [select] = resultOf(await client.call('transact', ['_Server', { op: 'select', table: 'Database', where: [] }])) as [{ rows: DatabaseRow[] }]
  const rows = select.rows.sort((a, b) => (a.name < b.name ? -1 : 1))
  t.same(rows.map((row) => row.name), ['Test', '_Server'])
  for (const row of rows) {
    t.match(row, { model: 'standalone', connected: true, leader: true, cid: ['set', []], sid: ['set', []], index: ['set', []] })
    t.same(JSON.parse(row.schema), resultOf(await client.call('get_schema', [row.name])), `${row.name} schema column matches get_schema`)
  }
  t.match(rows[0].schema, /^\{"name":"Test","tables":\{"T":\{"columns":\{"n":/, 'members sorted by name, as ovsdb-server writes it')
})

t.test('_Server can be monitored the way the C IDL and the Python IDL do it', async (t) => {
  const { socketPath } = await startTestServer(t)
  const client = await WireClient.connect(socketPath, t)
  const columns = ['name', 'model', 'connected', 'leader', 'schema', 'cid', 'index']
  const v2 = resultOf(await client.call('monitor_cond', ['_Server', ['monid', '_Server'], { Database: [{ columns }] }])) as { Database: object }
  const initial = Object.values(v2.Database).map((row: { initial: { name: string } }) => row.initial.name).sort()
  t.same(initial, ['Test', '_Server'])
  const v1 = resultOf(await client.call('monitor', ['_Server', 'py', { Database: [{ columns: [...columns, 'sid'] }] }])) as { Database: object }
  t.equal(Object.keys(v1.Database).length, 2)
})

t.test('clients cannot write _Server, by any write operation', async (t) => {
  const { socketPath } = await startTestServer(t)
  const client = await WireClient.connect(socketPath, t)
  const ops = [
    { op: 'insert', table: 'Database', row: { name: 'x', model: 'standalone', connected: true, leader: true } },
    { op: 'delete', table: 'Database', where: [] },
    { op: 'mutate', table: 'Database', where: [], mutations: [] },
  ]
  for (const op of ops) {
    const [result] = resultOf(await client.call('transact', ['_Server', op])) as [{ error: string; details: string }]
    t.same(result, { error: 'not allowed', details: `${op.op} operation not allowed on table in reserved database _Server` })
  }
  t.same(errorOf(await client.call('get_schema', ['_server'])), {
    error: 'unknown database',
    details: 'get_schema request specifies unknown database _server',
    syntax: '["_server"]',
  })
})
