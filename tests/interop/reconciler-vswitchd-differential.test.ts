// Differential: the same waiting ovs-vsctl commands against (real ovsdb-server + real ovs-vswitchd
// on its dummy datapath) and (real ovsdb-server + switchyard-reconciler on the sim engine); the status
// columns both write — ofport, error, link_state, bfd_status but flap_count, cur_cfg — must agree.
// Columns that describe the device model itself are printed as comments: MACs, statistics keys, and
// internal ports (the sim models netdev-linux taps, admin and link down; the dummy datapath's are up).
// Loud SKIP when Open vSwitch is missing.
import t, { type Test } from 'tap'
import { execFile, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { startRealOvsdb } from '../support/real-ovsdb.js'

const run = promisify(execFile)
const ROOT = new URL('../../', import.meta.url).pathname
const SCHEMA = '/usr/share/openvswitch/vswitch.ovsschema'
const find = (name: string) => ['/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin'].map((dir) => join(dir, name)).find(existsSync)
const TOOLS = ['ovs-vsctl', 'ovsdb-server', 'ovsdb-tool', 'ovs-vswitchd'] as const
const COMPARED = ['ofport', 'error', 'bfd_status'] as const
const COMPARED_UNLESS_INTERNAL = ['link_state', 'admin_state', 'mtu', 'ifindex', 'status'] as const
const SHOWN = ['mac_in_use', 'statistics', 'bfd_status'] as const
const INTERNAL = new Set(['br0', 'br1', 'br9'])
/** Members of one port are created in row-UUID order on both sides, so only their set of ofports compares. */
const BOND = ['b1', 'b2']

/** The command sequence, for a datapath type each side supports (dummy for ovs-vswitchd, netdev for sim). */
function script(dp: string): string[][] {
  const bfd = ['bfd:enable=true', 'bfd:min_tx=100', 'bfd:min_rx=300']
  return [
    ['add-br', 'br0', '--', 'set', 'Bridge', 'br0', `datapath_type=${dp}`],
    ['add-br', 'br1', '--', 'set', 'Bridge', 'br1', `datapath_type=${dp}`],
    ['add-port', 'br0', 'd0', '--', 'set', 'Interface', 'd0', 'type=dummy'],
    ['add-port', 'br0', 'q7', '--', 'set', 'Interface', 'q7', 'type=dummy', 'ofport_request=7'],
    ['add-port', 'br0', 'pn', '--', 'set', 'Interface', 'pn', 'type=patch'],
    ['add-port', 'br0', 'bog0', '--', 'set', 'Interface', 'bog0', 'type=bogus'],
    ['add-port', 'br0', 'p0', '--', 'set', 'Interface', 'p0', 'type=patch', 'options:peer=p1', ...bfd],
    ['add-port', 'br1', 'p1', '--', 'set', 'Interface', 'p1', 'type=patch', 'options:peer=p0', ...bfd],
    ['add-bond', 'br1', 'bond0', 'b1', 'b2', '--', 'set', 'Interface', 'b1', 'type=dummy', '--', 'set', 'Interface', 'b2', 'type=dummy'],
    ['add-br', 'br9', '--', 'set', 'Bridge', 'br9', 'datapath_type=bogus'],
    ['add-port', 'br9', 'd9', '--', 'set', 'Interface', 'd9', 'type=dummy'],
  ]
}

async function vsctl(socket: string, args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run(find('ovs-vsctl')!, [`--db=unix:${socket}`, '--timeout=20', ...args], { timeout: 30000 })
    return { code: 0, stderr }
  } catch (error) {
    const failed = error as { code?: number; stderr?: string }
    return { code: typeof failed.code === 'number' ? failed.code : -1, stderr: failed.stderr ?? '' }
  }
}

async function column(socket: string, iface: string, name: string): Promise<string> {
  const { stdout } = await run(find('ovs-vsctl')!, [`--db=unix:${socket}`, '--no-wait', 'get', 'Interface', iface, name])
  return stdout.trim()
}

