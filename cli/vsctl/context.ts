// The state one command runs against (struct vsctl_context / ctl_context): the transaction and its
// Open_vSwitch row, the `@name` symbols, the command's arguments and options, its output (text or
// a table), and typed helpers over datums so that commands read like ovs-vsctl.c.

import { makeDatum } from '../../schema/index.js'
import type { Atom, DatabaseSchema, Datum } from '../../schema/index.js'
import type { IdlTxn } from '../../client/index.js'
import type { VsctlCache } from './cache.js'
import type { VsctlLog } from './log.js'
import type { OutputTable } from './output.js'
import type { SymbolTable } from './symbols.js'

/** Shared by all commands of one invocation. */
export interface InvocationState {
  readonly txn: IdlTxn
  readonly schema: DatabaseSchema
  readonly symtab: SymbolTable
  readonly log: VsctlLog
  /** The Open_vSwitch row (inserted by this transaction when the table was empty). */
  readonly ovs: string
  /** Interfaces created by add-br/add-port/add-bond, checked after the switch reconfigures. */
  readonly expectedIfaces: string[]
  cache: VsctlCache | undefined
}

/** One command's context. */
export class Context {
  output = ''
  table: OutputTable | undefined
  tryAgain = false
  verifiedPorts = false

  constructor(
    readonly state: InvocationState,
    readonly argv: readonly string[],
    readonly options: ReadonlyMap<string, string | undefined>,
    readonly lastCommand: boolean,
  ) {}

  get txn(): IdlTxn {
    return this.state.txn
  }

  get schema(): DatabaseSchema {
    return this.state.schema
  }

  get ovs(): string {
    return this.state.ovs
  }

  /** True when option `name` (e.g. `--may-exist`) was given. */
  has(name: string): boolean {
    return this.options.has(name)
  }

  /** Drops the bridge/port/interface cache after a generic database change (invalidate_cache). */
  invalidateCache(): void {
    this.state.cache = undefined
  }

  /** The datum of `table`.`column` in row `uuid`. */
  get(table: string, uuid: string, column: string): Datum {
    return this.txn.read(table, uuid, column)
  }

  /** The first atom of a column (a scalar's value), or undefined when empty. */
  scalar(table: string, uuid: string, column: string): Atom | undefined {
    return this.get(table, uuid, column).keys[0]
  }

  /** A string column's value ("" when empty). */
  string(table: string, uuid: string, column: string): string {
    return (this.scalar(table, uuid, column) as string | undefined) ?? ''
  }

  /** The rows a reference column points to that exist (the typed IDL accessors skip dangling ones). */
  refs(table: string, uuid: string, column: string): string[] {
    const refTable = this.txn.type(table, column).key.refTable!
    return (this.get(table, uuid, column).keys as string[]).filter((ref) => this.txn.exists(refTable, ref))
  }

  /** Writes a set column from unsorted keys. */
  writeSet(table: string, uuid: string, column: string, keys: readonly Atom[]): void {
    this.txn.write(table, uuid, column, makeDatum(keys, undefined, this.txn.type(table, column)))
  }

  /** Writes a map column from unsorted keys and parallel values. */
  writeMap(table: string, uuid: string, column: string, keys: readonly Atom[], values: readonly Atom[]): void {
    this.txn.write(table, uuid, column, makeDatum(keys, values, this.txn.type(table, column)))
  }

  /** Verifies `column` of row `uuid` (ovsrec_*_verify_*). */
  verify(table: string, uuid: string, column: string): void {
    this.txn.verify(table, uuid, column)
  }
}
