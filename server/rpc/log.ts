// Leveled logging for the server process: one line per event on stderr, in the spirit of OVS's
// vlog (`<time>|<level>|<module>|<message>`). Sessions log why they close; nothing else is chatty.
// Each module has its own level, which `vlog/set` on the control socket changes at run time.

/** Log levels from quietest to loudest; a logger prints its level and every quieter one. */
export const LOG_LEVELS = ['off', 'error', 'warn', 'info', 'debug'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

/** The modules the server logs under. */
export const LOG_MODULES = ['control', 'http', 'jsonrpc', 'listener', 'main', 'remotes', 'rpc', 'storage'] as const
export type LogModule = (typeof LOG_MODULES)[number]

/** Where log lines go. */
export interface Logger {
  error(module: LogModule, message: string): void
  warn(module: LogModule, message: string): void
  info(module: LogModule, message: string): void
  debug(module: LogModule, message: string): void
}

/** A logger whose levels can be read and changed per module. */
export interface LevelledLogger extends Logger {
  levelOf(module: LogModule): LogLevel
  /** Sets the level of `module`, or of every module when it is null. */
  setLevel(level: LogLevel, module: LogModule | null): void
}

/** True when `text` names a LogLevel. */
export function isLogLevel(text: string): text is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(text)
}

/** A logger printing lines at `level` or quieter (every module alike at first) through `write` (default: stderr). */
export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stderr.write(line)): LevelledLogger {
  const limits = new Map<LogModule, number>(LOG_MODULES.map((module) => [module, LOG_LEVELS.indexOf(level)]))
  const emit = (at: Exclude<LogLevel, 'off'>) => {
    const rank = LOG_LEVELS.indexOf(at)
    const tag = at.toUpperCase()
    return (module: LogModule, message: string) => {
      if (rank <= limits.get(module)!) write(`${new Date().toISOString()}|${tag}|${module}|${message}\n`)
    }
  }
  return {
    error: emit('error'), warn: emit('warn'), info: emit('info'), debug: emit('debug'),
    levelOf: (module) => LOG_LEVELS[limits.get(module)!],
    setLevel: (to, module) => {
      for (const each of module === null ? LOG_MODULES : [module]) limits.set(each, LOG_LEVELS.indexOf(to))
    },
  }
}

/** A logger that prints nothing (tests). */
export const SILENT_LOGGER: Logger = createLogger('off')