async function startVswitchd(t: Test, socket: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sy-vswitchd-'))
  const env = { ...process.env, OVS_RUNDIR: dir, OVS_LOGDIR: dir, OVS_DBDIR: dir }
  const started = spawnSync(find('ovs-vswitchd')!, [
    `unix:${socket}`, '--enable-dummy', '--disable-system', '-vconsole:off', `--log-file=${join(dir, 'log')}`,
    `--pidfile=${join(dir, 'pid')}`, `--unixctl=${join(dir, 'ctl')}`, '--detach', '--no-chdir',
  ], { env, encoding: 'utf8', timeout: 20000 })
  if (started.status !== 0) throw new Error(`ovs-vswitchd did not start: ${started.stderr}`)
  t.teardown(() => {
    process.kill(Number(readFileSync(join(dir, 'pid'), 'utf8').trim()), 'SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  })
}

function startReconciler(t: Test, socket: string): void {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'reconciler/main.ts'), `unix:${socket}`], { cwd: ROOT, stdio: 'ignore' })
  t.teardown(() => void child.kill('SIGTERM'))
}

async function bfdUp(socket: string): Promise<boolean> {
  for (let i = 0; i < 150; i++) {
    if ((await column(socket, 'p0', 'bfd_status')).includes('state=up') && (await column(socket, 'p1', 'bfd_status')).includes('state=up')) return true
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return false
}

/** Datapath names differ by design; flap_count depends on scheduling of two real-time processes (shown, not compared). */
const normalise = (value: string) => value.replace(/'netdev'|'dummy'/g, "'<dp>'").replace(/flap_count="\d+", /, '')

const missing = TOOLS.filter((name) => find(name) === undefined)
if (missing.length > 0) {
  t.comment(`SKIP: ${missing.join(', ')} not installed`)
  t.pass(`SKIP: ${missing.join(', ')} not installed`)
} else {
  t.test('ovs-vswitchd (dummy datapath) and switchyard-reconciler (sim) write the same status columns', async (t) => {
    const theirs = await startRealOvsdb(SCHEMA)
    t.teardown(() => theirs.stop())
    const ours = await startRealOvsdb(SCHEMA)
    t.teardown(() => ours.stop())
    for (const socket of [theirs.socketPath, ours.socketPath]) t.equal((await vsctl(socket, ['--no-wait', 'init'])).code, 0)
    await startVswitchd(t, theirs.socketPath)
    startReconciler(t, ours.socketPath)
    for (const [a, b] of script('dummy').map((args, i) => [args, script('netdev')[i]])) {
      const [x, y] = [await vsctl(theirs.socketPath, a), await vsctl(ours.socketPath, b)]
      t.same([y.code, y.stderr], [x.code, x.stderr], `ovs-vsctl ${b.join(' ')}`)
    }
    t.ok(await bfdUp(theirs.socketPath), 'ovs-vswitchd brings BFD up over the patch pair')
    t.ok(await bfdUp(ours.socketPath), 'switchyard-reconciler brings BFD up over the patch pair')
    for (const socket of [theirs.socketPath, ours.socketPath]) {
      const { stdout } = await run(find('ovs-vsctl')!, [`--db=unix:${socket}`, '--no-wait', 'get', 'Open_vSwitch', '.', 'cur_cfg', 'next_cfg'])
      const [cur, next] = stdout.trim().split('\n')
      t.equal(cur, next, 'cur_cfg = next_cfg')
    }
    const bondPorts = async (socket: string) => (await Promise.all(BOND.map((name) => column(socket, name, 'ofport')))).sort()
    t.same(await bondPorts(ours.socketPath), await bondPorts(theirs.socketPath), 'bond members get the same set of ofports')
    for (const column of ['datapath_id', 'datapath_version']) {
      const read = async (socket: string) => (await run(find('ovs-vsctl')!, [`--db=unix:${socket}`, '--no-wait', 'get', 'Bridge', 'br9', column])).stdout
      t.equal(await read(ours.socketPath), await read(theirs.socketPath), `a bridge that could not be created: ${column}`)
    }
    for (const iface of ['br0', 'br1', 'd0', 'q7', 'pn', 'bog0', 'p0', 'p1', 'b1', 'b2', 'br9', 'd9']) {
      const compared = (INTERNAL.has(iface) ? COMPARED : [...COMPARED, ...COMPARED_UNLESS_INTERNAL]).filter((name) => !(BOND.includes(iface) && name === 'ofport'))
      for (const name of compared) t.equal(normalise(await column(ours.socketPath, iface, name)), normalise(await column(theirs.socketPath, iface, name)), `${iface} ${name}`)
      for (const name of SHOWN) t.comment(`${iface} ${name}: ovs-vswitchd ${await column(theirs.socketPath, iface, name)} | ours ${await column(ours.socketPath, iface, name)}`)
    }
  })
}
