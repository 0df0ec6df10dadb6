// A whole vsctl invocation (ovs-vsctl.c main): parse, collect prerequisites, connect and
// replicate, run the commands (again whenever a verify fails or wait-until is not yet true),
// print, then — unless --no-wait — wait for cur_cfg to reach next_cfg and report interfaces
// that failed. Returns the exit status; the caller owns the process.

import { ConnectError, Idl, parseRemoteList, SessionClosedError, type Remote } from '../../client/index.js'
import { ALL_COMMANDS, COMMANDS_BY_NAME } from './commands/index.js'
import { VsctlError, VsctlExit } from './errors.js'
import { printInfo } from './help.js'
import { VsctlLog } from './log.js'
import { TablePrinter } from './output.js'
import { escapeArgs, parseCommands, parseGlobalOptions } from './parse.js'
import { settingsFromOptions, vswitchSchema, type Settings } from './settings.js'
import { Prerequisites, type ParsedCommand } from './spec.js'
import { attempt, type Attempt } from './transaction.js'

/** Where an invocation writes, and its environment. */
export interface VsctlIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly env?: Readonly<Record<string, string | undefined>>
  readonly program?: string
}

/** The invocation's end: an exit status, or SIGALRM when --timeout expired (ovs-vsctl dies by the signal). */
export type VsctlOutcome = number | 'SIGALRM'

/** Runs one invocation with `argv` (without the program name). Never throws. */
export async function runVsctl(argv: readonly string[], io: VsctlIo): Promise<VsctlOutcome> {
  const program = io.program ?? 'vsctl'
  const log = new VsctlLog(io.stderr)
  let idl: Idl | undefined
  /** Set once the invocation has returned (its work may go on after a --timeout: it must stop). */
  let ended = false
  const opened = (next: Idl): void => {
    if (ended) {
      next.close()
      throw new VsctlError('the invocation has ended')
    }
    idl = next
  }
  try {
    const options = parseGlobalOptions(argv, ALL_COMMANDS)
    const settings = settingsFromOptions(options.global)
    if (settings.info !== undefined) return printInfo(settings.info, program, io.stdout)
    const commands = parseCommands(argv.slice(options.rest), options.local, COMMANDS_BY_NAME)
    if (settings.syslog && commands.some((c) => c.spec.mode === 'rw')) log.skip()
    const prereqs = collectPrerequisites(commands, settings, log)
    const remotes = parseRemotes(settings.db)
    const work = execute(remotes, prereqs, commands, settings, escapeArgs([program, ...argv]), log, io, opened, () => ended)
    const outcome = settings.timeout > 0 ? await withTimeout(work, settings.timeout) : await work
    if (outcome === 'SIGALRM') log.warn('fatal_signal', 'terminating with signal 14 (Alarm clock)')
    return outcome
  } catch (error) {
    if (error instanceof VsctlExit) return error.status
    if (!(error instanceof VsctlError)) throw error
    io.stderr(`${program}: ${error.message}\n`)
    return 1
  } finally {
    ended = true
    idl?.close()
  }
}

function collectPrerequisites(commands: readonly ParsedCommand[], settings: Settings, log: VsctlLog): Prerequisites {
  const schema = vswitchSchema()
  const prereqs = new Prerequisites(schema)
  prereqs.addTable('Open_vSwitch')
  if (settings.wait) prereqs.addColumn('Open_vSwitch', 'cur_cfg')
  for (const command of commands) {
    command.spec.prereq?.({ argv: command.argv, options: command.options, prereqs, schema, warn: (module, message) => log.warn(module, message) })
  }
  return prereqs
}

function parseRemotes(db: string): Remote[] {
  try {
    return parseRemoteList(db)
  } catch (error) {
    throw new VsctlError((error as Error).message)
  }
}

