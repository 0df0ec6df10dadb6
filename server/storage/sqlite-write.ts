// Writing batches of committed transactions into the store file, each batch in one SQLite
// transaction: rows inserted, updated (only `version` when nothing persistent changed) or deleted,
// one history row each (its redo-log seq, date, comments, peer, Delta text), `redo_seq` and
// `ephemeral_rows` as of the batch's last transaction, and the history trimmed to its bound every TRIM_EVERY transactions (so one batch in many, not
// each, rewrites the oldest history page). A batch holding a durable transaction commits with
// synchronous=FULL, which syncs the WAL before COMMIT returns.

import type { DatabaseSchema, TableSchema, Uuid } from '../../schema/index.js'
import type { Delta, Row } from '../engine/index.js'
import { deltaFromJson, deltaToText } from './delta-codec.js'
import type { RedoEntry } from './redo-log.js'
import { rowColumnsToJson, tableCodec } from './row-codec.js'
import type { SqliteDatabase, SqliteStatement } from './sqlite-driver.js'
import { writeMeta } from './sqlite-file.js'
import type { CommitRecord } from './storage.js'
import { parseStoredJson, storedJsonText } from './stored-json.js'

/** Transactions written between two trims of the history (which may exceed its bound by this many). */
const TRIM_EVERY = 64

/** A committed transaction on its way into the file: its log entry, Delta and row texts already made. */
export interface PendingTxn {
  readonly entry: RedoEntry
  readonly delta: Delta
  /** Stored texts of some inserted rows, shared by the rows table and the history (see deltaToText). */
  readonly known: ReadonlyMap<Row, string>
  readonly durable: boolean
}

/**
 * `record` as transaction number `seq`, committed at `date` and leaving `ephemeralRows` rows with
 * ephemeral values, ready for the log and the file.
 */
export function pendingTxn(schema: DatabaseSchema, record: CommitRecord, seq: number, date: string, ephemeralRows: number): PendingTxn {
  const known = new Map<Row, string>()
  for (const [name, changes] of record.delta.tables) {
    const table = schema.tables.get(name)!
    if (tableCodec(table).ephemeral.length !== 0) continue
    for (const row of changes.inserted.values()) known.set(row, rowData(table, row))
  }
  const comment = record.comments.length === 0 ? null : record.comments.join('\n')
  const entry = { seq, txnId: record.txnId, date, comment, peer: record.peer, ephemeralRows, deltaText: deltaToText(record.delta, schema, known) }
  return { entry, delta: record.delta, known, durable: record.durable }
}

/**
 * A transaction read back from the redo log, durable: the log is emptied once the file has it.
 * Throws when its delta does not fit `schema`.
 */
export function replayedTxn(schema: DatabaseSchema, entry: RedoEntry): PendingTxn {
  return { entry, delta: deltaFromJson(parseStoredJson(entry.deltaText), schema), known: new Map(), durable: true }
}

/** Writes batches of transactions to one store file. */
export class SqliteWriter {
  private readonly insertRow: SqliteStatement
  private readonly updateRow: SqliteStatement
  private readonly updateVersion: SqliteStatement
  private readonly deleteRow: SqliteStatement
  private readonly insertHistory: SqliteStatement
  private readonly trimHistory: SqliteStatement
  private readonly writeInTransaction: (txns: readonly PendingTxn[]) => void
  private untrimmed = TRIM_EVERY
  /** The file's `ephemeral_rows` as last written (unknown at first, so the first batch writes it). */
  private ephemeralRows = -1

  /** `keep`: how many history rows to keep. */
  constructor(
    private readonly sqlite: SqliteDatabase,
    private readonly schema: DatabaseSchema,
    private readonly keep: number,
  ) {
    this.insertRow = sqlite.prepare('INSERT INTO rows (tbl, uuid, version, data) VALUES (?, ?, ?, ?)')
    this.updateRow = sqlite.prepare('UPDATE rows SET version = ?, data = ? WHERE tbl = ? AND uuid = ?')
    this.updateVersion = sqlite.prepare('UPDATE rows SET version = ? WHERE tbl = ? AND uuid = ?')
    this.deleteRow = sqlite.prepare('DELETE FROM rows WHERE tbl = ? AND uuid = ?')
    this.insertHistory = sqlite.prepare('INSERT INTO history (seq, txn_id, date, comment, peer, delta) VALUES (?, ?, ?, ?, ?, ?)')
    this.trimHistory = sqlite.prepare('DELETE FROM history WHERE seq <= (SELECT MAX(seq) FROM history) - ?')
    this.writeInTransaction = sqlite.transaction((txns: readonly PendingTxn[]) => this.writeAll(txns))
  }

  /** Writes `txns` (oldest first) in one SQLite transaction, synced when one is durable; throws on failure. */
  write(txns: readonly PendingTxn[]): void {
    if (txns.length === 0) return
    const durable = txns.some((txn) => txn.durable)
    if (durable) this.sqlite.pragma('synchronous = FULL')
    try {
      this.writeInTransaction(txns)
    } finally {
      if (durable) this.sqlite.pragma('synchronous = NORMAL')
    }
  }

  private writeAll(txns: readonly PendingTxn[]): void {
    for (const { entry, delta, known } of txns) {
      this.writeRows(delta, known)
      this.insertHistory.run(entry.seq, entry.txnId, entry.date, entry.comment, entry.peer, entry.deltaText)
    }
    this.untrimmed += txns.length
    if (this.untrimmed >= TRIM_EVERY) {
      this.trimHistory.run(this.keep)
      this.untrimmed = 0
    }
    const last = txns[txns.length - 1].entry
    if (last.ephemeralRows !== this.ephemeralRows) writeMeta(this.sqlite, 'ephemeral_rows', String(last.ephemeralRows))
    this.ephemeralRows = last.ephemeralRows
    writeMeta(this.sqlite, 'redo_seq', String(last.seq))
  }

  /** Writes the rows `delta` changes, reusing the texts in `known`. */
  private writeRows(delta: Delta, known: ReadonlyMap<Row, string>): void {
    for (const [name, changes] of delta.tables) {
      const table = this.schema.tables.get(name)!
      for (const row of changes.inserted.values()) this.insertRow.run(name, row.uuid, row.version, known.get(row) ?? rowData(table, row))
      for (const uuid of changes.deleted.keys()) this.deleteRow.run(name, uuid)
      for (const change of changes.modified.values()) this.writeModified(table, change.new, change.changed)
    }
  }

  private writeModified(table: TableSchema, row: Row, changed: ReadonlySet<string>): void {
    const persistent = tableCodec(table).persistent.some((column) => changed.has(column.name))
    if (persistent) this.updateRow.run(row.version, rowData(table, row), table.name, row.uuid as Uuid)
    else this.updateVersion.run(row.version, table.name, row.uuid)
  }
}

/** The `data` text of `row`: its non-default persistent columns. */
export function rowData(table: TableSchema, row: Row): string {
  const codec = tableCodec(table)
  return storedJsonText(rowColumnsToJson(row, codec.persistent, codec.defaults))
}
