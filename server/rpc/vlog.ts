// The control socket's `vlog/set` and `vlog/list`, as Open vSwitch daemons answer them
// (lib/vlog.c): a spec is words separated by spaces, commas, colons or tabs, each a module, a
// destination or a level (emer err warn info dbg off, in any case); what it leaves out means every
// module, every destination and `dbg`. The server logs to one destination, the console (stderr):
// `syslog` and `file` are refused rather than silently ignored, and PATTERN and FACILITY specs
// are not supported.

import { LOG_MODULES, type LevelledLogger, type LogLevel, type LogModule } from './log.js'

/** OVS level names and the level each sets here (we have no separate `emer`). */
const OVS_LEVELS: Readonly<Record<string, LogLevel>> = { emer: 'error', err: 'error', warn: 'warn', info: 'info', dbg: 'debug', off: 'off' }
/** How `vlog/list` names each of our levels. */
const LIST_NAMES: Readonly<Record<LogLevel, string>> = { off: 'OFF', error: 'ERR', warn: 'WARN', info: 'INFO', debug: 'DBG' }
const DESTINATIONS = ['console', 'syslog', 'file']

/**
 * Applies the `vlog/set` arguments `specs` to `log` (none: every module to `dbg`); returns the
 * error message of the first bad spec (the specs before it stay applied, as in OVS), or null.
 */
export function vlogSet(log: LevelledLogger, specs: readonly string[]): string | null {
  if (specs.length === 0) log.setLevel('debug', null)
  for (const spec of specs) {
    const error = applySpec(log, spec)
    if (error !== null) return error
  }
  return null
}

function applySpec(log: LevelledLogger, spec: string): string | null {
  const words = spec.split(/[ ,:\t]+/).filter((word) => word !== '')
  if (words.length > 0 && ['pattern', 'facility'].includes(words[0].toLowerCase())) return `${words[0].toUpperCase()} is not supported by switchyard-server`
  let module: LogModule | null = null
  let level: LogLevel | null = null
  let destination: string | null = null
  for (const word of words) {
    const lower = word.toLowerCase()
    if (lower === 'any') continue
    if (DESTINATIONS.includes(lower)) {
      if (destination !== null) return 'cannot specify multiple destinations'
      destination = lower
    } else if (Object.hasOwn(OVS_LEVELS, lower)) {
      if (level !== null) return 'cannot specify multiple levels'
      level = OVS_LEVELS[lower]
    } else if ((LOG_MODULES as readonly string[]).includes(lower)) {
      if (module !== null) return 'cannot specify multiple modules'
      module = lower as LogModule
    } else {
      return `no destination, level, or module "${word}"`
    }
  }
  if (destination !== null && destination !== 'console') return `switchyard-server logs only to the console (stderr), not to ${destination}`
  log.setLevel(level ?? 'debug', module)
  return null
}

/** The `vlog/list` table: each module's console level, as OVS prints it (one destination column). */
export function vlogList(log: LevelledLogger): string {
  const lines = LOG_MODULES.map((module) => `${module.padEnd(16)}  ${LIST_NAMES[log.levelOf(module)].padStart(4)}\n`)
  return `                 console\n                 -------\n${lines.sort().join('')}`
}
