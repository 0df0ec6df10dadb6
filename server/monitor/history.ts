// The bounded transaction history behind monitor_cond_since (OVS ovsdb/transaction.c
// ovsdb_txn_history_run): the newest committed transactions as (txn id, Delta), oldest first,
// trimmed by count and by changed rows. Unlike a standalone ovsdb-server, which keeps none and
// always answers found:false, Switchyard keeps it so a reconnecting client gets only what it missed.

import { datumEquals, ZERO_UUID, type Uuid } from '../../schema/index.js'
import type { Delta, Row, RowChange, TableDelta } from '../engine/index.js'

/** One committed transaction (the shape server/storage's HistoryEntry has). */
export interface TxnRecord {
  readonly txnId: Uuid
  readonly delta: Delta
  /** How many rows `delta` changes, when known without reading `delta` (storage decodes it lazily). */
  readonly rows?: number
}

/** How much history to keep; the newest transaction is always kept. */
export interface HistoryLimits {
  /** At most this many transactions (ovsdb-server: 100). */
  readonly transactions: number
  /** At most this many changed rows summed over the kept transactions. */
  readonly rows: number
}

/** The history; `append` in commit order. */
export class TxnHistory {
  private readonly entries: { record: TxnRecord; rows: number }[] = []
  private rows = 0
  private newest: Uuid = ZERO_UUID

  /**
   * A history holding `records` (oldest first), trimmed to `limits`, read newest first; a record's
   * `delta` is read only when it has no `rows` count (storage decodes deltas lazily).
   */
  constructor(
    records: readonly TxnRecord[],
    private readonly limits: HistoryLimits,
  ) {
    for (let i = records.length - 1; i >= 0; i--) {
      const kept = this.entries.length
      if (kept > 0 && kept >= limits.transactions) break
      const rows = records[i].rows ?? changedRows(records[i].delta)
      if (kept > 0 && this.rows + rows > limits.rows) break
      this.entries.push({ record: records[i], rows })
      this.rows += rows
    }
    this.entries.reverse()
    if (records.length > 0) this.newest = records[records.length - 1].txnId
  }

  /** The id of the newest transaction ever appended (ZERO_UUID before any). */
  get lastTxnId(): Uuid {
    return this.newest
  }

  /** How many transactions are kept. */
  get length(): number {
    return this.entries.length
  }

  /** Records a committed transaction and drops the oldest ones beyond the limits. */
  append(record: TxnRecord): void {
    const rows = record.rows ?? changedRows(record.delta)
    this.entries.push({ record, rows })
    this.rows += rows
    this.newest = record.txnId
    while (this.entries.length > 1 && (this.entries.length > this.limits.transactions || this.rows > this.limits.rows)) {
      this.rows -= this.entries.shift()!.rows
    }
  }

  /**
   * Everything committed after `txnId` merged into one Delta (empty when `txnId` is the newest),
   * or undefined when `txnId` is not in the history.
   */
  changesAfter(txnId: Uuid): Delta | undefined {
    const at = this.entries.findIndex((entry) => entry.record.txnId === txnId)
    if (at < 0) return undefined
    return mergeDeltas(this.entries.slice(at + 1).map((entry) => entry.record.delta))
  }
}

function changedRows(delta: Delta): number {
  let rows = 0
  for (const table of delta.tables.values()) rows += table.inserted.size + table.modified.size + table.deleted.size
  return rows
}

/** A row's state across several transactions: before the first, after the last (null: absent). */
interface Span {
  old: Row | null
  now: Row | null
}

/**
 * The Delta of applying `deltas` in order: a row's old version is the one before its first
 * change and its new version the one after its last; rows inserted then deleted vanish.
 */
export function mergeDeltas(deltas: readonly Delta[]): Delta {
  const spans = new Map<string, Map<Uuid, Span>>()
  for (const delta of deltas) {
    for (const [name, table] of delta.tables) {
      let rows = spans.get(name)
      if (rows === undefined) spans.set(name, (rows = new Map()))
      mergeTable(rows, table)
    }
  }
  const tables = new Map<string, TableDelta>()
  for (const [name, rows] of spans) {
    const table = spanDelta(rows)
    if (table.inserted.size + table.modified.size + table.deleted.size > 0) tables.set(name, table)
  }
  return { tables }
}

function mergeTable(rows: Map<Uuid, Span>, table: TableDelta): void {
  for (const [uuid, row] of table.inserted) {
    const span = rows.get(uuid)
    if (span === undefined) rows.set(uuid, { old: null, now: row })
    else span.now = row
  }
  for (const [uuid, change] of table.modified) {
    const span = rows.get(uuid)
    if (span === undefined) rows.set(uuid, { old: change.old, now: change.new })
    else span.now = change.new
  }
  for (const [uuid, row] of table.deleted) {
    const span = rows.get(uuid)
    if (span === undefined) rows.set(uuid, { old: row, now: null })
    else if (span.old === null) rows.delete(uuid)
    else span.now = null
  }
}

function spanDelta(rows: ReadonlyMap<Uuid, Span>): TableDelta {
  const inserted = new Map<Uuid, Row>()
  const modified = new Map<Uuid, RowChange>()
  const deleted = new Map<Uuid, Row>()
  for (const [uuid, { old, now }] of rows) {
    if (old === null) inserted.set(uuid, now!)
    else if (now === null) deleted.set(uuid, old)
    else {
      const changed = changedColumns(old, now)
      if (changed.size > 0) modified.set(uuid, { old, new: now, changed })
    }
  }
  return { inserted, modified, deleted }
}

/** The declared columns whose datums differ, plus `_version` when the versions do. */
function changedColumns(old: Row, now: Row): Set<string> {
  const changed = new Set<string>()
  if (old.version !== now.version) changed.add('_version')
  for (const name of Object.keys(now.fields)) {
    if (!datumEquals(old.fields[name], now.fields[name])) changed.add(name)
  }
  return changed
}
