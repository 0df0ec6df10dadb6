// `db:DB,TABLE,COLUMN` remotes: listeners follow the column after each commit (strings, or Manager
// rows with options), bad specs are logged as ovsdb-server words them, and the Manager rows get
// `is_connected` and `status` written back by the server with the keys ovsdb-server 3.1 writes.
import t from 'tap'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type AddressInfo, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { WireClient, resultOf, startTestServer } from './helpers.js'

const MANAGERS = 'db:Open_vSwitch,Open_vSwitch,manager_options'

function tempDir(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'sy-dbremote-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** Waits until `check` holds, yielding to the server between tries. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5))
}

/** ovsdb-server 3.1 writes these for every listening remote (its status struct is zeroed). */
const ZEROS = [['sec_since_connect', '0'], ['sec_since_disconnect', '0']]

const tcpRemotes = (list: string[]) => list.filter((remote) => remote.startsWith('ptcp:'))

t.test('a string column names remotes: a row inserted opens one, deleting it closes it', async (t) => {
  const dir = tempDir(t)
  const socket = join(dir, 'db.sock')
  const { server } = await startTestServer(t, { remotes: [`punix:${socket}`, 'db:Test,T,name'] })
  const client = await WireClient.connect(socket, t)
  t.same(tcpRemotes(server.rpc.listRemotes()), [])
  resultOf(await client.call('transact', ['Test', { op: 'insert', table: 'T', row: { name: 'ptcp:0:127.0.0.1' } }]))
  await until(() => tcpRemotes(server.rpc.listRemotes()).length === 1)
  const port = Number(tcpRemotes(server.rpc.listRemotes())[0].split(':')[1])
  const viaDb = await WireClient.connect(port, t)
  t.same(resultOf(await viaDb.call('list_dbs', [])), ['Test', '_Server'], 'the remote serves')
  resultOf(await client.call('transact', ['Test', { op: 'delete', table: 'T', where: [] }]))
  await until(() => tcpRemotes(server.rpc.listRemotes()).length === 0)
  t.pass('closed once the row is gone')
})

t.test('specs naming no database, table or column are logged with ovsdb-server wording', async (t) => {
  const dir = tempDir(t)
  const { logLines } = await startTestServer(t, {
    remotes: [`punix:${join(dir, 'db.sock')}`, 'db:Nope,T,name', 'db:Test,U,name', 'db:Test,T,x', 'db:Test,T,n'],
  })
  t.ok(logLines.some((line) => line.includes('"db:Nope,T,name": no database named Nope')))
  t.ok(logLines.some((line) => line.includes('"db:Test,U,name": no table named U')))
  t.ok(logLines.some((line) => line.includes('"db:Test,T,x": table "T" has no column "x"')))
  t.ok(logLines.some((line) => line.includes('"db:Test,T,n": table "T" column "n" is not string')))
})

t.test('Manager rows open remotes and get is_connected and status written back', async (t) => {
  const dir = tempDir(t)
  const socket = join(dir, 'db.sock')
  const { server } = await startTestServer(t, {
    databases: [{ path: join(dir, 'conf.db'), schemaPath: null }],
    remotes: [`punix:${socket}`, MANAGERS],
  })
  const client = await WireClient.connect(socket, t)
  resultOf(
    await client.call('transact', [
      'Open_vSwitch',
      { op: 'insert', table: 'Open_vSwitch', row: { manager_options: ['named-uuid', 'm'] } },
      { op: 'insert', table: 'Manager', 'uuid-name': 'm', row: { target: 'ptcp:0:127.0.0.1', inactivity_probe: 0 } },
    ]),
  )
  await until(() => tcpRemotes(server.rpc.listRemotes()).length === 1)
  const port = Number(tcpRemotes(server.rpc.listRemotes())[0].split(':')[1])
  const manager = async () => {
    const reply = await client.call('transact', ['Open_vSwitch', { op: 'select', table: 'Manager', where: [], columns: ['is_connected', 'status'] }])
    return (resultOf(reply) as { rows: unknown[] }[])[0].rows[0]
  }
  await server.dbRemotes.writeStatus()
  t.same(await manager(), { is_connected: false, status: ['map', [['bound_port', String(port)], ...ZEROS]] })
  const first = await WireClient.connect(port, t)
  await first.sync()
  await server.dbRemotes.writeStatus()
  t.same(await manager(), { is_connected: true, status: ['map', [['bound_port', String(port)], ...ZEROS]] })
  const second = await WireClient.connect(port, t)
  await second.sync()
  await server.dbRemotes.writeStatus()
  t.same(await manager(), { is_connected: true, status: ['map', [['bound_port', String(port)], ['n_connections', '2'], ...ZEROS]] })
  resultOf(await client.call('transact', ['Open_vSwitch', { op: 'update', table: 'Open_vSwitch', where: [], row: { manager_options: ['set', []] } }]))
  await until(() => tcpRemotes(server.rpc.listRemotes()).length === 0)
  t.pass('the listener closes when the Manager row is no longer referenced')
})

t.test('an active Manager target reports ACTIVE with sec_since_connect, a refused one BACKOFF', async (t) => {
  const dir = tempDir(t)
  const socket = join(dir, 'db.sock')
  const manager = createServer()
  const accepted = new Promise<Socket>((resolve) => manager.once('connection', resolve))
  await new Promise<void>((resolve) => manager.listen(0, '127.0.0.1', resolve))
  t.teardown(() => manager.close())
  const port = (manager.address() as AddressInfo).port
  const refused = createServer()
  await new Promise<void>((resolve) => refused.listen(0, '127.0.0.1', resolve))
  const refusedPort = (refused.address() as AddressInfo).port
  await new Promise((resolve) => refused.close(resolve))
  const { server } = await startTestServer(t, { databases: [{ path: join(dir, 'conf.db'), schemaPath: null }], remotes: [`punix:${socket}`, MANAGERS] })
  const client = await WireClient.connect(socket, t)
  const managers = [`tcp:127.0.0.1:${port}`, `tcp:127.0.0.1:${refusedPort}`]
  resultOf(
    await client.call('transact', [
      'Open_vSwitch',
      { op: 'insert', table: 'Open_vSwitch', row: { manager_options: ['set', managers.map((_, i) => ['named-uuid', `m${i}`])] } },
      ...managers.map((target, i) => ({ op: 'insert', table: 'Manager', 'uuid-name': `m${i}`, row: { target } })),
    ]),
  )
  ;(await accepted).on('error', () => undefined)
  await until(() => server.rpc.remoteTrack(managers[0])?.track.sessions.size === 1)
  await server.dbRemotes.writeStatus()
  const select = { op: 'select', table: 'Manager', where: [['target', '==', managers[0]]], columns: ['is_connected', 'status'] }
  t.same(resultOf(await client.call('transact', ['Open_vSwitch', select])), [{ rows: [{ is_connected: true, status: ['map', [['sec_since_connect', '0'], ['state', 'ACTIVE']]] }] }])
  const other = { ...select, where: [['target', '==', managers[1]]] }
  t.same(resultOf(await client.call('transact', ['Open_vSwitch', other])), [{ rows: [{ is_connected: false, status: ['map', [['state', 'BACKOFF']]] }] }])
})
