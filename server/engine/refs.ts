// Commit passes for strong references (OVS ovsdb/transaction.c update_ref_counts,
// collect_garbage): reference counts are adjusted only for the atoms a transaction added or
// removed, so the work is proportional to the change, never to the size of a table.

import { isStrongRef, type ColumnSchema, type Datum, type Uuid } from '../../schema/index.js'
import { addedRemoved } from './datum-ops.js'
import { internalError, ovsdbError } from './errors.js'
import type { Transaction, TxnRow } from './transaction.js'
import { forEachTxnRow } from './txn-rows.js'

/**
 * Adjusts `nRefs` of every row referenced by changed strong-reference columns, then checks that
 * no deleted row is still referenced. Throws `referential integrity violation` ("Table T column
 * c row U references nonexistent row V in table R." / "cannot delete T row U because of N
 * remaining reference(s)").
 */
export function updateRefCounts(txn: Transaction): void {
  forEachTxnRow(txn, (row) => updateRowRefCounts(txn, row))
  forEachTxnRow(txn, (row) => {
    if (row.new === null && row.nRefs > 0) {
      throw ovsdbError(
        'referential integrity violation',
        `cannot delete ${row.table.name} row ${row.uuid} because of ${row.nRefs} remaining reference(s)`,
      )
    }
  })
}

/** Deletes rows of non-root tables that nothing references any more, cascading (OVS collect_garbage). */
export function collectGarbage(txn: Transaction): void {
  forEachTxnRow(txn, (row) => {
    if (row.new !== null && row.nRefs === 0) deleteGarbageRow(txn, row)
  })
}

function updateRowRefCounts(txn: Transaction, row: TxnRow): void {
  for (const column of row.table.schema.columns.values()) {
    if (!row.changed.has(column.name) || !hasStrongRefs(column)) continue
    if (row.old !== null && row.new === null) {
      adjust(txn, row, column, row.old.fields[column.name], -1, true)
    } else if (row.old === null && row.new !== null) {
      adjust(txn, row, column, row.new.fields[column.name], 1, false)
    } else if (row.old !== null && row.new !== null) {
      const { added, removed } = addedRemoved(row.old.fields[column.name], row.new.fields[column.name], column.type)
      adjust(txn, row, column, removed, -1, true)
      adjust(txn, row, column, added, 1, false)
    }
  }
}

/** Adds `delta` to the count of every row `datum` refers to strongly (self-references excepted). */
function adjust(txn: Transaction, row: TxnRow, column: ColumnSchema, datum: Datum, delta: number, removing: boolean): void {
  forEachStrongRef(column, datum, (table, uuid) => {
    if (uuid === row.uuid) return
    const target = txn.findOrMake(table, uuid)
    if (target === undefined) {
      if (removing) throw internalError(new Error('error decreasing refcount'))
      throw ovsdbError(
        'referential integrity violation',
        `Table ${row.table.name} column ${column.name} row ${row.uuid} references nonexistent row ${uuid} in table ${table}.`,
      )
    }
    target.nRefs += delta
  })
}

function deleteGarbageRow(txn: Transaction, row: TxnRow): void {
  if (txn.db.roots.has(row.table.name)) return
  const gone = row.new!
  row.new = null
  for (const column of row.table.schema.columns.values()) {
    forEachStrongRef(column, gone.fields[column.name], (table, uuid) => {
      if (uuid === row.uuid) return
      const target = txn.findOrMake(table, uuid)
      if (target === undefined || target.nRefs === 0 || target.new === null) {
        throw internalError(new Error(`garbage collection lost track of ${table} row ${uuid}`))
      }
      if (--target.nRefs === 0) deleteGarbageRow(txn, target)
    })
  }
}

/** True when the column's keys or values are strong references. */
function hasStrongRefs(column: ColumnSchema): boolean {
  return isStrongRef(column.type.key) || isStrongRef(column.type.value)
}

/** Calls `visit(refTable, uuid)` for each strong-reference atom of `datum` (keys, then values). */
function forEachStrongRef(column: ColumnSchema, datum: Datum, visit: (table: string, uuid: Uuid) => void): void {
  const { key, value } = column.type
  if (isStrongRef(key)) for (const atom of datum.keys) visit(key.refTable!, atom as Uuid)
  if (value !== undefined && isStrongRef(value)) for (const atom of datum.values!) visit(value.refTable!, atom as Uuid)
}
