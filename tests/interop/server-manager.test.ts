// The real `ovs-vsctl set-manager` against our server started with
// `--remote=db:Open_vSwitch,Open_vSwitch,manager_options`: the server listens on the Manager's
// target, ovsdb-client reaches it there, and the Manager row gets `is_connected`/`status` written
// back. Loud SKIP without the tools.
import t from 'tap'
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { createLogger } from '../../server/rpc/log.js'
import { startServer } from '../../server/rpc/start.js'
import { freePort } from '../support/free-port.js'
import { RpcClient } from '../support/rpc-client.js'

const run = promisify(execFile)
const VSCTL = ['/usr/bin/ovs-vsctl', '/usr/local/bin/ovs-vsctl'].find(existsSync)
const CLIENT = ['/usr/bin/ovsdb-client', '/usr/local/bin/ovsdb-client'].find(existsSync)

t.test('ovs-vsctl set-manager makes our server listen on the target and report it', async (t) => {
  if (VSCTL === undefined || CLIENT === undefined) {
    t.comment(`SKIP: ${VSCTL === undefined ? 'ovs-vsctl' : 'ovsdb-client'} not installed`)
    return t.pass('skipped loudly')
  }
  const dir = mkdtempSync(join(tmpdir(), 'sy-manager-'))
  const socket = join(dir, 'db.sock')
  const config = { databases: [{ path: join(dir, 'conf.db'), schemaPath: null }], remotes: [`punix:${socket}`, 'db:Open_vSwitch,Open_vSwitch,manager_options'] }
  const server = await startServer({ ...config, logLevel: 'off', pidfile: null, tls: null, probeIntervalMs: null, maxMessageBytes: null, maxBacklogBytes: null }, createLogger('off'))
  t.teardown(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })
  const vsctl = async (...args: string[]) => (await run(VSCTL, [`--db=unix:${socket}`, '--no-wait', ...args])).stdout.trim()
  await vsctl('init')
  const port = await freePort()
  await vsctl('set-manager', `ptcp:${port}:127.0.0.1`)
  const listed = await run(CLIENT, ['list-dbs', `tcp:127.0.0.1:${port}`])
  t.equal(listed.stdout, 'Open_vSwitch\n_Server\n', 'ovsdb-client reaches the server on the Manager target')
  const client = await RpcClient.connect({ host: '127.0.0.1', port })
  t.teardown(() => client.close())
  await server.dbRemotes.writeStatus()
  t.equal(await vsctl('get', 'Manager', `ptcp:${port}:127.0.0.1`, 'is_connected'), 'true', 'is_connected written by the server')
  t.equal(await vsctl('get', 'Manager', `ptcp:${port}:127.0.0.1`, 'status'), `{bound_port="${port}", sec_since_connect="0", sec_since_disconnect="0"}`, 'status as ovsdb-server 3.1 writes it for a listening remote')
  await vsctl('del-manager')
  await t.rejects(run(CLIENT, ['--timeout=5', 'list-dbs', `tcp:127.0.0.1:${port}`]), 'del-manager closes the listener')
})
