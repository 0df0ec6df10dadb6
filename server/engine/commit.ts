// Applies a precommitted transaction to the committed tables (OVS ovsdb_txn_complete) and builds
// its Delta in the same walk: rows, index maps, strong reference counts and the weak-referrer
// index are updated only for the rows the transaction touched.

import type { Datum, Uuid } from '../../schema/index.js'
import type { Delta, RowChange, TableDelta } from './delta.js'
import { freezeRow, type Row } from './row.js'
import type { Transaction, TxnRow, TxnTable } from './transaction.js'
import { hasWeakRefs } from './weak-refs.js'

/** Writes `txn` into its database and returns what changed (null when nothing did). */
export function applyCommit(txn: Transaction): Delta | null {
  const tables = new Map<string, TableDelta>()
  const changedRows: TxnRow[] = []
  for (const table of txn.tables.values()) {
    const delta = applyTable(table, changedRows)
    if (delta !== undefined) tables.set(table.name, delta)
  }
  for (const row of changedRows) updateWeakReferrers(txn, row)
  return tables.size === 0 ? null : { tables }
}

function applyTable(table: TxnTable, changedRows: TxnRow[]): TableDelta | undefined {
  const committed = table.committed
  const inserted = new Map<Uuid, Row>()
  const modified = new Map<Uuid, RowChange>()
  const deleted = new Map<Uuid, Row>()
  const added: Row[] = []
  for (const row of table.rows.values()) {
    if (row.new !== null) setRefCount(table, row.uuid, row.nRefs)
    if (row.old === null && row.new === null) continue
    if (row.old !== null && row.new !== null && row.changed.size === 0) continue
    changedRows.push(row)
    if (row.old !== null) removeFromIndexes(table, row.old)
    if (row.new === null) {
      committed.rows.delete(row.uuid)
      committed.refCounts.delete(row.uuid)
      deleted.set(row.uuid, row.old!)
      continue
    }
    const fresh = freezeRow(row.new)
    committed.rows.set(row.uuid, fresh)
    added.push(fresh)
    if (row.old === null) inserted.set(row.uuid, fresh)
    else modified.set(row.uuid, { old: row.old, new: fresh, changed: row.changed })
  }
  for (const row of added) committed.schema.indexes.forEach((_, i) => committed.indexes[i].set(committed.indexKey(row, i), row.uuid))
  if (inserted.size + modified.size + deleted.size === 0) return undefined
  return { inserted, modified, deleted }
}

function setRefCount(table: TxnTable, uuid: Uuid, count: number): void {
  if (count > 0) table.committed.refCounts.set(uuid, count)
  else table.committed.refCounts.delete(uuid)
}

function removeFromIndexes(table: TxnTable, row: Row): void {
  const committed = table.committed
  committed.schema.indexes.forEach((_, i) => {
    const key = committed.indexKey(row, i)
    if (committed.indexes[i].get(key) === row.uuid) committed.indexes[i].delete(key)
  })
}

/** Moves the weak references `row` held (old) to the ones it holds now (new), in the targets' tables. */
function updateWeakReferrers(txn: Transaction, row: TxnRow): void {
  const source = { table: row.table.name, uuid: row.uuid }
  for (const column of row.table.schema.columns.values()) {
    if (!hasWeakRefs(column) || (row.old !== null && row.new !== null && !row.changed.has(column.name))) continue
    const { key, value } = column.type
    const visit = (datum: Datum, count: number) => {
      if (key.refType === 'weak') for (const atom of datum.keys) countReferrer(txn, key.refTable!, atom as Uuid, source, count)
      if (value?.refType === 'weak') for (const atom of datum.values!) countReferrer(txn, value.refTable!, atom as Uuid, source, count)
    }
    if (row.old !== null) visit(row.old.fields[column.name], -1)
    if (row.new !== null) visit(row.new.fields[column.name], 1)
  }
  if (row.new === null) row.table.committed.weakReferrers.delete(row.uuid)
}

function countReferrer(txn: Transaction, table: string, target: Uuid, source: { table: string; uuid: Uuid }, count: number): void {
  const committed = txn.db.tables.get(table)!
  if (count > 0 && !committed.rows.has(target)) return
  committed.addWeakReferrer(target, source, count)
}
