// The durable store: a better-sqlite3 file in WAL mode holding the rows, the schema and a bounded
// transaction history with each transaction's comment and peer (an audit trail ovsdb-server lacks),
// with a redo log beside it. Appends are group-committed: the transactions of one turn of the event
// loop are appended to the redo log with one write and then answered; the SQLite file receives them
// in batches (FOLD_DELAY_MS after the first, or at once when FOLD_BATCH are waiting, and always
// before close and compact), and the log is emptied after each batch. Opening a store first writes
// into the file whatever its log holds beyond the file's `redo_seq` (a crash left it there).

import type { DatabaseSchema } from '../../schema/index.js'
import { Database, loadRows } from '../engine/index.js'
import { EphemeralRows } from './ephemeral-rows.js'
import { GroupCommitter } from './group-commit.js'
import { readRedoLog, redoLine, redoLogPath, RedoLog } from './redo-log.js'
import type { SqliteDatabase } from './sqlite-driver.js'
import { openStoreFile, readMeta, writeMeta } from './sqlite-file.js'
import { readHistory, readRows } from './sqlite-read.js'
import { pendingTxn, replayedTxn, SqliteWriter, type PendingTxn } from './sqlite-write.js'
import { DEFAULT_HISTORY_LIMIT, type CommitRecord, type HistoryEntry, type OpenedStore, type Storage, type StoreOptions } from './storage.js'

/** How many transactions the history table keeps for auditing by default. */
export const DEFAULT_AUDIT_LIMIT = 10000
/** How long logged transactions may wait before they are written into the SQLite file. */
const FOLD_DELAY_MS = 50
/** This many waiting transactions are written into the SQLite file without waiting longer. */
const FOLD_BATCH = 2048

/** Options of the SQLite store. */
export interface SqliteStoreOptions extends StoreOptions {
  /** How many transactions the `history` table keeps (at least historyLimit; default 10000; trimmed in batches, so briefly a few dozen more). */
  auditLimit?: number
  /** @internal called after each group is logged with the number of transactions it held */
  onGroupCommit?: (size: number) => void
}

/** The SQLite store's Storage: `fold` writes every logged transaction into the SQLite file now. */
export interface SqliteStorage extends Storage {
  fold(): void
}

/**
 * Opens (creating from `schema` when the file does not exist) a SQLite database file, writes its
 * redo log into it, and loads it: the rows into a fresh engine Database, the newest
 * `historyLimit` transactions as history. The history is empty when the last run left ephemeral
 * values behind (they are not persisted). Throws an Error naming the file when it cannot be
 * opened or does not fit its stored schema.
 */
