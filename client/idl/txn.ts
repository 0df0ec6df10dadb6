// An IDL transaction (lib/ovsdb-idl.c ovsdb_idl_txn_*): reads see the replica overlaid with this
// transaction's writes; writes, inserts, deletes, verifies, partial map/set updates and a counter
// increment are turned into one `transact` request at commit, in the C IDL's order — verify waits,
// the singleton wait, row operations, the increment's mutate+select, the comment, `abort` for a dry run.

import { defaultDatum, isRootTable } from '../../schema/index.js'
import type { Atom, ColumnType, Datum } from '../../schema/index.js'
import type { Operation } from '../transact.js'
import { columnType, type Replica, type RowData } from './replica.js'
import { randomUuid } from './uuid.js'
import { TxnOps } from './txn-ops.js'

/** A row touched by the transaction (struct ovsdb_idl_row's txn fields). */
export interface TxnRow {
  readonly table: string
  readonly uuid: string
  /** The committed columns; undefined for a row this transaction inserts. */
  readonly old: RowData | undefined
  /** The columns as this transaction leaves them; undefined once deleted. */
  new: RowData | undefined
  readonly written: Set<string>
  readonly prereqs: Set<string>
  /** Keyed partial updates per column (map: key → value or undefined for delete; set: key → key). */
  readonly partial: Map<string, Map<Atom, { value: Atom | undefined; existed: boolean }>>
  readonly persistUuid: boolean
}

/** A transaction over a Replica. Nothing is sent until `operations()` is used by a commit. */
export class IdlTxn {
  readonly rowsTouched = new Map<string, TxnRow>()
  private readonly inserted: string[] = []
  increment: { table: string; uuid: string; column: string } | undefined
  comment = ''
  dryRun = false

  constructor(readonly replica: Replica) {}

  /** UUIDs of the rows of `table` that exist in this transaction's view, committed rows first. */
  rows(table: string): string[] {
    const out: string[] = []
    for (const uuid of this.replica.tables.get(table)?.keys() ?? []) if (this.rowsTouched.get(uuid)?.new !== undefined || !this.rowsTouched.has(uuid)) out.push(uuid)
    for (const uuid of this.inserted) {
      const row = this.rowsTouched.get(uuid)
      if (row !== undefined && row.table === table && row.new !== undefined) out.push(uuid)
    }
    return out
  }

  /** True when row `uuid` of `table` exists in this transaction's view. */
  exists(table: string, uuid: string): boolean {
    const row = this.rowsTouched.get(uuid)
    if (row !== undefined) return row.table === table && row.new !== undefined
    return this.replica.tables.get(table)?.has(uuid) ?? false
  }

  /** The datum of `column` as this transaction sees it. */
  read(table: string, uuid: string, column: string): Datum {
    const row = this.rowsTouched.get(uuid)
    const datum = row?.new?.get(column) ?? (row === undefined ? this.replica.tables.get(table)?.get(uuid)?.get(column) : row.old?.get(column))
    return datum ?? defaultDatum(this.type(table, column))
  }

  /** Inserts a row (all columns default); returns its UUID (`uuid` when given, else a new random one). */
  insert(table: string, uuid?: string, persistUuid = false): string {
    const id = uuid ?? randomUuid()
    this.rowsTouched.set(id, { table, uuid: id, old: undefined, new: new Map(), written: new Set(), prereqs: new Set(), partial: new Map(), persistUuid })
    this.inserted.push(id)
    return id
  }

  /** Sets `column` of a row that exists in this view. */
  write(table: string, uuid: string, column: string, datum: Datum): void {
    const row = this.touch(table, uuid)
    if (row.new === undefined) throw new Error(`write to deleted row ${uuid}`)
    if (row.new === row.old) row.new = new Map(row.old)
    row.new.set(column, datum)
    row.written.add(column)
  }

  /** Records that `column` of a committed row was read, so commit fails (and retries) if another client changed it. */
  verify(table: string, uuid: string, column: string): void {
    const touched = this.rowsTouched.get(uuid)
    if (touched !== undefined && (touched.old === undefined || touched.written.has(column))) return
    if (touched === undefined && !this.replica.tables.get(table)?.has(uuid)) return
    this.touch(table, uuid).prereqs.add(column)
  }

  /** Deletes a row; a row inserted by this transaction simply disappears. */
  delete(table: string, uuid: string): void {
    const row = this.touch(table, uuid)
    if (row.old === undefined) {
      this.rowsTouched.delete(uuid)
      return
    }
    row.new = undefined
  }

  /** Adds or replaces map entries (or adds set members) with a `mutate`, without verifying the column. */
  writePartial(table: string, uuid: string, column: string, datum: Datum): void {
    const row = this.touch(table, uuid)
    const current = this.read(table, uuid, column)
    const ops = row.partial.get(column) ?? new Map()
    datum.keys.forEach((key, i) => ops.set(key, { value: datum.values?.[i] ?? key, existed: current.keys.includes(key) }))
    row.partial.set(column, ops)
  }

  /** True when `column` may be written in row `uuid`: mutable columns, or any column of a new row. */
  isMutable(table: string, uuid: string, column: string): boolean {
    const mutable = this.replica.schema.tables.get(table)?.columns.get(column)?.mutable ?? true
    const row = this.rowsTouched.get(uuid)
    return mutable || (row !== undefined && row.old === undefined)
  }

  /** The type of `table`.`column` in the replica's schema. */
  type(table: string, column: string): ColumnType {
    return columnType(this.replica.schema, table, column)
  }

  /**
   * The operations to send, or undefined when nothing would change (TXN_UNCHANGED: the C IDL then
   * sends nothing). `insertIndex` maps each inserted row to its op's index; `incrementIndex` is
   * the index of the increment's mutate.
   */
  operations(): { ops: Operation[]; insertIndex: Map<string, number>; incrementIndex: number | undefined } | undefined {
    const builder = new TxnOps(this)
    return builder.build(isRootTable)
  }

  /** Row touched by this transaction, created from the replica on first touch. */
  private touch(table: string, uuid: string): TxnRow {
    let row = this.rowsTouched.get(uuid)
    if (row === undefined) {
      const old = this.replica.tables.get(table)?.get(uuid)
      if (old === undefined) throw new Error(`no row ${uuid} in ${table}`)
      row = { table, uuid, old, new: old, written: new Set(), prereqs: new Set(), partial: new Map(), persistUuid: false }
      this.rowsTouched.set(uuid, row)
    }
    return row
  }
}
