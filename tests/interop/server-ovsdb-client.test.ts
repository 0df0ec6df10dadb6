// The real ovsdb-client against our server for what server-clients.test.ts leaves out: monitor-cond
// (only matching rows, initial and inserted), lock/steal between ovsdb-client processes, and
// backup/restore (the backup is a file the real ovsdb-tool and ovsdb-server accept), each compared
// with the same commands against the real ovsdb-server. Loud SKIP when a tool is missing.
import t, { type Test } from 'tap'
import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startOurServer } from '../support/our-server.js'
import { findOvsTool, missingOvsdbTools, startRealOvsdb } from '../support/real-ovsdb.js'
import { numberUuids as normalize, runTool as tool } from '../support/tool.js'

const CLIENT = ['/usr/bin/ovsdb-client', '/usr/local/bin/ovsdb-client'].find(existsSync)
const SCHEMA = new URL('../../schema/vswitch.ovsschema', import.meta.url).pathname

/** The lines of a dump, sorted, with every UUID written <uuid> (restore picks fresh UUIDs, which reorders rows). */
function anyUuid(text: string): string[] {
  return text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>').split('\n').sort()
}

/** Our server's remote, stopped at teardown. */
async function ourServer(t: Test): Promise<string> {
  return `unix:${(await startOurServer(t)).socket}`
}

async function realServer(t: Test): Promise<string> {
  const real = await startRealOvsdb(SCHEMA)
  t.teardown(() => real.stop())
  return `unix:${real.socketPath}`
}

/** A long-running ovsdb-client; `until(text)` resolves once its stdout contains `text` (20 s bound). */
function follow(t: Test, args: string[]): { child: ChildProcess; output: () => string; until: (text: string) => Promise<void> } {
  const child = spawn(CLIENT!, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  t.teardown(() => void (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')))
  const until = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`ovsdb-client ${args[0]} never printed ${JSON.stringify(text)}; got ${JSON.stringify(output)}`)), 20000)
      const check = () => (output.includes(text) ? (clearTimeout(timer), resolve()) : child.stdout!.once('data', check))
      check()
    })
  return { child, output: () => output, until }
}

const transact = (remote: string, ops: unknown[]) => tool(CLIENT!, ['transact', remote, JSON.stringify(['Open_vSwitch', ...ops])])
const addBridges = (bridges: Array<Record<string, string>>) => [
  ...bridges.map((row, i) => ({ op: 'insert', table: 'Bridge', row, 'uuid-name': `b${i}` })),
  { op: 'mutate', table: 'Open_vSwitch', where: [], mutations: [['bridges', 'insert', ['set', bridges.map((_, i) => ['named-uuid', `b${i}`])]]] },
]

async function monitorCond(t: Test, remote: string): Promise<string> {
  await transact(remote, [{ op: 'insert', table: 'Open_vSwitch', row: {} }])
  await transact(remote, addBridges([{ name: 'br0', datapath_type: 'netdev' }, { name: 'brx' }]))
  const monitor = follow(t, ['monitor-cond', remote, 'Open_vSwitch', '[["datapath_type","==","netdev"]]', 'Bridge', 'name'])
  await monitor.until('initial br0')
  await transact(remote, addBridges([{ name: 'br1', datapath_type: 'netdev' }, { name: 'br9' }]))
  await monitor.until('insert br1')
  await transact(remote, addBridges([{ name: 'br2', datapath_type: 'netdev' }]))
  await monitor.until('insert br2')
  monitor.child.kill('SIGKILL')
  return normalize(monitor.output())
}

/** A holds L, B waits, C steals (A hears "stolen"), C exits (A gets it back), A exits (B gets it). */
async function lockDance(t: Test, remote: string): Promise<string[]> {
  const a = follow(t, ['lock', remote, 'L'])
  await a.until('{"locked":true}')
  const b = follow(t, ['lock', remote, 'L'])
  await b.until('{"locked":false}')
  const c = follow(t, ['steal', remote, 'L'])
  await c.until('{"locked":true}')
  await a.until('stolen')
  c.child.kill('SIGKILL')
  await a.until('locked\n["L"]')
  a.child.kill('SIGKILL')
  await b.until('locked\n["L"]')
  b.child.kill('SIGKILL')
  return [a.output(), b.output(), c.output().split('\n')[0]!]
}

