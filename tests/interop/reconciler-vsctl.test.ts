// End to end: the real ovs-vsctl, WITHOUT --no-wait, against the real ovsdb-server and against our
// server, with our switchyard-reconciler process (sim engine) answering as ovs-vswitchd would:
// add-br/add-port return because cur_cfg catches up, ofports are assigned, a missing system device
// gives ofport -1 and the error ovs-vsctl reports, patch pairs, bonds, fake bridges, ofport_request,
// a second reconciler idles on the lock and takes over when the first exits (SIGTERM, exit 0).
// Loud SKIP when Open vSwitch is missing.
import t, { type Test } from 'tap'
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { startRealOvsdb } from '../support/real-ovsdb.js'

const run = promisify(execFile)
const ROOT = new URL('../../', import.meta.url).pathname
const SCHEMA = '/usr/share/openvswitch/vswitch.ovsschema'
const find = (name: string) => ['/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin'].map((dir) => join(dir, name)).find(existsSync)
const TOOLS = ['ovs-vsctl', 'ovsdb-server', 'ovsdb-tool'] as const
const DEVICES = 'eth0,eth1,eth2'

interface Outcome {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

async function vsctl(socket: string, args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(find('ovs-vsctl')!, [`--db=unix:${socket}`, '--timeout=20', ...args], { timeout: 30000 })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string }
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' }
  }
}

async function get(socket: string, table: string, record: string, column: string): Promise<string> {
  return (await vsctl(socket, ['--no-wait', 'get', table, record, column])).stdout.trim()
}

/** A node process running one of our TypeScript entry points; `log()` is its stderr so far. */
function spawnTs(script: string, args: string[]): { child: ChildProcess; log: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, script), ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] })
  let text = ''
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, log: () => text, exited }
}

/** SIGTERM, then SIGKILL if the process has not exited within 5 s; removes `dir`. */
async function stop(process: { child: ChildProcess; exited: Promise<number | null> }, dir: string): Promise<void> {
  process.child.kill('SIGTERM')
  const timer = setTimeout(() => process.child.kill('SIGKILL'), 5000)
  await process.exited
  clearTimeout(timer)
  rmSync(dir, { recursive: true, force: true })
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`timed out waiting for ${what}`)
}

function socketAccepts(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path)
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })
}

async function realServer(t: Test): Promise<string> {
  const server = await startRealOvsdb(SCHEMA)
  t.teardown(() => server.stop())
  return server.socketPath
}

async function ourServer(t: Test): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'sy-reconciler-'))
  const socket = join(dir, 'db.sock')
  const server = spawnTs('server/main.ts', ['--db', join(dir, 'conf.db'), '--remote', `punix:${socket}`, '--http', 'none', `--pidfile=${join(dir, 'pid')}`, '--log-level', 'warn'])
  t.teardown(() => stop(server, dir))
  await waitFor(() => socketAccepts(socket), `our server on ${socket}`)
  return socket
}

async function scenario(t: Test, socket: string): Promise<void> {
  t.equal((await vsctl(socket, ['--no-wait', 'init'])).code, 0)
  const dir = mkdtempSync(join(tmpdir(), 'sy-devices-'))
  writeFileSync(join(dir, 'devices.json'), JSON.stringify({ devices: [{ name: 'eth3', mac: '02:00:00:00:00:03' }] }))
  const reconciler = spawnTs('reconciler/main.ts', [`--devices=${DEVICES}`, `--devices-file=${join(dir, 'devices.json')}`, `unix:${socket}`])
  t.teardown(() => {
    reconciler.child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  })

  const addBr = await vsctl(socket, ['add-br', 'br0'])
  t.equal(addBr.code, 0, 'waiting add-br returns')
  t.equal(await get(socket, 'Interface', 'br0', 'ofport'), '65534', 'the local port is 65534')
  t.match(await get(socket, 'Bridge', 'br0', 'datapath_id'), /^"0000[0-9a-f]{12}"$/)
  t.equal(await get(socket, 'Bridge', 'br0', 'datapath_version'), '"<built-in>"')

  t.equal((await vsctl(socket, ['add-port', 'br0', 'eth0'])).code, 0, 'waiting add-port returns')
  t.equal(await get(socket, 'Interface', 'eth0', 'ofport'), '1')
  t.equal(await get(socket, 'Interface', 'eth0', 'error'), '[]')
  t.equal(await get(socket, 'Interface', 'eth0', 'link_state'), 'up')

  const missing = await vsctl(socket, ['add-port', 'br0', 'nosuch0'])
  t.equal(missing.code, 0, 'exit status stays 0 in 3.1')
  t.match(missing.stderr, "ovs-vsctl: Error detected while setting up 'nosuch0': could not open network device nosuch0 (No such device).  See ovs-vswitchd log for details.")
  t.equal(await get(socket, 'Interface', 'nosuch0', 'ofport'), '-1')
  t.equal(await get(socket, 'Interface', 'nosuch0', 'error'), '"could not open network device nosuch0 (No such device)"')

  const patch = await vsctl(socket, [
    'add-br', 'br1', '--', 'add-port', 'br0', 'p0', '--', 'set', 'Interface', 'p0', 'type=patch', 'options:peer=p1',
    '--', 'add-port', 'br1', 'p1', '--', 'set', 'Interface', 'p1', 'type=patch', 'options:peer=p0',
  ])
  t.equal(patch.code, 0)
  t.equal(patch.stderr, '')
  t.equal(await get(socket, 'Interface', 'p1', 'ofport'), '1', 'ofports are per bridge')
  t.match(await get(socket, 'Interface', 'p0', 'ofport'), /^[1-9]\d*$/)

  t.equal((await vsctl(socket, ['add-port', 'br0', 'eth3'])).code, 0)
  t.equal(await get(socket, 'Interface', 'eth3', 'mac_in_use'), '"02:00:00:00:00:03"', 'a device from --devices-file keeps its MAC')

  t.equal((await vsctl(socket, ['add-bond', 'br0', 'bond0', 'eth1', 'eth2'])).code, 0)
  for (const name of ['eth1', 'eth2']) t.match(await get(socket, 'Interface', name, 'ofport'), /^[1-9]\d*$/, `bond member ${name}`)

  t.equal((await vsctl(socket, ['add-br', 'fake0', 'br0', '10'])).code, 0)
  t.match(await get(socket, 'Interface', 'fake0', 'ofport'), /^[1-9]\d*$/, 'a fake bridge is an internal port of its parent')

  const requested = await vsctl(socket, ['add-port', 'br0', 'i0', '--', 'set', 'Interface', 'i0', 'type=internal', 'ofport_request=77'])
  t.equal(requested.code, 0)
  t.equal(await get(socket, 'Interface', 'i0', 'ofport'), '77', 'ofport_request is honoured')

  const cfg = await get(socket, 'Open_vSwitch', '.', 'next_cfg')
  t.equal(await get(socket, 'Open_vSwitch', '.', 'cur_cfg'), cfg, 'cur_cfg = next_cfg')

  const second = spawnTs('reconciler/main.ts', [`--devices=${DEVICES}`, `unix:${socket}`])
  t.teardown(() => void second.child.kill('SIGKILL'))
  await waitFor(() => second.log().includes('another ovs-vswitchd process is running'), 'the second reconciler to report the lock')
  t.pass('a second reconciler idles while the first holds ovs_vswitchd')

  t.equal((await vsctl(socket, ['del-port', 'br0', 'eth0'])).code, 0, 'waiting del-port returns')
  reconciler.child.kill('SIGTERM')
  t.equal(await reconciler.exited, 0, 'SIGTERM exits cleanly')
  t.equal((await vsctl(socket, ['add-port', 'br0', 'eth0'])).code, 0, 'the second reconciler takes over once the lock is free')
  t.match(await get(socket, 'Interface', 'eth0', 'ofport'), /^[1-9]\d*$/)
  t.equal(await get(socket, 'Interface', 'i0', 'ofport'), '77', 'and rebuilds the switch from the database')
  t.match(second.log(), /acquired lock ovs_vswitchd/)
  second.child.kill('SIGTERM')
  t.equal(await second.exited, 0)
}

