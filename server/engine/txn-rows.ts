// Visiting a transaction's rows the way OVS for_each_txn_row does: tables in the order first
// touched, rows in the order touched, repeating until rows added by the visitor (to this table
// or an earlier one) have been visited too. Each row is visited exactly once per walk.

import type { Transaction, TxnRow } from './transaction.js'

/** Calls `visit` once for every row of `txn`, including rows `visit` itself pulls in. @internal */
export function forEachTxnRow(txn: Transaction, visit: (row: TxnRow) => void): void {
  const visited = new Set<TxnRow>()
  let work = true
  while (work) {
    work = false
    for (const table of txn.tables.values()) {
      for (const row of table.rows.values()) {
        if (visited.has(row)) continue
        visited.add(row)
        work = true
        visit(row)
      }
    }
  }
}
