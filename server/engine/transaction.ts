// A transaction's overlay on the committed database (OVS struct ovsdb_txn): only the rows it
// touches, each as a TxnRow holding the committed `old` row and the draft `new` one. Reads see the
// overlay first and the committed tables underneath; nothing is copied per table, ever.

import type { TableSchema, Uuid } from '../../schema/index.js'
import type { Database } from './database.js'
import { draftOf, type DraftRow, type Row } from './row.js'
import type { Table } from './table.js'

/** A weak reference to a deleted row that its referring row must drop at commit. @internal */
export interface DeletedRef {
  readonly table: string
  readonly uuid: Uuid
}

/**
 * A row the transaction touched (OVS struct ovsdb_txn_row), state by `old`/`new`:
 * inserted (old null), deleted (new null), modified or merely pulled in (both set), or inserted
 * then deleted (both null: kept only while commit passes run). @internal
 */
export interface TxnRow {
  readonly table: TxnTable
  readonly uuid: Uuid
  readonly old: Row | null
  new: DraftRow | null
  /** Strong references to this row once the transaction commits (maintained by integrity). */
  nRefs: number
  /** Columns whose value differs between old and new (set by `determineChanges`). */
  changed: Set<string>
  /** Weak references to rows deleted by this transaction that this row must drop. */
  readonly deletedRefs: DeletedRef[]
}

/** The rows one table has in the overlay, in the order they were touched. @internal */
export interface TxnTable {
  readonly name: string
  readonly schema: TableSchema
  readonly committed: Table
  readonly rows: Map<Uuid, TxnRow>
}

/** A named UUID of the transaction (`uuid-name`), OVS struct ovsdb_symbol. @internal */
export interface NamedUuid {
  uuid: Uuid
  /** An insert has used the name. */
  created: boolean
}

/** The overlay of one transaction over `db`. @internal */
export class Transaction {
  /** Touched tables in the order first touched (commit passes visit them in this order). */
  readonly tables = new Map<string, TxnTable>()
  /** `uuid-name` symbols (OVS ovsdb_symbol_table). */
  readonly symbols = new Map<string, NamedUuid>()

  constructor(readonly db: Database) {}

  /** The overlay of table `name` (created empty on first use). */
  table(name: string): TxnTable {
    let txnTable = this.tables.get(name)
    if (txnTable === undefined) {
      const committed = this.db.tables.get(name)!
      txnTable = { name, schema: committed.schema, committed, rows: new Map() }
      this.tables.set(name, txnTable)
    }
    return txnTable
  }

  /** The row as this transaction sees it: overlay first, then committed; undefined when absent. */
  get(table: string, uuid: Uuid): Row | undefined {
    const txnRow = this.tables.get(table)?.rows.get(uuid)
    if (txnRow !== undefined) return txnRow.new ?? undefined
    return this.db.tables.get(table)!.rows.get(uuid)
  }

  /** The overlay entry for `uuid`, pulling the committed row in unchanged when needed (OVS find_or_make_txn_row). */
  findOrMake(table: string, uuid: Uuid): TxnRow | undefined {
    const txnTable = this.table(table)
    const existing = txnTable.rows.get(uuid)
    if (existing !== undefined) return existing
    const row = txnTable.committed.rows.get(uuid)
    return row === undefined ? undefined : this.pull(txnTable, row)
  }

  /** Adds `row` as a new row of `table` (OVS ovsdb_txn_row_insert). */
  insert(table: string, row: DraftRow): void {
    const txnTable = this.table(table)
    txnTable.rows.set(row.uuid, makeTxnRow(txnTable, row.uuid, null, row, 0))
  }

  /** The draft of a visible row, to change in place (OVS ovsdb_txn_row_modify). */
  modify(table: string, row: Row): DraftRow {
    const txnTable = this.table(table)
    const txnRow = txnTable.rows.get(row.uuid) ?? this.pull(txnTable, row)
    return txnRow.new!
  }

  /** Deletes a visible row (OVS ovsdb_txn_row_delete): a row inserted by this transaction vanishes. */
  delete(table: string, row: Row): void {
    const txnTable = this.table(table)
    const txnRow = txnTable.rows.get(row.uuid) ?? this.pull(txnTable, row)
    if (txnRow.old === null) txnTable.rows.delete(row.uuid)
    else txnRow.new = null
  }

  /** True when `uuid` may name a new row of `table`: not visible and not deleted by this transaction. */
  mayCreate(table: string, uuid: Uuid): boolean {
    if (this.tables.get(table)?.rows.has(uuid)) return false
    return !this.db.tables.get(table)!.rows.has(uuid)
  }

  /** Every row of `table` this transaction sees (committed rows as overlaid, then inserted rows). */
  *scan(table: string): Generator<Row> {
    const overlay = this.tables.get(table)?.rows
    const committed = this.db.tables.get(table)!.rows
    if (overlay === undefined || overlay.size === 0) {
      yield* committed.values()
      return
    }
    for (const [uuid, row] of committed) {
      const txnRow = overlay.get(uuid)
      if (txnRow === undefined) yield row
      else if (txnRow.new !== null) yield txnRow.new
    }
    for (const txnRow of overlay.values()) if (txnRow.old === null && txnRow.new !== null) yield txnRow.new
  }

  private pull(txnTable: TxnTable, row: Row): TxnRow {
    const nRefs = txnTable.committed.refCounts.get(row.uuid) ?? 0
    const txnRow = makeTxnRow(txnTable, row.uuid, row, draftOf(row), nRefs)
    txnTable.rows.set(row.uuid, txnRow)
    return txnRow
  }
}

function makeTxnRow(table: TxnTable, uuid: Uuid, old: Row | null, draft: DraftRow | null, nRefs: number): TxnRow {
  return { table, uuid, old, new: draft, nRefs, changed: new Set(), deletedRefs: [] }
}
