// Our vsctl WITHOUT --no-wait against our whole stack (switchyard-server + switchyard-reconciler, sim
// engine, built in dist/): add-br and add-port return once cur_cfg catches up, a missing system device
// is reported as ovs-vsctl reports it (exit 0), and with the reconciler stopped -t 1 dies by SIGALRM.
// Each step is compared with the real ovs-vsctl against a second identical stack. Loud SKIP when absent.
import t, { type Test } from 'tap'
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ROOT = new URL('../../', import.meta.url).pathname
const BUILT = ['dist/server/main.js', 'dist/reconciler/main.js', 'dist/bin/vsctl.mjs'].map((path) => join(ROOT, path))
const REAL_VSCTL = ['/usr/bin/ovs-vsctl', '/usr/local/bin/ovs-vsctl'].find(existsSync)

/** An exit status, or the signal that ended the process. */
interface Outcome {
  readonly outcome: number | string
  readonly stdout: string
  readonly stderr: string
}

/** A node process running one of our built entry points; `exited` resolves with its exit code. */
interface Running {
  readonly child: ChildProcess
  readonly exited: Promise<number | null>
}

function start(script: string, args: string[]): Running {
  const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, stdio: 'ignore' })
  return { child, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) }
}

/** SIGTERM by PID, SIGKILL after 5 s if still running. */
async function stop(running: Running): Promise<void> {
  if (running.child.exitCode !== null || running.child.signalCode !== null) return
  running.child.kill('SIGTERM')
  const timer = setTimeout(() => running.child.kill('SIGKILL'), 5000)
  await running.exited
  clearTimeout(timer)
}

function socketAccepts(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path)
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })
}

/** Our server and our reconciler on a private socket; both stopped by PID at teardown. */
async function stack(t: Test): Promise<{ socket: string; reconciler: Running }> {
  const dir = mkdtempSync(join(tmpdir(), 'sy-vsctl-wait-'))
  const socket = join(dir, 'db.sock')
  const server = start(BUILT[0]!, ['--db', join(dir, 'conf.db'), '--remote', `punix:${socket}`, '--http', 'none', '--unixctl', 'none', '--log-level', 'warn'])
  for (let attempt = 0; attempt < 400 && !(await socketAccepts(socket)); attempt++) await new Promise((resolve) => setTimeout(resolve, 50))
  const reconciler = start(BUILT[1]!, ['--http', 'none', `unix:${socket}`])
  t.teardown(async () => {
    await stop(reconciler)
    await stop(server)
    rmSync(dir, { recursive: true, force: true })
  })
  return { socket, reconciler }
}

function runTool(file: string, args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 30000, env: { ...process.env, OVS_LOGDIR: tmpdir() } }, (error, stdout, stderr) => {
      const failed = error as { code?: number; signal?: string } | null
      resolve({ outcome: failed === null ? 0 : (failed.signal ?? failed.code ?? -1), stdout, stderr })
    })
  })
}

const ours = (socket: string, args: string[]) => runTool(process.execPath, [BUILT[2]!, `--db=unix:${socket}`, ...args])
const real = (socket: string, args: string[]) => runTool(REAL_VSCTL!, [`--db=unix:${socket}`, ...args])

/** Program name and log timestamps differ between the two tools; nothing else may. */
const normalise = (run: Outcome): Outcome => ({
  ...run,
  stderr: run.stderr.replace(/^\S*vsctl: /gm, '<prog>: ').replace(/^\d{4}-\S+Z\|\d+\|/gm, '<time>|'),
})

const STEPS: string[][] = [
  ['init'],
  ['add-br', 'br0'],
  ['add-port', 'br0', 'i0', '--', 'set', 'Interface', 'i0', 'type=internal'],
  ['add-port', 'br0', 'nosuch0'],
  ['--no-wait', 'get', 'Interface', 'br0', 'ofport'],
  ['--no-wait', 'get', 'Interface', 'i0', 'ofport'],
  ['--no-wait', 'get', 'Interface', 'nosuch0', 'ofport', 'error'],
  ['list-ports', 'br0'],
]

const missing = [...BUILT.filter((path) => !existsSync(path)).map((path) => `${path} (run npm run build)`), ...(REAL_VSCTL === undefined ? ['ovs-vsctl'] : [])]
if (missing.length > 0) {
  t.comment(`SKIP: ${missing.join(', ')} not installed`)
  t.pass(`SKIP: ${missing.join(', ')} not installed`)
} else {
  t.test('waiting vsctl returns once our reconciler catches up, and prints what ovs-vsctl prints', async (t) => {
    const [mine, theirs] = [await stack(t), await stack(t)]
    for (const step of STEPS) {
      const [actual, expected] = [await ours(mine.socket, step), await real(theirs.socket, step)]
      t.same(normalise(actual), normalise(expected), `vsctl ${step.join(' ')}`)
      if (step[0] === 'add-port' && step[2] === 'nosuch0') t.match(expected.stderr, /Error detected while setting up 'nosuch0'/, 'ovs-vsctl reports the failed device too')
    }
    t.same(await ours(mine.socket, ['--no-wait', 'get', 'Interface', 'i0', 'ofport']), { outcome: 0, stdout: '1\n', stderr: '' }, 'the internal port got an ofport')
    const failed = await ours(mine.socket, ['add-port', 'br0', 'nosuch1'])
    t.equal(failed.outcome, 0, 'a device that failed to set up still exits 0, as in 3.1')
    t.match(failed.stderr, "vsctl: Error detected while setting up 'nosuch1': could not open network device nosuch1 (No such device).  See ovs-vswitchd log for details.")
  })

  t.test('with the reconciler stopped, -t 1 ends a waiting vsctl by SIGALRM as ovs-vsctl does', async (t) => {
    const [mine, theirs] = [await stack(t), await stack(t)]
    t.equal((await ours(mine.socket, ['add-br', 'br0'])).outcome, 0)
    t.equal((await real(theirs.socket, ['add-br', 'br0'])).outcome, 0)
    await stop(mine.reconciler)
    await stop(theirs.reconciler)
    const [actual, expected] = [await ours(mine.socket, ['-t', '1', 'add-br', 'br1']), await real(theirs.socket, ['-t', '1', 'add-br', 'br1'])]
    t.equal(expected.outcome, 'SIGALRM')
    t.match(expected.stderr, /terminating with signal 14 \(Alarm clock\)/)
    t.same(normalise(actual), normalise(expected))
  })
}
