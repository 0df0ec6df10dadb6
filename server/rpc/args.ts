// The switchyard-server command line: options as ovsdb-server names them where it has them
// (--remote, --pidfile, --private-key, --certificate, --ca-cert, --inactivity-probe), each
// `--name value` or `--name=value`. Several databases: the i-th --schema goes with the i-th --db.

import { dirname, join } from 'node:path'
import { dbRemoteSyntaxError, isDbRemote } from './db-remotes.js'
import { isLogLevel, LOG_LEVELS, type LogLevel } from './log.js'
import { parseRemote } from './remote.js'

/** Where the server keeps its files when told nothing (shared with vsctl and the reconciler). */
export const DEFAULT_DB_PATH = './data/conf.db'
export const DEFAULT_REMOTES = ['punix:./data/db.sock', 'ptcp:6640:127.0.0.1'] as const
export const DEFAULT_PIDFILE = './data/switchyard-server.pid'
/** The control socket of a server using the default database (`<db dir>/switchyard.ctl` in general). */
export const DEFAULT_CONTROL_PATH = './data/switchyard.ctl'
/** Where the HTTP side (server/http) listens when told nothing; `--http none` turns it off. */
export const DEFAULT_HTTP = { host: '127.0.0.1', port: 8080 } as const

/** One database to serve: its file, and the schema to create it from when absent (null: the shipped vswitch schema). */
export interface DatabaseSpec {
  readonly path: string
  readonly schemaPath: string | null
}

/** Everything the command line decides. */
export interface ServerConfig {
  readonly databases: readonly DatabaseSpec[]
  readonly remotes: readonly string[]
  readonly logLevel: LogLevel
  readonly pidfile: string | null
  readonly tls: { readonly privateKey: string; readonly certificate: string; readonly caCert: string } | null
  readonly probeIntervalMs: number | null
  readonly maxMessageBytes: number | null
  readonly maxBacklogBytes: number | null
  /** `--update-window`: see UpdateFlusher (absent: the default). */
  readonly updateWindowMs?: number | null
  /** `--busy-poll`: see BusyPoller (absent: the default). */
  readonly busyPollUs?: number | null
  /** Where HTTP listens (absent: DEFAULT_HTTP; null: `--http none`). */
  readonly http?: { readonly host: string; readonly port: number } | null
  /** Bearer token HTTP clients must present on /jsonrpc, /ws and /metrics (absent: none). */
  readonly httpToken?: string | null
  /** Every session, stream and HTTP, is read-only (`--read-only`). */
  readonly readOnly?: boolean
  /** The control socket (`--unixctl`; absent: `<dir of the first --db>/switchyard.ctl`; null: none). */
  readonly unixctl?: string | null
}

/** A bad command line; the message says what is wrong. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

/** Options taking a value; --pidfile (optional value), --read-only and --help are handled apart. */
const VALUED = ['--schema', '--db', '--remote', '--log-level', '--private-key', '--certificate', '--ca-cert', '--inactivity-probe', '--max-message-size', '--max-backlog', '--update-window', '--busy-poll', '--http', '--http-token', '--unixctl'] as const

/** The usage text printed by --help. */
export const USAGE = `usage: switchyard-server [OPTIONS]
Serves OVSDB databases (RFC 7047) as ovsdb-server does.

  --db PATH               database file, created from its schema when absent (repeatable;
                          default ${DEFAULT_DB_PATH})
  --schema FILE           schema of the database given by the --db in the same position
                          (default: the shipped vswitch.ovsschema)
  --remote REMOTE         ptcp:PORT[:IP] pssl:PORT[:IP] punix:PATH tcp:IP:PORT ssl:IP:PORT unix:PATH
                          or db:DB,TABLE,COLUMN (remotes named by that column, e.g.
                          db:Open_vSwitch,Open_vSwitch,manager_options; Manager rows get
                          is_connected/status) (repeatable; default ${DEFAULT_REMOTES.join(' and ')})
  --private-key FILE, --certificate FILE, --ca-cert FILE   PEM files for ssl/pssl remotes
  --inactivity-probe MS   idle time before an echo probe on TCP/SSL sessions (default 5000, 0 = off)
  --max-message-size N    largest accepted message in bytes (default 64 MiB)
  --max-backlog N         unsent bytes after which a session is dropped (default 128 MiB)
  --update-window MS      monitor notifications to a session within MS of its last ones are held
                          and written together, in order, in one write (default 5, 0 = each at once)
  --busy-poll US          after client traffic, keep polling the sockets for up to US microseconds
                          before sleeping; the window adapts to the traffic (default 200, 0 = off)
  --log-level LEVEL       ${LOG_LEVELS.join(', ')} (default info)
  --pidfile[=FILE]        write the process id to FILE (default ${DEFAULT_PIDFILE})
  --unixctl SOCKET        control socket for "switchyard-server ctl" and ovs-appctl -t
                          (default: switchyard.ctl beside the first database; "none" turns it off)
  --http ADDR:PORT        HTTP side: POST /jsonrpc, /ws, /metrics, /healthz, /readyz and the live
                          page (default ${DEFAULT_HTTP.host}:${DEFAULT_HTTP.port}; "none" turns it off)
  --http-token TOKEN      require "Authorization: Bearer TOKEN" on /jsonrpc, /ws and /metrics
  --read-only             refuse writes and locks on every session, as ovsdb-server's read-only remotes
  --help                  print this text

       switchyard-server ctl [--target SOCKET] COMMAND [ARG...]
  sends COMMAND (list-commands, memory/show, ovsdb-server/compact, ovsdb-server/list-remotes,
  ovsdb-server/add-remote, ovsdb-server/remove-remote, exit, ...) to a running server`

