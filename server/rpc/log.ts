// Leveled logging for the server process: one line per event on stderr, in the spirit of OVS's
// vlog (`<time>|<level>|<module>|<message>`). Sessions log why they close; nothing else is chatty.

/** Log levels from quietest to loudest; a logger prints its level and every quieter one. */
export const LOG_LEVELS = ['off', 'error', 'warn', 'info', 'debug'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

/** Where log lines go. */
export interface Logger {
  error(module: string, message: string): void
  warn(module: string, message: string): void
  info(module: string, message: string): void
  debug(module: string, message: string): void
}

/** True when `text` names a LogLevel. */
export function isLogLevel(text: string): text is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(text)
}

/** A logger printing lines at `level` or quieter through `write` (default: stderr). */
export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  const limit = LOG_LEVELS.indexOf(level)
  const emit = (at: Exclude<LogLevel, 'off'>) => (module: string, message: string) => {
    if (LOG_LEVELS.indexOf(at) <= limit) write(`${new Date().toISOString()}|${at.toUpperCase()}|${module}|${message}\n`)
  }
  return { error: emit('error'), warn: emit('warn'), info: emit('info'), debug: emit('debug') }
}

/** A logger that prints nothing (tests). */
export const SILENT_LOGGER: Logger = createLogger('off')