export function openSqliteStore(path: string, schema: DatabaseSchema, options: SqliteStoreOptions = {}): OpenedStore & { storage: SqliteStorage } {
  const historyLimit = options.historyLimit ?? DEFAULT_HISTORY_LIMIT
  const { sqlite, schema: stored } = openStoreFile(path, schema)
  try {
    const writer = new SqliteWriter(sqlite, stored, Math.max(historyLimit, options.auditLimit ?? DEFAULT_AUDIT_LIMIT))
    const lastSeq = replayRedoLog(path, sqlite, stored, writer)
    const db = new Database(stored)
    loadRows(db, readRows(sqlite, stored))
    const history = resumableHistory(sqlite, stored, historyLimit)
    const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`))
    const storage = new LoggedStorage(sqlite, stored, writer, new RedoLog(redoLogPath(path)), lastSeq, log, options.onGroupCommit)
    return { db, history, storage }
  } catch (error) {
    sqlite.close()
    throw new Error(`${path}: cannot load: ${(error as Error).message}`, { cause: error })
  }
}

/**
 * Writes into the file the entries of the redo log of the store at `path` that it lacks, then
 * empties the log; returns the seq of the newest transaction the file holds.
 */
function replayRedoLog(path: string, sqlite: SqliteDatabase, schema: DatabaseSchema, writer: SqliteWriter): number {
  const [maxSeq] = sqlite.prepare('SELECT MAX(seq) FROM history').raw().get() as [number | null]
  const done = Math.max(Number(readMeta(sqlite, 'redo_seq') ?? '0'), maxSeq ?? 0)
  const missing = readRedoLog(redoLogPath(path)).filter((entry) => entry.seq > done)
  writer.write(missing.map((entry) => replayedTxn(schema, entry)))
  return missing.length === 0 ? done : missing[missing.length - 1].seq
}

/** The stored history monitors may resume from; cut off when ephemeral values were lost. */
function resumableHistory(sqlite: SqliteDatabase, schema: DatabaseSchema, limit: number): HistoryEntry[] {
  if (Number(readMeta(sqlite, 'ephemeral_rows') ?? '0') > 0) {
    const last = sqlite.prepare('SELECT MAX(seq) FROM history').raw().get() as [number | null]
    sqlite.transaction(() => {
      writeMeta(sqlite, 'history_start', String(last[0] ?? 0))
      writeMeta(sqlite, 'ephemeral_rows', '0')
    })()
  }
  return readHistory(sqlite, schema, Number(readMeta(sqlite, 'history_start') ?? '0'), limit)
}

/** Storage that answers once a group is in the redo log and writes the SQLite file in batches. */
class LoggedStorage implements SqliteStorage {
  private readonly committer: GroupCommitter<CommitRecord>
  /** Rows holding ephemeral values now: none after a (re)start, since they are not persisted. */
  private readonly ephemeral: EphemeralRows
  private waiting: PendingTxn[] = []
  private foldTimer: NodeJS.Timeout | null = null
  private foldFailure: Error | null = null
  private open = true

  constructor(
    private readonly sqlite: SqliteDatabase,
    private readonly schema: DatabaseSchema,
    private readonly writer: SqliteWriter,
    private readonly redo: RedoLog,
    private lastSeq: number,
    private readonly log: (message: string) => void,
    private readonly onGroup?: (size: number) => void,
  ) {
    this.committer = new GroupCommitter<CommitRecord>((records) => this.logGroup(records), log)
    this.ephemeral = new EphemeralRows(schema)
  }

  append(record: CommitRecord): Promise<void> {
    return this.committer.append(record)
  }

  /** Throws when the SQLite file cannot be written; the store then takes no more transactions. */
  fold(): void {
    if (this.foldTimer !== null) clearTimeout(this.foldTimer)
    this.foldTimer = null
    if (this.foldFailure !== null) throw this.foldFailure
    if (this.waiting.length === 0) return
    try {
      this.writer.write(this.waiting)
    } catch (caught) {
      this.foldFailure = caught instanceof Error ? caught : new Error(String(caught))
      this.log(`storage: writing ${this.waiting.length} logged transaction(s) into the SQLite file failed: ${this.foldFailure.message} (they stay in the redo log)`)
      throw this.foldFailure
    }
    this.waiting = []
    this.redo.clear()
  }

  compact(): void {
    this.committer.flush()
    this.fold()
    this.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    this.sqlite.exec('VACUUM')
  }

  close(): void {
    if (!this.open) return
    this.open = false
    this.committer.close()
    try {
      this.fold()
      this.redo.close()
    } catch {
      // logged by fold; the transactions stay in the redo log for the next open
    } finally {
      this.sqlite.close()
    }
  }

  /** Appends one group to the redo log (synced when one is durable), then schedules the fold. */
  private logGroup(records: readonly CommitRecord[]): void {
    if (this.foldFailure !== null) throw this.foldFailure
    const date = new Date().toISOString()
    const txns = records.map((record, i) => {
      this.ephemeral.apply(record.delta)
      return pendingTxn(this.schema, record, this.lastSeq + 1 + i, date, this.ephemeral.size)
    })
    this.redo.append(txns.map((txn) => redoLine(txn.entry)).join(''), txns.some((txn) => txn.durable))
    this.lastSeq += txns.length
    this.waiting.push(...txns)
    this.onGroup?.(records.length)
    if (this.waiting.length >= FOLD_BATCH) setImmediate(() => this.foldLogged())
    else this.foldTimer ??= setTimeout(() => this.foldLogged(), FOLD_DELAY_MS).unref()
  }

  /** A scheduled fold; a failure (logged by fold) fails the appends that follow. */
  private foldLogged(): void {
    if (!this.open) return
    try {
      this.fold()
    } catch {
      // logged by fold
    }
  }
}