/** Our server on a fixed database file; `restart` kills it (SIGKILL) and starts it again on the same file. */
async function restartableServer(t: Test): Promise<{ socket: string; restart: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'sy-reconciler-'))
  const socket = join(dir, 'db.sock')
  const start = async () => {
    const server = spawnTs('server/main.ts', ['--db', join(dir, 'conf.db'), '--remote', `punix:${socket}`, '--http', 'none', `--pidfile=${join(dir, 'pid')}`, '--log-level', 'warn'])
    await waitFor(() => socketAccepts(socket), `our server on ${socket}`)
    return server
  }
  let server = await start()
  t.teardown(() => stop(server, dir))
  return {
    socket,
    restart: async () => {
      server.child.kill('SIGKILL')
      await server.exited
      server = await start()
    },
  }
}

const missingTools = TOOLS.filter((name) => find(name) === undefined)
if (missingTools.length > 0) {
  t.comment(`SKIP: ${missingTools.join(', ')} not installed`)
  t.pass(`SKIP: ${missingTools.join(', ')} not installed`)
} else {
  t.test('against the real ovsdb-server', async (t) => scenario(t, await realServer(t)))
  t.test('against switchyard-server', async (t) => scenario(t, await ourServer(t)))
  t.test('the reconciler reconnects after the server restarts, and a restarted reconciler keeps the ofports', async (t) => {
    const server = await restartableServer(t)
    t.equal((await vsctl(server.socket, ['--no-wait', 'init'])).code, 0)
    const reconciler = spawnTs('reconciler/main.ts', [`--devices=${DEVICES}`, `unix:${server.socket}`])
    t.teardown(() => void reconciler.child.kill('SIGKILL'))
    t.equal((await vsctl(server.socket, ['add-br', 'br0', '--', 'add-port', 'br0', 'eth0'])).code, 0)
    t.equal(await get(server.socket, 'Interface', 'eth0', 'ofport'), '1')
    await server.restart()
    const after = await vsctl(server.socket, ['add-port', 'br0', 'eth1'])
    t.equal(after.code, 0, 'a waiting add-port returns after the restart')
    t.equal(await get(server.socket, 'Interface', 'eth1', 'ofport'), '2')
    t.equal(await get(server.socket, 'Interface', 'eth0', 'ofport'), '1', 'existing ports keep their numbers')
    t.equal(reconciler.log().match(/connected/g)?.length, 2, 'connected twice')
    reconciler.child.kill('SIGKILL')
    await reconciler.exited
    const restarted = spawnTs('reconciler/main.ts', [`--devices=${DEVICES}`, `unix:${server.socket}`])
    t.teardown(() => void restarted.child.kill('SIGKILL'))
    t.equal((await vsctl(server.socket, ['add-port', 'br0', 'eth2'])).code, 0, 'a restarted reconciler answers waiting clients')
    t.equal(await get(server.socket, 'Interface', 'eth0', 'ofport'), '1', 'ofports survive a reconciler restart')
    t.equal(await get(server.socket, 'Interface', 'eth1', 'ofport'), '2')
    t.match(await get(server.socket, 'Interface', 'eth2', 'ofport'), /^[1-9]\d*$/)
    restarted.child.kill('SIGTERM')
    t.equal(await restarted.exited, 0)
  })
}
