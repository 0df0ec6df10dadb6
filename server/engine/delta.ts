// The Delta: what one committed transaction changed, computed once at commit and consumed by
// storage (persist), monitors (render update/update2/update3) and history (monitor_cond_since).
// Shape of a change, like OVS struct ovsdb_txn_row: inserted (no old), deleted (no new),
// modified (old, new, and the names of the columns whose value changed).

import type { Uuid } from '../../schema/index.js'
import type { Row } from './row.js'

/** A modified row: both versions and the columns that differ (`_version` always among them). */
export interface RowChange {
  readonly old: Row
  readonly new: Row
  /** Names of changed columns: declared columns whose datum changed, plus `_version`. */
  readonly changed: ReadonlySet<string>
}

/** The changes to one table; each map holds only rows of its kind, keyed by row UUID. */
export interface TableDelta {
  /** Rows that did not exist before the transaction and exist after it (new row). */
  readonly inserted: ReadonlyMap<Uuid, Row>
  /** Rows that exist before and after with at least one changed column. */
  readonly modified: ReadonlyMap<Uuid, RowChange>
  /** Rows that existed before the transaction and no longer do (old row). */
  readonly deleted: ReadonlyMap<Uuid, Row>
}

/**
 * Everything one transaction changed. `tables` lists only tables with at least one change, in
 * the order the transaction first touched them. Rows inserted and removed within the same
 * transaction (deleted, or garbage-collected) appear nowhere. A transaction that changed
 * nothing yields no Delta at all (null).
 */
export interface Delta {
  readonly tables: ReadonlyMap<string, TableDelta>
}