async function execute(
  remotes: Remote[], prereqs: Prerequisites, commands: readonly ParsedCommand[], settings: Settings,
  comment: string, log: VsctlLog, io: VsctlIo, opened: (idl: Idl) => void, hasEnded: () => boolean,
): Promise<VsctlOutcome> {
  const idl = await connect(remotes, prereqs, settings)
  opened(idl)
  let done: Attempt | undefined
  for (;;) {
    const seen = idl.seqno
    done = await attempt(idl, commands, settings, `vsctl: ${comment.slice(comment.indexOf(' ') + 1)}`, log)
    if (done !== undefined) break
    await idl.waitForChange(seen)
    if (idl.session.closed) throw new VsctlError(`${settings.db}: database connection failed (connection closed)`)
  }
  printOutputs(done, settings, io)
  if (settings.wait && done.changed) await waitForReload(idl, done, remotes, prereqs, settings, io, opened, hasEnded)
  return 0
}

async function connect(remotes: Remote[], prereqs: Prerequisites, settings: Settings): Promise<Idl> {
  try {
    return await Idl.open(remotes, prereqs.schema, prereqs.monitorSelect(), { retry: settings.retry, ssl: settings.ssl })
  } catch (error) {
    if (error instanceof ConnectError) throw new VsctlError(`${settings.db}: database connection failed (${error.reason})`)
    if (error instanceof SessionClosedError) throw new VsctlError(`${settings.db}: database connection failed (${error.message})`)
    throw error
  }
}

function printOutputs(done: Attempt, settings: Settings, io: VsctlIo): void {
  const printer = new TablePrinter(settings.style)
  let out = ''
  for (const { text, table } of done.outputs) {
    if (table !== undefined) out += printer.print(table)
    else if (settings.oneline) out += `${text.replace(/\n$/, '').replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}\n`
    else out += text
  }
  if (out !== '') io.stdout(out)
}

/**
 * Blocks until some Open_vSwitch row has cur_cfg >= next_cfg, reconnecting if the session drops
 * (but not once the invocation has ended: --timeout closed the session under it).
 */
async function waitForReload(
  idl: Idl, done: Attempt, remotes: Remote[], prereqs: Prerequisites, settings: Settings, io: VsctlIo,
  opened: (idl: Idl) => void, hasEnded: () => boolean,
): Promise<void> {
  let current = idl
  for (;;) {
    const seen = current.seqno
    for (const row of current.replica.tables.get('Open_vSwitch')?.keys() ?? []) {
      const cur = (current.replica.read('Open_vSwitch', row, 'cur_cfg').keys[0] ?? 0) as number | bigint
      if (cur >= done.nextCfg) return reportFailedIfaces(current, done, io)
    }
    await current.waitForChange(seen)
    if (current.session.closed) {
      if (hasEnded()) return
      current = await Idl.open(remotes, prereqs.schema, prereqs.monitorSelect(), { retry: true, ssl: settings.ssl })
      opened(current)
    }
  }
}

/** post_db_reload_do_checks: interfaces this invocation created that got no OpenFlow port. */
function reportFailedIfaces(idl: Idl, done: Attempt, io: VsctlIo): void {
  const program = io.program ?? 'vsctl'
  let failed = false
  for (const temp of done.expectedIfaces) {
    const uuid = done.inserted.get(temp)
    if (uuid === undefined || !idl.replica.tables.get('Interface')?.has(uuid)) continue
    const ofport = idl.replica.read('Interface', uuid, 'ofport').keys[0]
    if (ofport !== undefined && ofport !== -1) continue
    const name = idl.replica.read('Interface', uuid, 'name').keys[0] as string
    const error = (idl.replica.read('Interface', uuid, 'error').keys[0] as string | undefined) ?? ''
    io.stderr(`${program}: Error detected while setting up '${name}'${error === '' ? '' : `: ${error}`}.  See ovs-vswitchd log for details.\n`)
    failed = true
  }
  if (failed) io.stderr(`${program}: The default log directory is "${io.env?.OVS_LOGDIR ?? '/var/log/openvswitch'}".\n`)
}

function withTimeout(work: Promise<VsctlOutcome>, seconds: number): Promise<VsctlOutcome> {
  let timer: NodeJS.Timeout | undefined
  work.catch(() => undefined)
  const alarm = new Promise<VsctlOutcome>((resolve) => { timer = setTimeout(() => resolve('SIGALRM'), seconds * 1000) })
  return Promise.race([work, alarm]).finally(() => clearTimeout(timer))
}