if (CLIENT === undefined || missingOvsdbTools().length > 0) {
  t.comment('SKIP: ovsdb-client / ovsdb-server / ovsdb-tool not installed — ovsdb-client interop NOT checked')
  t.pass('SKIP: ovsdb-client / ovsdb-server not installed')
} else {
  t.test('ovsdb-client monitor-cond shows only matching rows, as against ovsdb-server', async (t) => {
    const actual = await monitorCond(t, await ourServer(t))
    const expected = await monitorCond(t, await realServer(t))
    t.same(actual, expected)
    t.notMatch(actual, /brx|br9/, 'rows outside the condition never appear')
    t.match(actual, /<1> initial br0\n[\s\S]*insert br1\n/)
  })

  t.test('ovsdb-client lock waits while another holds the lock and steal takes it, as against ovsdb-server', async (t) => {
    const actual = await lockDance(t, await ourServer(t))
    const expected = await lockDance(t, await realServer(t))
    t.same(actual, expected)
    t.same(actual, ['{"locked":true}\nstolen\n["L"]\nlocked\n["L"]\n', '{"locked":false}\nlocked\n["L"]\n', '{"locked":true}'])
  })

  t.test('ovsdb-client backup of our server is a database file the real tools accept, and restore brings the rows back', async (t) => {
    const remote = await ourServer(t)
    await transact(remote, [{ op: 'insert', table: 'Open_vSwitch', row: { next_cfg: 3 } }])
    await transact(remote, addBridges([{ name: 'br0' }, { name: 'br1', fail_mode: 'secure' }]))
    const dump = () => tool(CLIENT!, ['dump', remote, 'Open_vSwitch'])
    const before = await dump()
    const backup = await tool(CLIENT!, ['backup', remote])
    t.equal(backup.code, 0, backup.stderr)
    const dir = mkdtempSync(join(tmpdir(), 'sy-backup-'))
    t.teardown(() => rmSync(dir, { recursive: true, force: true }))
    const file = join(dir, 'backup.db')
    writeFileSync(file, backup.stdout)
    const ovsdbTool = findOvsTool('ovsdb-tool')!
    t.same(await tool(ovsdbTool, ['db-name', file]), { code: 0, stdout: 'Open_vSwitch\n', stderr: '' })
    const query = await tool(ovsdbTool, ['query', file, '["Open_vSwitch",{"op":"select","table":"Bridge","where":[],"columns":["name","fail_mode"]}]'])
    t.same(JSON.parse(query.stdout), [{ rows: [{ name: 'br0', fail_mode: ['set', []] }, { name: 'br1', fail_mode: 'secure' }] }], 'ovsdb-tool query reads the rows')
    t.same(normalize((await tool(CLIENT!, ['dump', await serveFile(t, file), 'Open_vSwitch'])).stdout), normalize(before.stdout), 'a real ovsdb-server serves the same rows')
    await transact(remote, [{ op: 'update', table: 'Open_vSwitch', where: [], row: { bridges: ['set', []], next_cfg: 9 } }])
    t.notSame((await dump()).stdout, before.stdout, 'the data changed')
    t.same(await restore(remote, file), { code: 0, stderr: '' })
    const restored = (await dump()).stdout
    t.same(anyUuid(restored), anyUuid(before.stdout), 'restore brings back the rows')
    t.not(restored, before.stdout, 'with fresh UUIDs, as ovsdb-client restore gives against ovsdb-server')
    const real = await realServer(t)
    t.same(await restore(real, file), { code: 0, stderr: '' })
    const realRestored = (await tool(CLIENT!, ['dump', real, 'Open_vSwitch'])).stdout
    t.same(anyUuid(realRestored), anyUuid(restored), 'ovsdb-server restores the same rows')
    t.not(realRestored, before.stdout, 'ovsdb-server also gives fresh UUIDs')
  })
}

/** `ovsdb-client restore REMOTE < FILE` (it seeks its input, so stdin is the file itself). */
function restore(remote: string, file: string): Promise<{ code: number | null; stderr: string }> {
  const input = openSync(file, 'r')
  const child = spawn(CLIENT!, ['restore', remote], { stdio: [input, 'ignore', 'pipe'] })
  closeSync(input)
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stderr })))
}

/** Starts a real ovsdb-server on an existing database file; resolves to its remote. */
async function serveFile(t: Test, file: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'sy-serve-'))
  const socket = join(dir, 'db.sock')
  const server = spawn(findOvsTool('ovsdb-server')!, [`--remote=punix:${socket}`, '--no-chdir', `--unixctl=${join(dir, 'ctl')}`, `--log-file=${join(dir, 'log')}`, file], { stdio: 'ignore' })
  t.teardown(() => {
    server.kill('SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  })
  for (let attempt = 0; attempt < 400 && (await tool(CLIENT!, ['list-dbs', `unix:${socket}`])).code !== 0; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return `unix:${socket}`
}
