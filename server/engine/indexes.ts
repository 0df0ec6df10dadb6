// Commit pass for schema indexes (OVS ovsdb/transaction.c check_index_uniqueness): every row the
// transaction leaves in place is checked against the rows checked before it and against the
// committed index, with ovsdb-server's long "First row ... Second row ..." explanation.

import { compareDatums, datumEquals, datumToString } from '../../schema/index.js'
import { allColumns } from './columns.js'
import { ovsdbError } from './errors.js'
import { rowDatum, type Row } from './row.js'
import type { Transaction, TxnRow, TxnTable } from './transaction.js'
import { forEachTxnRow } from './txn-rows.js'

/** Throws `constraint violation` when two rows would share the values of some index. */
export function checkIndexes(txn: Transaction): void {
  const seen = new Map<TxnTable, Map<string, TxnRow>[]>()
  forEachTxnRow(txn, (row) => {
    if (row.new === null || row.table.schema.indexes.length === 0) return
    let local = seen.get(row.table)
    if (local === undefined) {
      local = row.table.schema.indexes.map(() => new Map<string, TxnRow>())
      seen.set(row.table, local)
    }
    row.table.schema.indexes.forEach((_, i) => checkRow(row, i, local![i]))
  })
}

function checkRow(row: TxnRow, i: number, local: Map<string, TxnRow>): void {
  const committed = row.table.committed
  const key = committed.indexKey(row.new!, i)
  const earlier = local.get(key)
  if (earlier !== undefined) throw duplicate(row.table, i, earlier.new!, row.new!)
  const holder = committed.indexes[i].get(key)
  if (holder !== undefined && !row.table.rows.has(holder)) {
    throw duplicate(row.table, i, committed.rows.get(holder)!, row.new!)
  }
  local.set(key, row)
}

function duplicate(table: TxnTable, i: number, x: Row, y: Row): Error {
  const [a, b] = compareAll(table, x, y) < 0 ? [y, x] : [x, y]
  const columns = table.schema.indexes[i]
  const what = `${columns.length > 1 ? 'columns' : 'column'} ${englishList(columns.map((name) => `"${name}"`))}`
  return ovsdbError(
    'constraint violation',
    `Transaction causes multiple rows in "${table.name}" table to have identical values (${indexValues(table, i, a)}) ` +
      `for index on ${what}.  ${describe(table, i, a, 'First')}  ${describe(table, i, b, 'Second')}`,
  )
}

/** How row `row` came to be in the transaction, as duplicate_index_row__ words it. */
function describe(table: TxnTable, i: number, row: Row, title: string): string {
  const head = `${title} row, with UUID ${row.uuid}, `
  const txnRow = table.rows.get(row.uuid)
  if (txnRow === undefined || txnRow.changed.size === 0) {
    return head + 'existed in the database before this transaction and was not modified by the transaction.'
  }
  if (txnRow.old === null) return head + 'was inserted by this transaction.'
  const old = txnRow.old
  if (table.schema.indexes[i].every((column) => datumEquals(rowDatum(old, column), rowDatum(row, column)))) {
    return head + "existed in the database before this transaction, which modified some of the row's columns but not any columns in this index."
  }
  return head + `had the following index values before the transaction: ${indexValues(table, i, old)}.`
}

function indexValues(table: TxnTable, i: number, row: Row): string {
  return englishList(
    table.schema.indexes[i].map((name) => {
      const column = allColumns(table.schema).find((c) => c.name === name)!
      return datumToString(rowDatum(row, name), column.type)
    }),
  )
}

/** Orders two rows over all their columns (declared first, then `_uuid`, `_version`). */
function compareAll(table: TxnTable, a: Row, b: Row): number {
  const columns = allColumns(table.schema)
  for (const column of [...columns.slice(2), ...columns.slice(0, 2)]) {
    const order = compareDatums(rowDatum(a, column.name), rowDatum(b, column.name), column.type)
    if (order !== 0) return order
  }
  return 0
}

/** "a", "a and b", "a, b, and c" (OVS english_list_delimiter). */
function englishList(items: readonly string[]): string {
  return items
    .map((item, i) => (i === 0 ? '' : i < items.length - 1 ? ', ' : items.length > 2 ? ', and ' : ' and ') + item)
    .join('')
}
