// The real ovsdb-client converts a database in our server online (`ovsdb-client convert`, with
// `needs-conversion` and `get-schema-version` around it), and the real ovs-vsctl keeps working on
// the converted database; the new column is served. Loud SKIP without the tools.
import t from 'tap'
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { createLogger } from '../../server/rpc/log.js'
import { startServer } from '../../server/rpc/start.js'

const run = promisify(execFile)
const VSCTL = ['/usr/bin/ovs-vsctl', '/usr/local/bin/ovs-vsctl'].find(existsSync)
const CLIENT = ['/usr/bin/ovsdb-client', '/usr/local/bin/ovsdb-client'].find(existsSync)
const VSWITCH_SCHEMA = new URL('../../schema/vswitch.ovsschema', import.meta.url).pathname

t.test('ovsdb-client convert upgrades the schema online and ovs-vsctl keeps working', async (t) => {
  if (VSCTL === undefined || CLIENT === undefined) {
    t.comment(`SKIP: ${VSCTL === undefined ? 'ovs-vsctl' : 'ovsdb-client'} not installed`)
    return t.pass('skipped loudly')
  }
  const dir = mkdtempSync(join(tmpdir(), 'sy-convert-'))
  const socket = join(dir, 'db.sock')
  const config = { databases: [{ path: join(dir, 'conf.db'), schemaPath: null }], remotes: [`punix:${socket}`], logLevel: 'off' as const }
  const server = await startServer({ ...config, pidfile: null, tls: null, probeIntervalMs: null, maxMessageBytes: null, maxBacklogBytes: null }, createLogger('off'))
  t.teardown(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })
  const schema = JSON.parse(readFileSync(VSWITCH_SCHEMA, 'utf8')) as { version: string; tables: { Bridge: { columns: Record<string, unknown> } } }
  schema.version = '8.3.2'
  schema.tables.Bridge.columns.note = { type: { key: 'string', min: 0, max: 1 } }
  const newSchema = join(dir, 'new.ovsschema')
  writeFileSync(newSchema, JSON.stringify(schema))
  const client = async (...args: string[]) => (await run(CLIENT, args, { timeout: 20000 })).stdout
  const vsctl = async (...args: string[]) => (await run(VSCTL, [`--db=unix:${socket}`, '--no-wait', ...args], { timeout: 20000 })).stdout
  await vsctl('init')
  await vsctl('add-br', 'br0')
  t.equal(await client('needs-conversion', `unix:${socket}`, newSchema), 'yes\n')
  t.equal(await client('convert', `unix:${socket}`, newSchema), '')
  t.equal(await client('get-schema-version', `unix:${socket}`, 'Open_vSwitch'), '8.3.2\n')
  t.equal(await client('needs-conversion', `unix:${socket}`, newSchema), 'no\n')
  t.equal(await vsctl('list-br'), 'br0\n', 'rows survive the conversion')
  await vsctl('add-port', 'br0', 'p1')
  t.equal(await vsctl('list-ports', 'br0'), 'p1\n', 'ovs-vsctl (schema from _Server) writes after the conversion')
  const update = ['Open_vSwitch', { op: 'update', table: 'Bridge', where: [['name', '==', 'br0']], row: { note: 'upgraded' } }]
  await client('transact', `unix:${socket}`, JSON.stringify(update))
  const select = ['Open_vSwitch', { op: 'select', table: 'Bridge', where: [], columns: ['note'] }]
  t.equal(await client('transact', `unix:${socket}`, JSON.stringify(select)), '[{"rows":[{"note":"upgraded"}]}]\n', 'the new column is served')
})
