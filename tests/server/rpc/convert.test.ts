// The `convert` method: rows keep their UUIDs and values under the new schema, the file holds the
// new schema after a restart, `_Server` shows it, aware sessions get `monitor_canceled` while the
// others are disconnected, and errors are JSON-RPC errors spelled as ovsdb-server's.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createLogger } from '../../../server/rpc/log.js'
import { startServer } from '../../../server/rpc/start.js'
import { TEST_SCHEMA, WireClient, errorOf, resultOf, startTestServer } from './helpers.js'

const OLD = JSON.parse(readFileSync(TEST_SCHEMA, 'utf8')) as { tables: Record<string, { columns: Record<string, unknown> }> }

/** The test schema with version 1.1.0, a new column T.c and a new table U. */
const NEW = {
  ...OLD,
  version: '1.1.0',
  tables: { ...OLD.tables, T: { ...OLD.tables.T, columns: { ...OLD.tables.T.columns, c: { type: { key: 'string', min: 0, max: 1 } } } }, U: { columns: { x: { type: 'integer' } } } },
}

t.test('convert keeps rows and UUIDs, adds columns and tables, and survives a restart', async (t) => {
  const { socketPath, server, dir } = await startTestServer(t)
  const client = await WireClient.connect(socketPath, t)
  const [{ uuid }] = resultOf(await client.call('transact', ['Test', { op: 'insert', table: 'T', row: { name: 'a', n: 7 } }])) as [{ uuid: [string, string] }]
  t.same(resultOf(await client.call('convert', ['Test', NEW])), {})
  const after = await WireClient.connect(socketPath, t)
  t.equal((resultOf(await after.call('get_schema', ['Test'])) as { version: string }).version, '1.1.0')
  const select = { op: 'select', table: 'T', where: [], columns: ['_uuid', 'name', 'n', 'c'] }
  t.same(resultOf(await after.call('transact', ['Test', select])), [{ rows: [{ _uuid: uuid, name: 'a', n: 7, c: ['set', []] }] }])
  resultOf(await after.call('transact', ['Test', { op: 'update', table: 'T', where: [], row: { c: 'new' } }, { op: 'insert', table: 'U', row: { x: 1 } }]))
  const [servers] = resultOf(await after.call('transact', ['_Server', { op: 'select', table: 'Database', where: [['name', '==', 'Test']], columns: ['schema'] }])) as [{ rows: { schema: string }[] }]
  t.equal((JSON.parse(servers.rows[0].schema) as { version: string }).version, '1.1.0', '_Server carries the new schema')
  await server.close()
  const config = { databases: [{ path: join(dir, 'test.db'), schemaPath: TEST_SCHEMA }], remotes: [`punix:${join(dir, 'again.sock')}`] }
  const again = await startServer({ ...config, logLevel: 'off', pidfile: null, tls: null, probeIntervalMs: null, maxMessageBytes: null, maxBacklogBytes: null }, createLogger('off'))
  t.teardown(() => again.close())
  t.equal(again.databases[0].schema.version, '1.1.0', 'the file holds the new schema')
  t.same([...again.databases[0].db.tables.get('T')!.rows.values()].map((row) => row.fields.c.keys), [['new']])
})

t.test('after convert, aware sessions get monitor_canceled and the others are disconnected', async (t) => {
  const { socketPath, logLines } = await startTestServer(t)
  const aware = await WireClient.connect(socketPath, t)
  const plain = await WireClient.connect(socketPath, t)
  const converter = await WireClient.connect(socketPath, t)
  resultOf(await aware.call('set_db_change_aware', [true]))
  resultOf(await aware.call('monitor_cond', ['Test', ['mon', 1], { T: [{ columns: ['name'] }] }]))
  resultOf(await aware.call('monitor', ['_Server', 'srv', { Database: [{ columns: ['name'] }] }]))
  resultOf(await plain.call('monitor', ['Test', 'p', { T: [{}] }]))
  t.same(resultOf(await converter.call('convert', ['Test', NEW])), {})
  const canceled = await aware.take((message) => message.kind === 'notification' && message.method === 'monitor_canceled')
  t.same(canceled, { kind: 'notification', method: 'monitor_canceled', params: [['mon', 1]] })
  await plain.closed
  await converter.closed
  t.ok(logLines.some((line) => line.includes('disconnecting (committed Test database schema conversion)')))
  t.same(resultOf(await aware.call('monitor_cancel', ['srv'])), {}, 'monitors of other databases stay')
  t.same(errorOf(await aware.call('monitor_cancel', [['mon', 1]])), 'unknown monitor')
})

t.test('an aware session converting a database it monitors hears monitor_canceled before the reply, as from ovsdb-server', async (t) => {
  const { socketPath } = await startTestServer(t)
  const aware = await WireClient.connect(socketPath, t)
  resultOf(await aware.call('set_db_change_aware', [true]))
  resultOf(await aware.call('monitor_cond', ['Test', 'mon', { T: [{ columns: ['name'] }] }]))
  const id = aware.request('convert', ['Test', NEW])
  t.same(await aware.take(), { kind: 'notification', method: 'monitor_canceled', params: ['mon'] })
  t.same(await aware.take(), { kind: 'reply', id, result: {} })
})

t.test('convert errors are JSON-RPC errors as ovsdb-server spells them', async (t) => {
  const { socketPath } = await startTestServer(t)
  const client = await WireClient.connect(socketPath, t)
  resultOf(await client.call('transact', ['Test', { op: 'insert', table: 'T', row: { name: 'a', n: 50 } }]))
  t.same(errorOf(await client.call('convert', ['Test', { ...OLD, name: 'Other' }])), {
    error: 'invalid parameters',
    details: 'new schema name (Other) does not match database name (Test)',
  })
  const narrow = { ...OLD, tables: { T: { ...OLD.tables.T, columns: { ...OLD.tables.T.columns, n: { type: { key: { type: 'integer', minInteger: 0, maxInteger: 10 } } } } } } }
  t.same(errorOf(await client.call('convert', ['Test', narrow])), { error: 'constraint violation', details: '50 is not in the valid range 0 to 10 (inclusive)' })
  const retyped = { ...OLD, tables: { T: { ...OLD.tables.T, columns: { ...OLD.tables.T.columns, name: { type: 'integer' } } } } }
  t.same(errorOf(await client.call('convert', ['Test', retyped])), { error: 'syntax error', details: 'expected integer', syntax: '"a"' }, 'a value the new type refuses is quoted in syntax')
  t.match(errorOf(await client.call('convert', ['Nope', OLD])), { error: 'unknown database' })
  t.match(errorOf(await client.call('convert', ['Test'])), { error: 'syntax error', details: 'array expected' })
  const select = { op: 'select', table: 'T', where: [], columns: ['n'] }
  t.same(resultOf(await client.call('transact', ['Test', select])), [{ rows: [{ n: 50 }] }], 'a failed conversion changes nothing')
})
