// The two servers a benchmark compares, each on its own temp directory: the real ovsdb-server
// (database made by `ovsdb-tool create`) and ours (`node dist/server/main.js`, which creates its
// database from the schema). Each can be started, stopped and started again on the same files.

import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { spawnServer, type ServerProcess } from './server-process.js'

/** The repository root (bench/lib/../..). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const OUR_MAIN = join(REPO_ROOT, 'dist', 'server', 'main.js')
const OUR_MAIN_SOURCE = join(REPO_ROOT, 'server', 'main.ts')
const SBIN_DIRS = ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin']

/** One server's files, and how to run it on them. */
export interface ServerSetup {
  readonly label: 'ovsdb-server' | 'switchyard'
  readonly dir: string
  readonly socketPath: string
  /** Starts the server on this setup's database (creating it the first time). */
  start(): Promise<ServerProcess>
  /** Removes the temp directory; the server must be stopped. */
  remove(): void
}

/** The absolute path of an installed Open vSwitch program, or null. */
export function findOvsProgram(name: string): string | null {
  for (const dir of SBIN_DIRS) if (existsSync(join(dir, name))) return join(dir, name)
  return null
}

/** A real ovsdb-server 3.1 serving a fresh database of `schemaPath`. Throws when Open vSwitch is absent. */
export function realServerSetup(schemaPath: string): ServerSetup {
  const [tool, server] = [findOvsProgram('ovsdb-tool'), findOvsProgram('ovsdb-server')]
  if (tool === null || server === null) throw new Error('ovsdb-tool/ovsdb-server not installed: the comparison needs the real Open vSwitch')
  const dir = mkdtempSync(join(tmpdir(), 'sy-bench-ovsdb-'))
  const db = join(dir, 'conf.db')
  const socketPath = join(dir, 'db.sock')
  execFileSync(tool, ['create', db, schemaPath])
  const env = { ...process.env, OVS_RUNDIR: dir, OVS_LOGDIR: dir, OVS_DBDIR: dir }
  const args = [`--remote=punix:${socketPath}`, '--no-chdir', `--unixctl=${join(dir, 'ctl')}`, `--log-file=${join(dir, 'log')}`, '-vconsole:off', db]
  return {
    label: 'ovsdb-server', dir, socketPath,
    start: () => spawnServer('ovsdb-server', server, args, socketPath, env),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** Why our server cannot run yet (null when dist/server/main.js is built). */
export function ourServerUnavailable(): string | null {
  if (existsSync(OUR_MAIN)) return null
  if (existsSync(OUR_MAIN_SOURCE)) return 'server/main.ts exists but is not built: run `npm run build` first'
  return 'server/main.ts does not exist yet'
}

/** A warning when the build is older than server/main.ts (other sources may be stale too), else null. */
export function ourBuildStaleness(): string | null {
  if (!existsSync(OUR_MAIN) || !existsSync(OUR_MAIN_SOURCE)) return null
  return statSync(OUR_MAIN_SOURCE).mtimeMs > statSync(OUR_MAIN).mtimeMs ? 'dist/server/main.js is older than server/main.ts: run `npm run build`' : null
}

/**
 * Our server serving a database of `schemaPath` created on first start; `BENCH_NODE_ARGS` adds
 * options for node (e.g. `--cpu-prof --cpu-prof-dir=DIR` to profile it), `BENCH_SERVER_ARGS`
 * options for the server (e.g. `--busy-poll 0`). Throws when it is not built.
 */
export function ourServerSetup(schemaPath: string): ServerSetup {
  const reason = ourServerUnavailable()
  if (reason !== null) throw new Error(reason)
  const dir = mkdtempSync(join(tmpdir(), 'sy-bench-ours-'))
  const socketPath = join(dir, 'db.sock')
  const words = (text: string | undefined) => (text ?? '').split(' ').filter((arg) => arg !== '')
  const args = [
    ...words(process.env.BENCH_NODE_ARGS), OUR_MAIN, '--schema', schemaPath, '--db', join(dir, 'conf.db'),
    '--remote', `punix:${socketPath}`, '--http', 'none', '--log-level', 'warn', ...words(process.env.BENCH_SERVER_ARGS),
  ]
  return {
    label: 'switchyard', dir, socketPath,
    start: () => spawnServer('switchyard', process.execPath, args, socketPath),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}
