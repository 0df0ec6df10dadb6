// One attempt at running an invocation's commands in a transaction and committing it
// (ovs-vsctl.c do_vsctl): the Open_vSwitch row (inserted when missing), the next_cfg increment,
// each command's run, the `@name` checks, the commit and the postprocess phase.

import type { Idl } from '../../client/index.js'
import { IdlTxn } from '../../client/index.js'
import type { Integer } from '../../schema/index.js'
import { Context, type InvocationState } from './context.js'
import { VsctlError } from './errors.js'
import type { VsctlLog } from './log.js'
import type { OutputTable } from './output.js'
import type { Settings } from './settings.js'
import type { ParsedCommand } from './spec.js'
import { SymbolTable } from './symbols.js'

/** What a committed (or unchanged) attempt leaves for printing and waiting. */
export interface Attempt {
  readonly outputs: { text: string; table: OutputTable | undefined }[]
  readonly changed: boolean
  readonly nextCfg: Integer
  readonly inserted: ReadonlyMap<string, string>
  readonly expectedIfaces: readonly string[]
}

/** Runs the commands once; resolves undefined when it must be retried after the database changes. */
export async function attempt(idl: Idl, commands: readonly ParsedCommand[], settings: Settings, comment: string, log: VsctlLog): Promise<Attempt | undefined> {
  const txn = new IdlTxn(idl.replica)
  txn.dryRun = settings.dryRun
  txn.comment = comment
  const ovs = txn.rows('Open_vSwitch')[0] ?? txn.insert('Open_vSwitch')
  if (settings.wait) txn.increment = { table: 'Open_vSwitch', uuid: ovs, column: 'next_cfg' }
  const state: InvocationState = { txn, schema: idl.replica.schema, symtab: new SymbolTable(), log, ovs, expectedIfaces: [], cache: undefined }
  const contexts: Context[] = []
  for (const [i, command] of commands.entries()) {
    const ctx = new Context(state, command.argv, command.options, i === commands.length - 1)
    contexts.push(ctx)
    command.spec.run?.(ctx)
    if (ctx.tryAgain) return undefined
  }
  checkSymbols(state, log)
  const result = await idl.commit(txn)
  if (result.status === 'try-again') return undefined
  if (result.status === 'error') {
    if (!/"error":"not allowed"/.test(result.error)) log.warn('ovsdb_idl', `transaction error: ${result.error}`)
    throw new VsctlError(`transaction error: ${result.error}`)
  }
  const inserted = result.status === 'success' ? result.inserted : new Map<string, string>()
  commands.forEach((command, i) => command.spec.postprocess?.(contexts[i], inserted))
  return {
    outputs: contexts.map((ctx) => ({ text: ctx.output, table: ctx.table })),
    changed: result.status === 'success',
    nextCfg: result.status === 'success' ? result.increment ?? 0 : 0,
    inserted,
    expectedIfaces: state.expectedIfaces,
  }
}

function checkSymbols(state: InvocationState, log: VsctlLog): void {
  for (const [name, symbol] of state.symtab.symbols) {
    if (!symbol.created) throw new VsctlError(`row id "${name}" is referenced but never created (e.g. with "-- --id=${name} create ...")`)
    if (symbol.strongRef) continue
    log.warn('vsctl', symbol.weakRef
      ? `row id "${name}" was created but only a weak reference to it was inserted, so it will not actually appear in the database`
      : `row id "${name}" was created but no reference to it was inserted, so it will not actually appear in the database`)
  }
}
