// The reconciler's database follower over a connection that breaks: through a proxy the test can cut,
// it reconnects with backoff, takes the ovs_vswitchd lock again, resumes monitor_cond_since from the
// last transaction id (our server keeps the history; the real ovsdb-server may answer with the full
// database instead) and its replica holds the change made while it was away; a stolen lock stops
// it until the lock is granted again. Loud SKIP without OVS.
import t, { type Test } from 'tap'
import { execFile, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { connect, createServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { connectRemotes, parseRemote, RpcSession } from '../../client/index.js'
import { FOLLOWED_TABLES, OMITTED_COLUMNS, QUIET_COLUMNS } from '../../reconciler/columns.js'
import { DbFollower } from '../../reconciler/follower.js'
import { createReconcilerLog } from '../../reconciler/log.js'
import { startRealOvsdb } from '../support/real-ovsdb.js'

const run = promisify(execFile)
const ROOT = new URL('../../', import.meta.url).pathname
const VSCTL = ['/usr/bin/ovs-vsctl', '/usr/local/bin/ovs-vsctl'].find(existsSync)

/** A Unix-socket proxy to `upstream`; `cut()` closes every connection through it. */
async function proxy(t: Test, upstream: string): Promise<{ path: string; cut: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'sy-proxy-'))
  const path = join(dir, 'proxy.sock')
  const open = new Set<Socket>()
  const server = createServer((client) => {
    const server = connect(upstream)
    for (const socket of [client, server]) {
      open.add(socket)
      socket.on('error', () => undefined)
      socket.on('close', () => (open.delete(socket), client.destroy(), server.destroy()))
    }
    client.pipe(server)
    server.pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(path, resolve))
  t.teardown(() => {
    for (const socket of open) socket.destroy()
    server.close()
    rmSync(dir, { recursive: true, force: true })
  })
  return { path, cut: () => open.forEach((socket) => socket.destroy()) }
}

async function ourServer(t: Test): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'sy-follower-'))
  const socket = join(dir, 'db.sock')
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/main.ts'), '--db', join(dir, 'conf.db'), '--remote', `punix:${socket}`, '--http', 'none', `--pidfile=${join(dir, 'pid')}`, '--log-level', 'off'], { cwd: ROOT, stdio: 'ignore' })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  t.teardown(async () => {
    child.kill('SIGKILL')
    await exited
    rmSync(dir, { recursive: true, force: true })
  })
  for (let i = 0; i < 600 && !existsSync(socket); i++) await new Promise((resolve) => setTimeout(resolve, 50))
  return socket
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`timed out waiting for ${what}`)
}

async function scenario(t: Test, socket: string, expectResume: boolean): Promise<void> {
  await run(VSCTL!, [`--db=unix:${socket}`, '--no-wait', 'init'])
  const link = await proxy(t, socket)
  const lines: string[] = []
  const follower = new DbFollower({
    remotes: [parseRemote(`unix:${link.path}`)], database: 'Open_vSwitch', lock: 'ovs_vswitchd',
    tables: FOLLOWED_TABLES, omit: OMITTED_COLUMNS, quiet: QUIET_COLUMNS,
    log: createReconcilerLog('dbg', (line) => lines.push(line)), backoffMs: { min: 50, max: 200 },
  })
  void follower.run()
  t.teardown(() => follower.stop())
  await until(() => follower.connected && follower.hasLock, 'the first session and the lock')
  await run(VSCTL!, [`--db=unix:${socket}`, '--no-wait', 'add-br', 'br0'])
  const bridges = () => [...(follower.replica?.tables.get('Bridge')?.values() ?? [])].map((row) => row.get('name')?.keys[0])
  await until(() => bridges().includes('br0'), 'br0 in the replica')
  const generation = follower.generation
  link.cut()
  await until(() => !follower.connected, 'the follower to notice the cut')
  t.equal(follower.hasLock, false, 'the lock is gone with the session')
  await run(VSCTL!, [`--db=unix:${socket}`, '--no-wait', 'add-br', 'br1'])
  await until(() => follower.connected && follower.hasLock && follower.generation > generation, 'the follower to reconnect')
  t.pass('reconnected with the lock')
  await until(() => bridges().includes('br1'), 'br1 in the replica')
  t.same(bridges().sort(), ['br0', 'br1'], 'the replica holds the change made while away, and nothing twice')
  if (expectResume) t.match(lines.join(''), /resumed monitor after transaction/, 'monitor_cond_since resumed')
  else t.comment(lines.filter((line) => line.includes('monitor')).join(''))

  const thief = new RpcSession((await connectRemotes([parseRemote(`unix:${socket}`)])).socket)
  t.teardown(() => thief.close())
  await thief.request('steal', ['ovs_vswitchd'])
  await until(() => !follower.hasLock, 'the follower to hear its lock was stolen')
  t.match(lines.join(''), /lock ovs_vswitchd stolen/)
  await thief.request('unlock', ['ovs_vswitchd'])
  await until(() => follower.hasLock, 'the lock to come back')
  t.match(lines.join(''), /acquired lock ovs_vswitchd/, 'the queued lock request is granted when the thief unlocks')
}

if (VSCTL === undefined) {
  t.comment('SKIP: ovs-vsctl not installed')
  t.pass('SKIP: ovs-vsctl not installed')
} else {
  t.test('against switchyard-server', async (t) => scenario(t, await ourServer(t), true))
  t.test('against the real ovsdb-server', async (t) => {
    const server = await startRealOvsdb('/usr/share/openvswitch/vswitch.ovsschema')
    t.teardown(() => server.stop())
    await scenario(t, server.socketPath, false)
  })
}
