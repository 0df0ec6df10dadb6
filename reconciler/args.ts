// The reconciler's command line: `switchyard-reconciler [--engine sim] [--devices NAME,...]
// [--devices-file FILE] [--log-level LEVEL] [--http ADDR:PORT|none] [REMOTE]`, REMOTE defaulting to the
// server's default socket, as ovs-vswitchd takes its database remote as its one argument.

import { RECONCILER_LOG_LEVELS, type ReconcilerLogLevel } from './log.js'

/** The engines this build can drive. */
export const ENGINE_KINDS = ['sim'] as const
export type EngineKind = (typeof ENGINE_KINDS)[number]

/** The remote every Switchyard program defaults to (a Unix socket under ./data/). */
export const DEFAULT_REMOTE = 'unix:./data/db.sock'

/** Where the reconciler's /healthz and /metrics listen when told nothing (beside the server's 8080). */
export const DEFAULT_HTTP = { host: '127.0.0.1', port: 8081 } as const

/** An HTTP listening address. */
export interface HttpAddress {
  readonly host: string
  readonly port: number
}

/** A parsed command line. */
export interface ReconcilerArgs {
  readonly remote: string
  readonly engine: EngineKind
  /** System devices that exist on the sim engine. */
  readonly devices: readonly string[]
  /** A JSON file `{"devices": [{"name": …, "mac"?, "mtu"?, …}]}` declaring more devices. */
  readonly devicesFile: string | undefined
  readonly logLevel: ReconcilerLogLevel
  /** Where /healthz and /metrics listen: undefined for DEFAULT_HTTP (not given), null for `--http none`. */
  readonly http?: HttpAddress | null
}

export const USAGE = `switchyard-reconciler: the Switchyard switch reconciler (an ovs-vswitchd for the sim engine)
usage: switchyard-reconciler [OPTIONS] [REMOTE]
where REMOTE is the database (default ${DEFAULT_REMOTE}), e.g. unix:PATH or tcp:IP:PORT.

Options:
  --engine=sim             switch engine to drive (default sim)
  --devices=NAME,...       system devices the sim engine provides
  --devices-file=FILE      more devices, as JSON {"devices": [{"name": ...}, ...]}
  --log-level=LEVEL        one of ${RECONCILER_LOG_LEVELS.join(', ')} (default info)
  --http=ADDR:PORT|none    where /healthz and /metrics listen (default ${DEFAULT_HTTP.host}:${DEFAULT_HTTP.port}; "none" turns it off)
  -h, --help               display this help message`

/** Parses `argv`; returns null for --help; throws Error with a one-line message for a bad argument. */
export function parseReconcilerArgs(argv: readonly string[]): ReconcilerArgs | null {
  let remote: string | undefined
  let engine: EngineKind = 'sim'
  let devices: string[] = []
  let devicesFile: string | undefined
  let logLevel: ReconcilerLogLevel = 'info'
  let http: HttpAddress | null | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '-h' || arg === '--help') return null
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined]
    const value = (): string => {
      const next = inline ?? argv[++i]
      if (next === undefined) throw new Error(`option '${name}' requires an argument`)
      return next
    }
    if (name === '--engine') engine = oneOf(value(), ENGINE_KINDS, 'engine')
    else if (name === '--devices') devices = value().split(',').filter((device) => device !== '')
    else if (name === '--devices-file') devicesFile = value()
    else if (name === '--log-level') logLevel = oneOf(value(), RECONCILER_LOG_LEVELS, 'log level')
    else if (name === '--http') http = httpAddress(value())
    else if (arg.startsWith('-')) throw new Error(`unrecognized option '${arg}'`)
    else if (remote !== undefined) throw new Error('exactly zero or one non-option argument required; use --help for usage')
    else remote = arg
  }
  return { remote: remote ?? DEFAULT_REMOTE, engine, devices, devicesFile, logLevel, http }
}

/** `ADDR:PORT` (IPv6 in brackets) or `none`, as switchyard-server's --http. */
function httpAddress(text: string): HttpAddress | null {
  if (text === 'none') return null
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+)):([0-9]+)$/.exec(text)
  const port = Number(match?.[3])
  if (match === null || port > 65535) throw new Error(`--http ${text}: expected ADDR:PORT (e.g. 127.0.0.1:8081, [::1]:8081) or none`)
  return { host: match[1] ?? match[2], port }
}

function oneOf<T extends string>(text: string, allowed: readonly T[], what: string): T {
  if (!(allowed as readonly string[]).includes(text)) throw new Error(`unknown ${what} "${text}" (expected ${allowed.join(', ')})`)
  return text as T
}