/** Parses `argv` (without node and script); `null` means --help was asked. Throws UsageError. */
export function parseServerArgs(argv: readonly string[]): ServerConfig | null {
  const values = new Map<string, string[]>()
  let pidfile: string | null = null
  let readOnly = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const eq = arg.indexOf('=')
    const name = eq > 0 && arg.startsWith('--') ? arg.slice(0, eq) : arg
    if (name === '--help') return null
    if (arg === '--read-only') {
      readOnly = true
      continue
    }
    if (name === '--pidfile') {
      pidfile = eq > 0 ? arg.slice(eq + 1) : DEFAULT_PIDFILE
      if (pidfile === '') throw new UsageError('--pidfile=: empty file name')
      continue
    }
    if (!(VALUED as readonly string[]).includes(name)) {
      throw new UsageError(arg.startsWith('-') ? `unknown option "${name}" (try --help)` : `unexpected argument "${arg}" (databases are given with --db)`)
    }
    const value = eq > 0 && name !== arg ? arg.slice(eq + 1) : argv[++i]
    if (value === undefined || value === '') throw new UsageError(`${name} needs a value`)
    values.set(name, [...(values.get(name) ?? []), value])
  }
  return { ...buildConfig(values, pidfile), readOnly }
}

function buildConfig(values: Map<string, string[]>, pidfile: string | null): ServerConfig {
  const last = (name: string) => values.get(name)?.at(-1)
  const remotes = values.get('--remote') ?? [...DEFAULT_REMOTES]
  for (const remote of remotes) {
    const dbError = isDbRemote(remote) ? dbRemoteSyntaxError(remote) : null
    if (dbError !== null) throw new UsageError(`--remote=${dbError}`)
    if (isDbRemote(remote)) continue
    try {
      parseRemote(remote)
    } catch (error) {
      throw new UsageError(`--remote=${(error as Error).message}`)
    }
  }
  const tls = tlsFiles(last('--private-key'), last('--certificate'), last('--ca-cert'))
  const secure = remotes.find((remote) => /^p?ssl:/.test(remote))
  if (secure !== undefined && tls === null) throw new UsageError(`--remote=${secure} needs --private-key, --certificate and --ca-cert`)
  const logLevel = last('--log-level') ?? 'info'
  if (!isLogLevel(logLevel)) throw new UsageError(`--log-level ${logLevel}: expected one of ${LOG_LEVELS.join(', ')}`)
  const databases = pairDatabases(values.get('--db') ?? [DEFAULT_DB_PATH], values.get('--schema') ?? [])
  return {
    databases,
    remotes,
    logLevel,
    pidfile,
    tls,
    probeIntervalMs: count('--inactivity-probe', last('--inactivity-probe')),
    maxMessageBytes: count('--max-message-size', last('--max-message-size')),
    maxBacklogBytes: count('--max-backlog', last('--max-backlog')),
    updateWindowMs: count('--update-window', last('--update-window')),
    busyPollUs: count('--busy-poll', last('--busy-poll')),
    http: httpAddress(last('--http') ?? `${DEFAULT_HTTP.host}:${DEFAULT_HTTP.port}`),
    httpToken: last('--http-token') ?? null,
    unixctl: unixctlPath(last('--unixctl'), databases[0].path),
  }
}

/** The control socket path: as given, none, or switchyard.ctl beside the first database. */
function unixctlPath(given: string | undefined, firstDb: string): string | null {
  if (given === 'none') return null
  return given ?? join(dirname(firstDb), 'switchyard.ctl')
}

/** `ADDR:PORT` (IPv6 in brackets) or `none`. */
function httpAddress(text: string): ServerConfig['http'] {
  if (text === 'none') return null
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+)):([0-9]+)$/.exec(text)
  const port = Number(match?.[3])
  if (match === null || port > 65535) throw new UsageError(`--http ${text}: expected ADDR:PORT (e.g. 127.0.0.1:8080, [::1]:8080) or none`)
  return { host: match[1] ?? match[2], port }
}

function pairDatabases(paths: readonly string[], schemas: readonly string[]): DatabaseSpec[] {
  if (schemas.length !== 0 && schemas.length !== paths.length) {
    throw new UsageError(`give one --schema per --db, in the same order, or none (got ${schemas.length} for ${paths.length})`)
  }
  if (new Set(paths).size !== paths.length) throw new UsageError('the same --db file is given twice')
  return paths.map((path, i) => ({ path, schemaPath: schemas[i] ?? null }))
}

function tlsFiles(privateKey?: string, certificate?: string, caCert?: string): ServerConfig['tls'] {
  if (privateKey === undefined && certificate === undefined && caCert === undefined) return null
  if (privateKey === undefined || certificate === undefined || caCert === undefined) {
    throw new UsageError('--private-key, --certificate and --ca-cert go together')
  }
  return { privateKey, certificate, caCert }
}

function count(name: string, text: string | undefined): number | null {
  if (text === undefined) return null
  if (!/^[0-9]+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new UsageError(`${name} ${text}: expected a non-negative integer`)
  return Number(text)
}
