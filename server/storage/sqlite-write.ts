// Writing batches of committed transactions into the store file, each batch in one SQLite
// transaction: rows inserted, updated (only `version` when nothing persistent changed) or deleted
// by id (row-ids.ts; a writer keeps the ids between its batches and reads them again when another
// connection wrote in between), one history row each (its redo-log seq, date, comments, peer,
// Delta text), `redo_seq` and `ephemeral_rows` as of the batch's last transaction, and the history
// trimmed to its bound every TRIM_EVERY transactions (so one batch in many, not each, rewrites the
// oldest history page). A batch holding a durable transaction commits with synchronous=FULL, which
// syncs the WAL before COMMIT returns. A transaction arrives as plain data (see row-ops.ts), so a
// worker thread can write it as well as the main one.

import type { SqliteDatabase, SqliteStatement } from './sqlite-driver.js'
import { RowIds } from './row-ids.js'
import { readMeta, writeMeta } from './sqlite-file.js'
import type { PendingTxn, RowOp } from './row-ops.js'

/** Transactions written between two trims of the history (which may exceed its bound by this many). */
const TRIM_EVERY = 64

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
  /** The ids of the file's rows as of this writer's last batch (see rowIds), and that batch's `redo_seq`. */
  private ids: RowIds | null = null
  private writtenSeq: string | undefined

  /** `keep`: how many history rows to keep. */
  constructor(
    private readonly sqlite: SqliteDatabase,
    private readonly keep: number,
  ) {
    this.insertRow = sqlite.prepare('INSERT INTO rows (id, tbl, uuid, version, data) VALUES (?, ?, ?, ?, ?)')
    this.updateRow = sqlite.prepare('UPDATE rows SET version = ?, data = ? WHERE id = ?')
    this.updateVersion = sqlite.prepare('UPDATE rows SET version = ? WHERE id = ?')
    this.deleteRow = sqlite.prepare('DELETE FROM rows WHERE id = ?')
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
    } catch (error) {
      this.ids = null
      throw error
    } finally {
      if (durable) this.sqlite.pragma('synchronous = NORMAL')
    }
  }

  private writeAll(txns: readonly PendingTxn[]): void {
    const ids = this.rowIds()
    for (const { entry, rows } of txns) {
      for (const op of rows) this.writeRow(op, ids)
      this.insertHistory.run(entry.seq, entry.txnId, entry.date, entry.comment, entry.peer, entry.deltaText)
    }
    this.untrimmed += txns.length
    if (this.untrimmed >= TRIM_EVERY) {
      this.trimHistory.run(this.keep)
      this.untrimmed = 0
    }
    const last = txns[txns.length - 1].entry
    writeMeta(this.sqlite, 'ephemeral_rows', String(last.ephemeralRows))
    this.writtenSeq = String(last.seq)
    writeMeta(this.sqlite, 'redo_seq', this.writtenSeq)
  }

  /** The row ids kept since this writer's last batch, or read afresh when another connection has written since. */
  private rowIds(): RowIds {
    if (this.ids === null || readMeta(this.sqlite, 'redo_seq') !== this.writtenSeq) this.ids = RowIds.read(this.sqlite)
    return this.ids
  }

  private writeRow(op: RowOp, ids: RowIds): void {
    switch (op[0]) {
      case 'insert': return void this.insertRow.run(ids.insert(op[1], op[2]), op[1], op[2], op[3], op[4])
      case 'update': return void this.updateRow.run(op[3], op[4], ids.get(op[1], op[2]))
      case 'version': return void this.updateVersion.run(op[3], ids.get(op[1], op[2]))
      case 'delete': return void this.deleteRow.run(ids.delete(op[1], op[2]))
    }
  }
}
