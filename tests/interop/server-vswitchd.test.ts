// The real ovs-vswitchd (userspace: --enable-dummy, --disable-system, dummy datapath, private
// directories) against our server: it connects, takes its `ovs_vswitchd` lock, writes `ofport` and
// `cur_cfg`, so waiting `ovs-vsctl add-br` / `add-port` (no --no-wait) return; after our server
// restarts under it, it reconnects and takes its lock again by itself. Loud SKIP without the tools.
import t, { type Test } from 'tap'
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { startOurServer } from '../support/our-server.js'
import { RpcClient } from '../support/rpc-client.js'

const run = promisify(execFile)
const VSCTL = ['/usr/bin/ovs-vsctl', '/usr/local/bin/ovs-vsctl'].find(existsSync)
const VSWITCHD = ['/usr/sbin/ovs-vswitchd', '/usr/local/sbin/ovs-vswitchd'].find(existsSync)

/** Starts ovs-vswitchd detached (it returns after its first configuration commit); stopped by PID at teardown. */
async function startVswitchd(t: Test, dir: string, socket: string): Promise<void> {
  const env = { ...process.env, OVS_RUNDIR: dir, OVS_LOGDIR: dir, OVS_DBDIR: dir, OVS_SYSCONFDIR: dir }
  const pidfile = join(dir, 'ovs-vswitchd.pid')
  t.teardown(() => {
    if (existsSync(pidfile)) process.kill(Number(readFileSync(pidfile, 'utf8').trim()), 'SIGTERM')
  })
  const args = [`unix:${socket}`, '--enable-dummy', '--disable-system', `--pidfile=${pidfile}`, `--unixctl=${join(dir, 'ovs-vswitchd.ctl')}`]
  await run(VSWITCHD!, [...args, '-vconsole:off', '-vsyslog:off', `--log-file=${join(dir, 'ovs-vswitchd.log')}`, '--detach', '--no-chdir'], { env, timeout: 30000 })
}

async function vsctl(socket: string, args: string[]): Promise<string> {
  const { stdout } = await run(VSCTL!, [`--db=unix:${socket}`, '--timeout=20', ...args], { timeout: 30000 })
  return stdout.trim()
}

t.test('the real ovs-vswitchd serves bridges and ports configured through our server', async (t) => {
  if (VSCTL === undefined || VSWITCHD === undefined) {
    t.comment(`SKIP: ${VSCTL === undefined ? 'ovs-vsctl' : 'ovs-vswitchd'} not installed`)
    return t.pass('skipped loudly')
  }
  const { dir, socket, restart } = await startOurServer(t)
  await vsctl(socket, ['--no-wait', 'init'])
  await startVswitchd(t, dir, socket)
  const other = await RpcClient.connect(socket)
  t.teardown(() => other.close())
  t.same(await other.call('lock', ['ovs_vswitchd']), { result: { locked: false } }, 'ovs-vswitchd holds its lock')
  await vsctl(socket, ['add-br', 'br0', '--', 'set', 'Bridge', 'br0', 'datapath_type=dummy'])
  await vsctl(socket, ['add-port', 'br0', 'p1', '--', 'set', 'Interface', 'p1', 'type=dummy'])
  t.equal(await vsctl(socket, ['get', 'Interface', 'p1', 'ofport']), '1', 'ofport written by ovs-vswitchd')
  t.equal(await vsctl(socket, ['get', 'Interface', 'br0', 'ofport']), '65534', 'the local port')
  const [cur, next] = (await vsctl(socket, ['get', 'Open_vSwitch', '.', 'cur_cfg', 'next_cfg'])).split('\n')
  t.equal(cur, next, 'cur_cfg caught up with next_cfg')
  t.equal(next, '2', 'one bump per waiting ovs-vsctl')
  await vsctl(socket, ['del-port', 'br0', 'p1'])
  t.equal(await vsctl(socket, ['list-ports', 'br0']), '', 'a waiting del-port returns too')

  await restart()
  await vsctl(socket, ['add-port', 'br0', 'p2', '--', 'set', 'Interface', 'p2', 'type=dummy'])
  t.match(await vsctl(socket, ['get', 'Interface', 'p2', 'ofport']), /^[1-9][0-9]*$/, 'after our server restarted, ovs-vswitchd reconnected by itself and serves the new port')
  const again = await RpcClient.connect(socket)
  t.teardown(() => again.close())
  t.same(await again.call('lock', ['ovs_vswitchd']), { result: { locked: false } }, 'and holds its lock again')
})
