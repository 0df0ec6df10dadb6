// The commit-time passes, in ovsdb-server's order (ovsdb/transaction.c ovsdb_txn_precommit);
// the order decides which error a transaction with several problems reports. Each pass works on
// the rows the transaction touched (plus rows it pulls in), never on whole tables.

import { datumEquals } from '../../schema/index.js'
import { ovsdbError } from './errors.js'
import { checkIndexes } from './indexes.js'
import { collectGarbage, updateRefCounts } from './refs.js'
import type { Transaction, TxnRow } from './transaction.js'
import { forEachTxnRow } from './txn-rows.js'
import { randomUuid } from './uuid.js'
import { assessWeakRefs } from './weak-refs.js'

/**
 * Readies `txn` for commit: drops no-op changes, then checks and completes it. Returns false when
 * nothing is left to commit. Throws `referential integrity violation` or `constraint violation`
 * (ovsdb-server's wording) when the transaction must fail; `txn` is then to be discarded.
 */
export function precommit(txn: Transaction): boolean {
  // Why: unchanged rows must not be written, monitored or versioned.
  forEachTxnRow(txn, determineChanges)
  if (![...txn.tables.values()].some((table) => table.rows.size > 0)) return false
  // Why: a strong reference must name an existing row, and a referenced row cannot be deleted.
  updateRefCounts(txn)
  // Why: rows of non-root tables live only while something refers to them.
  collectGarbage(txn)
  // Why: maxRows counts the rows that survive garbage collection.
  checkMaxRows(txn)
  // Why: weak references silently disappear with the rows they name.
  assessWeakRefs(txn)
  // Why: index values must be unique among the rows left after the passes above.
  checkIndexes(txn)
  // Why: every row a commit changes gets a fresh _version.
  forEachTxnRow(txn, updateVersion)
  return true
}

/** Records the changed columns of `row`; a modified row with none is dropped from the transaction. */
function determineChanges(row: TxnRow): void {
  if (row.old !== null && row.new !== null) {
    for (const [name, datum] of Object.entries(row.new.fields)) {
      if (!datumEquals(row.old.fields[name], datum)) row.changed.add(name)
    }
    if (row.changed.size === 0) row.table.rows.delete(row.uuid)
  } else {
    for (const name of row.table.schema.columns.keys()) row.changed.add(name)
    row.changed.add('_uuid').add('_version')
  }
}

function checkMaxRows(txn: Transaction): void {
  for (const table of txn.tables.values()) {
    const max = table.schema.maxRows
    if (max === undefined) continue
    let count = table.committed.rows.size
    for (const row of table.rows.values()) count += (row.new !== null ? 1 : 0) - (row.old !== null ? 1 : 0)
    if (count > max) {
      throw ovsdbError(
        'constraint violation',
        `transaction causes "${table.name}" table to contain ${count} rows, greater than the schema-defined limit of ${max} row(s)`,
      )
    }
  }
}

function updateVersion(row: TxnRow): void {
  if (row.old === null || row.new === null || row.changed.size === 0) return
  row.new.version = randomUuid()
  row.changed.add('_version')
}
