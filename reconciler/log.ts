// Logging for the reconciler process: one line per event on stderr in the spirit of OVS's vlog
// (`<time>|<module>|<LEVEL>|<message>`). Tests pass a logger that records or drops lines.

/** Log levels from quietest to loudest. */
export const RECONCILER_LOG_LEVELS = ['off', 'err', 'warn', 'info', 'dbg'] as const
export type ReconcilerLogLevel = (typeof RECONCILER_LOG_LEVELS)[number]

/** Where the reconciler's log lines go; `module` is a vlog module name (bridge, reconnect, bfd, ...). */
export interface ReconcilerLog {
  err(module: string, text: string): void
  warn(module: string, text: string): void
  info(module: string, text: string): void
  dbg(module: string, text: string): void
}

/** A log printing lines at `level` or quieter through `write` (default: stderr). */
export function createReconcilerLog(level: ReconcilerLogLevel, write: (line: string) => void = (line) => process.stderr.write(line)): ReconcilerLog {
  const limit = RECONCILER_LOG_LEVELS.indexOf(level)
  const emit = (at: Exclude<ReconcilerLogLevel, 'off'>) => (module: string, text: string) => {
    if (RECONCILER_LOG_LEVELS.indexOf(at) <= limit) write(`${new Date().toISOString()}|${module}|${at.toUpperCase()}|${text}\n`)
  }
  return { err: emit('err'), warn: emit('warn'), info: emit('info'), dbg: emit('dbg') }
}

/** A log that prints nothing (tests). */
export const SILENT_LOG: ReconcilerLog = createReconcilerLog('off')
