// Command-line parsing as ovs-vsctl does it: global options with getopt_long's rules (unique
// prefixes, `--opt=value` or `--opt value`, stop at the first non-option), per-command options
// before each command name, commands chained with `--` (lib/db-ctl-base.c ctl_parse_commands).

import type { Context } from './context.js'
import { VsctlError } from './errors.js'
import type { CommandSpec, ParsedCommand } from './spec.js'

/** A global long option: its name, whether it takes an argument, and its short letter if any. */
interface LongOption {
  readonly name: string
  readonly arg: 'none' | 'required' | 'optional'
  readonly short?: string
}

const GLOBAL_OPTIONS: readonly LongOption[] = [
  { name: 'db', arg: 'required' }, { name: 'no-syslog', arg: 'none' }, { name: 'no-wait', arg: 'none' },
  { name: 'dry-run', arg: 'none' }, { name: 'oneline', arg: 'none' }, { name: 'timeout', arg: 'required', short: 't' },
  { name: 'retry', arg: 'none' }, { name: 'help', arg: 'none', short: 'h' }, { name: 'commands', arg: 'none' },
  { name: 'options', arg: 'none' }, { name: 'leader-only', arg: 'none' }, { name: 'no-leader-only', arg: 'none' },
  { name: 'shuffle-remotes', arg: 'none' }, { name: 'no-shuffle-remotes', arg: 'none' }, { name: 'version', arg: 'none', short: 'V' },
  { name: 'verbose', arg: 'optional', short: 'v' }, { name: 'log-file', arg: 'optional' }, { name: 'syslog-method', arg: 'required' },
  { name: 'syslog-target', arg: 'required' }, { name: 'format', arg: 'required', short: 'f' }, { name: 'data', arg: 'required', short: 'd' },
  { name: 'no-headings', arg: 'none' }, { name: 'pretty', arg: 'none' }, { name: 'bare', arg: 'none' },
  { name: 'max-column-width', arg: 'required' }, { name: 'private-key', arg: 'required', short: 'p' },
  { name: 'certificate', arg: 'required', short: 'c' }, { name: 'ca-cert', arg: 'required', short: 'C' },
  { name: 'ssl-protocols', arg: 'required' }, { name: 'ssl-ciphers', arg: 'required' },
  { name: 'bootstrap-ca-cert', arg: 'required' }, { name: 'peer-ca-cert', arg: 'required' },
]

/** The `--options` listing: every long option, and its short form (ctl_print_options). */
export function optionsListing(): string {
  return GLOBAL_OPTIONS.map((o) => {
    const arg = o.arg === 'none' ? '' : '=ARG'
    const short = o.short === undefined ? '' : `-${o.short}${o.arg === 'none' ? '' : ' ARG'}\n`
    return `--${o.name}${arg}\n${short}`
  }).join('')
}

/** Global options in the order given: name (long form) and value. */
export interface ParsedOptions {
  readonly global: [string, string | undefined][]
  /** Command options given before the first command (`vsctl --may-exist add-br x`). */
  readonly local: Map<string, string | undefined>
  /** Index in argv of the first command word. */
  readonly rest: number
}

/** getopt_long over `argv` (without the program name); throws VsctlError with getopt's wording. */
export function parseGlobalOptions(argv: readonly string[], commands: readonly CommandSpec[]): ParsedOptions {
  const options = [...GLOBAL_OPTIONS, ...localOptions(commands)]
  const global: [string, string | undefined][] = []
  const local = new Map<string, string | undefined>()
  let i = 0
  while (i < argv.length) {
    const word = argv[i]
    if (word === '--') return { global, local, rest: i + 1 }
    if (!word.startsWith('-') || word === '-') break
    i++
    if (word.startsWith('--')) {
      const { option, value, next } = parseLong(word, argv, i, options)
      i = next
      if (GLOBAL_OPTIONS.includes(option)) global.push([option.name, value])
      else local.set(`--${option.name}`, value)
      continue
    }
    for (let j = 1; j < word.length; j++) {
      const option = GLOBAL_OPTIONS.find((o) => o.short === word[j])
      if (option === undefined) throw new VsctlError(`invalid option -- '${word[j]}'`)
      if (option.arg === 'none') {
        global.push([option.name, undefined])
        continue
      }
      let value: string | undefined = word.slice(j + 1)
      if (value === '' && option.arg === 'required') {
        if (i >= argv.length) throw new VsctlError(`option requires an argument -- '${word[j]}'`)
        value = argv[i++]
      }
      global.push([option.name, value === '' ? undefined : value])
      break
    }
  }
  return { global, local, rest: i }
}

