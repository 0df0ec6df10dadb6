// The switch stacks the reconciler benchmark compares, each a database server plus the process that
// drives the switch for it, on its own temp directory: the real ovsdb-server + real ovs-vswitchd
// (userspace, dummy datapath), our server + our reconciler (sim engine), and the real ovsdb-server +
// our reconciler. Every process is started directly (its PID is the one /proc is read for) and stopped by PID.

import { execFile, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { spawnServer, type ServerProcess } from './server-process.js'
import { REPO_ROOT, findOvsProgram, ourServerSetup, realServerSetup, type ServerSetup } from './servers.js'

const exec = promisify(execFile)
const OUR_RECONCILER = join(REPO_ROOT, 'dist', 'reconciler', 'main.js')
const VSCTL_TIMEOUT_S = 120
const STOP_GRACE_MS = 10_000

/** Which server and which switch daemon a stack runs. */
export const STACK_KINDS = ['ovs', 'ours', 'ours-on-ovsdb'] as const
export type StackKind = (typeof STACK_KINDS)[number]

/** A running server + switch daemon pair. */
export interface SwitchStack {
  readonly kind: StackKind
  readonly label: string
  readonly socketPath: string
  readonly serverPid: number
  readonly daemonPid: number
  /** The datapath_type its bridges get: dummy for ovs-vswitchd, netdev for the sim engine. */
  readonly datapathType: 'dummy' | 'netdev'
  /** Runs `ovs-vsctl ARGS` against the stack (waiting unless ARGS say --no-wait); resolves with stdout. */
  vsctl(...args: string[]): Promise<string>
  /** Stops the daemon, then the server, by PID, and removes the files. */
  stop(): Promise<void>
}

/** A child process known by its PID. */
interface Daemon {
  readonly pid: number
  stop(): Promise<void>
}

/** Starts a stack of `kind`; rejects (stopping what it started) when a program is missing or fails. */
export async function startStack(kind: StackKind, schemaPath: string): Promise<SwitchStack> {
  const vsctlPath = findOvsProgram('ovs-vsctl')
  if (vsctlPath === null) throw new Error('ovs-vsctl not installed')
  if (kind !== 'ovs' && !existsSync(OUR_RECONCILER)) throw new Error('dist/reconciler/main.js missing: run `npm run build` first')
  const setup = kind === 'ours' ? ourServerSetup(schemaPath) : realServerSetup(schemaPath)
  const server = await setup.start()
  const vsctl = (...args: string[]) => runVsctl(vsctlPath, server.socketPath, setup.dir, args)
  let daemon: Daemon | null = null
  try {
    await vsctl('--no-wait', 'init')
    daemon = kind === 'ovs' ? await startVswitchd(setup, server) : startReconciler(server)
    await vsctl('set', 'Open_vSwitch', '.', 'external_ids:bench=ready')
  } catch (error) {
    await daemon?.stop()
    await server.stop()
    setup.remove()
    throw error
  }
  const running = daemon
  return {
    kind, label: LABELS[kind], socketPath: server.socketPath, serverPid: server.pid, daemonPid: running.pid,
    datapathType: kind === 'ovs' ? 'dummy' : 'netdev', vsctl,
    stop: async () => {
      await running.stop()
      await server.stop()
      setup.remove()
    },
  }
}

const LABELS: Record<StackKind, string> = {
  ovs: 'ovsdb-server + ovs-vswitchd',
  ours: 'switchyard server + reconciler',
  'ours-on-ovsdb': 'ovsdb-server + switchyard reconciler',
}

/** Runs ovs-vsctl on `socketPath`; resolves with stdout, rejects with a short message (the first arguments and stderr). */
async function runVsctl(program: string, socketPath: string, dir: string, args: readonly string[]): Promise<string> {
  try {
    return (await exec(program, [`--db=unix:${socketPath}`, `--timeout=${VSCTL_TIMEOUT_S}`, ...args], { env: ovsEnv(dir), maxBuffer: 64 * 2 ** 20 })).stdout
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error)
    throw new Error(`ovs-vsctl ${args.slice(0, 6).join(' ')}${args.length > 6 ? ' ...' : ''}: ${stderr.trim()}`)
  }
}

function ovsEnv(dir: string): NodeJS.ProcessEnv {
  return { ...process.env, OVS_RUNDIR: dir, OVS_LOGDIR: dir, OVS_DBDIR: dir, OVS_SYSCONFDIR: dir }
}

/** ovs-vswitchd in the foreground (no --detach, so the child's PID is the daemon's), ready when its unixctl socket accepts. */
async function startVswitchd(setup: ServerSetup, server: ServerProcess): Promise<Daemon> {
  const program = findOvsProgram('ovs-vswitchd')
  if (program === null) throw new Error('ovs-vswitchd not installed')
  const ctl = join(setup.dir, 'ovs-vswitchd.ctl')
  const args = [
    `unix:${server.socketPath}`, '--enable-dummy', '--disable-system', '-vconsole:off', '-vsyslog:off',
    `--log-file=${join(setup.dir, 'ovs-vswitchd.log')}`, `--unixctl=${ctl}`, '--no-chdir',
  ]
  return spawnServer('ovs-vswitchd', program, args, ctl, ovsEnv(setup.dir))
}

/** Our built reconciler (`node dist/reconciler/main.js`) on the sim engine, following `server`. */
function startReconciler(server: ServerProcess): Daemon {
  const child = spawn(process.execPath, [OUR_RECONCILER, '--log-level=err', `unix:${server.socketPath}`], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  if (child.pid === undefined) throw new Error('could not spawn the reconciler')
  const pid = child.pid
  return {
    pid,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return
      process.kill(pid, 'SIGTERM')
      const timer = setTimeout(() => { if (child.exitCode === null) process.kill(pid, 'SIGKILL') }, STOP_GRACE_MS)
      await exited
      clearTimeout(timer)
    },
  }
}
