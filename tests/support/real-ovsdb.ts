// A private, throw-away instance of the real ovsdb-server (Open vSwitch) for differential tests:
// a temp directory holding the database file, the Unix socket, pidfile, log and unixctl socket.
// Nothing touches the system's /var/run/openvswitch.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'

/** The Open vSwitch binaries a real server needs. */
export const OVSDB_TOOLS = ['ovsdb-tool', 'ovsdb-server'] as const
export type OvsdbTool = (typeof OVSDB_TOOLS)[number]

const SEARCH_DIRS = ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin']
const START_ATTEMPTS = 500
const ATTEMPT_PAUSE_MS = 10

/** The absolute path of an Open vSwitch tool on PATH or in the usual sbin/bin folders, or null. */
export function findOvsTool(name: OvsdbTool): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...SEARCH_DIRS]
  for (const dir of dirs) {
    const path = join(dir, name)
    if (existsSync(path)) return path
  }
  return null
}

/** The tools of OVSDB_TOOLS that are not installed (empty when a real server can run). */
export function missingOvsdbTools(): OvsdbTool[] {
  return OVSDB_TOOLS.filter((tool) => findOvsTool(tool) === null)
}

/** A running private ovsdb-server. `stop` kills it by PID and removes its directory. */
export interface RealOvsdb {
  readonly dir: string
  readonly socketPath: string
  /** The PID of the process running now (a restart starts another). */
  readonly pid: number
  /** The server's log so far (useful when a test fails). */
  log(): string
  /** Stops the process by PID and starts another on the same files and socket. */
  restart(): Promise<void>
  stop(): Promise<void>
}

/** The name of the `i`th database file in a server's directory: `db`, then `db2`, `db3`... */
function dbName(i: number): string {
  return i === 0 ? 'db' : `db${i + 1}`
}

/**
 * Creates a database from each of `schemaPaths` with `ovsdb-tool create` in a fresh temp
 * directory (the first as `db`, later ones as `db2`, `db3`...) and starts one ovsdb-server serving
 * them on a private Unix socket; resolves once the socket accepts connections. Throws an Error
 * naming the missing binary when Open vSwitch is not installed.
 */
export async function startRealOvsdb(schemaPaths: string | readonly string[]): Promise<RealOvsdb> {
  const tool = requireTool('ovsdb-tool')
  const dir = mkdtempSync(join(tmpdir(), 'sy-ovsdb-'))
  const dbs = (typeof schemaPaths === 'string' ? [schemaPaths] : schemaPaths).map((schemaPath, i) => {
    const db = join(dir, dbName(i))
    const created = spawnSync(tool, ['create', db, schemaPath], { encoding: 'utf8' })
    if (created.status !== 0) {
      rmSync(dir, { recursive: true, force: true })
      throw new Error(`ovsdb-tool create ${schemaPath} failed: ${created.stderr}`)
    }
    return db
  })
  return serve(dir, dbs)
}

/** Starts ovsdb-server on the database files `dbs` in `dir` (removed when it stops for good). */
async function serve(dir: string, dbs: readonly string[]): Promise<RealOvsdb> {
  const server = requireTool('ovsdb-server')
  const socketPath = join(dir, 'db.sock')
  let stderr = ''
  const launch = async (): Promise<{ child: ChildProcess; stopped: Promise<void> }> => {
    const child = spawn(server, [
      `--remote=punix:${socketPath}`, '--no-chdir', `--pidfile=${join(dir, 'pid')}`,
      `--log-file=${join(dir, 'log')}`, `--unixctl=${join(dir, 'ctl')}`, ...dbs,
    ], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, OVS_RUNDIR: dir, OVS_LOGDIR: dir, OVS_DBDIR: dir } })
    child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
    const stopped = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    await waitForSocket(socketPath, stopped).catch(async (error: unknown) => {
      await kill(child, stopped)
      throw error
    })
    return { child, stopped }
  }
  let running = await launch().catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true })
    throw error
  })
  return {
    dir,
    socketPath,
    get pid() {
      return running.child.pid ?? -1
    },
    log: () => (existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8') : '') + stderr,
    async restart() {
      await kill(running.child, running.stopped)
      running = await launch()
    },
    async stop() {
      await kill(running.child, running.stopped)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

function requireTool(name: OvsdbTool): string {
  const path = findOvsTool(name)
  if (path === null) throw new Error(`${name} not installed (Open vSwitch is needed for differential tests)`)
  return path
}

/** Stops the server process `child` by its PID (SIGTERM) and waits until it has exited. */
async function kill(child: ChildProcess, stopped: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
    process.kill(child.pid, 'SIGTERM')
    await stopped
  }
}

/** Polls until `path` accepts a connection; rejects if the server exits first or never listens. */
async function waitForSocket(path: string, stopped: Promise<void>): Promise<void> {
  let exited = false
  void stopped.then(() => { exited = true })
  for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
    if (exited) throw new Error('ovsdb-server exited before listening')
    if (existsSync(path) && (await canConnect(path))) return
    await new Promise((resolve) => setTimeout(resolve, ATTEMPT_PAUSE_MS))
  }
  throw new Error(`ovsdb-server did not listen on ${path}`)
}

function canConnect(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path)
    socket.once('connect', () => { socket.destroy(); resolve(true) })
    socket.once('error', () => resolve(false))
  })
}