function parseLong(word: string, argv: readonly string[], i: number, options: readonly LongOption[]): { option: LongOption; value: string | undefined; next: number } {
  const eq = word.indexOf('=')
  const name = word.slice(2, eq < 0 ? undefined : eq)
  const exact = options.find((o) => o.name === name)
  const candidates = exact ? [exact] : options.filter((o) => o.name.startsWith(name))
  if (candidates.length === 0) throw new VsctlError(`unrecognized option '${word}'`)
  if (candidates.length > 1) throw new VsctlError(`option '${word}' is ambiguous; possibilities:${candidates.map((o) => ` '--${o.name}'`).join('')}`)
  const option = candidates[0]
  if (eq >= 0) {
    if (option.arg === 'none') throw new VsctlError(`option '--${option.name}' doesn't allow an argument`)
    return { option, value: word.slice(eq + 1), next: i }
  }
  if (option.arg !== 'required') return { option, value: undefined, next: i }
  if (i >= argv.length) throw new VsctlError(`option '--${option.name}' requires an argument`)
  return { option, value: argv[i], next: i + 1 }
}

/** Every command option, as getopt long options (ctl_add_cmd_options). */
function localOptions(commands: readonly CommandSpec[]): LongOption[] {
  const seen = new Map<string, LongOption>()
  for (const spec of commands) {
    for (const item of spec.options.split(',').filter((o) => o !== '')) {
      const name = item.slice(2).replace(/[=?]$/, '')
      seen.set(name, { name, arg: item.endsWith('=') ? 'required' : item.endsWith('?') ? 'optional' : 'none' })
    }
  }
  return [...seen.values()]
}

/** Splits `argv` at `--` into commands and validates each (ctl_parse_commands). */
export function parseCommands(argv: readonly string[], local: Map<string, string | undefined>, commands: ReadonlyMap<string, CommandSpec>): ParsedCommand[] {
  const parsed: ParsedCommand[] = []
  let pending: Map<string, string | undefined> | undefined = local
  let start = 0
  for (let i = 0; i <= argv.length; i++) {
    if (i < argv.length && argv[i] !== '--') continue
    if (i > start) {
      parsed.push(parseCommand(argv.slice(start, i), pending ?? new Map(), commands))
      pending = undefined
    } else if (pending !== undefined && pending.size > 0) {
      throw new VsctlError('missing command name (use --help for help)')
    }
    start = i + 1
  }
  if (parsed.length === 0) throw new VsctlError('missing command name (use --help for help)')
  return parsed
}

function parseCommand(words: readonly string[], options: Map<string, string | undefined>, commands: ReadonlyMap<string, CommandSpec>): ParsedCommand {
  let i = 0
  for (; i < words.length && words[i].startsWith('-'); i++) {
    const eq = words[i].indexOf('=')
    const key = eq < 0 ? words[i] : words[i].slice(0, eq)
    if (options.has(key)) throw new VsctlError(`'${words[i]}' option specified multiple times`)
    options.set(key, eq < 0 ? undefined : words[i].slice(eq + 1))
  }
  if (i === words.length) throw new VsctlError('missing command name (use --help for help)')
  const name = words[i]
  const spec = commands.get(name)
  if (spec === undefined) throw new VsctlError(`unknown command '${name}'; use --help for help`)
  for (const [option, value] of options) checkOption(spec, name, option, value)
  const argc = words.length - i - 1
  if (argc < spec.minArgs) throw new VsctlError(`'${spec.name}' command requires at least ${spec.minArgs} arguments`)
  if (argc > spec.maxArgs) {
    const note = words.slice(i + 1).some((w) => w.startsWith('-')) ? ' (note that options must precede command names and follow a "--" argument)' : ''
    throw new VsctlError(`'${spec.name}' command takes at most ${spec.maxArgs} arguments${note}`)
  }
  return { spec, argv: words.slice(i), options }
}

function checkOption(spec: CommandSpec, name: string, option: string, value: string | undefined): void {
  const at = spec.options.indexOf(option)
  const end = at < 0 ? undefined : spec.options[at + option.length] ?? ''
  if (end === undefined || !'=,? '.includes(end)) throw new VsctlError(`'${name}' command has no '${option}' option`)
  if (end !== '?' && (end === '=') !== (value !== undefined)) {
    throw new VsctlError(end === '=' ? `missing argument to '${option}' option on '${name}' command` : `'${option}' option on '${name}' does not accept an argument`)
  }
}

/** An argument vector as one shell-like string (process_escape_args). */
export function escapeArgs(argv: readonly string[]): string {
  return argv.map((arg) => (/[ \t\r\n\v\\'"]/.test(arg) ? `"${arg.replace(/[\\"]/g, '\\$&')}"` : arg)).join(' ')
}

/** A command with its options, as quoted in "--may-exist" errors (vsctl_context_to_string). */
export function commandToString(ctx: Context): string {
  return escapeArgs([...ctx.options.keys(), ...ctx.argv])
}
