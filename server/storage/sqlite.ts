// The durable store: a better-sqlite3 file in WAL mode holding the rows, the schema and a bounded
// transaction history with each transaction's comment and peer (an audit trail ovsdb-server lacks),
// with two redo logs beside it. Appends are group-committed: the transactions of one turn of the
// event loop are written to the current redo log with one write and then answered. Batches of them
// go into the SQLite file on a worker thread (FOLD_DELAY_MS after the first, or at once when
// FOLD_BATCH are waiting), one batch at a time while new groups go to the other log; `fold`, close
// and compact write everything at once. A batch's transactions are handed to the worker HAND_OVER
// at a time as they are logged, not all at the end: held on this thread for the whole delay, their
// texts would outlive a young-generation GC and be copied by it. A hand-over (copying ~2 KB of
// texts per transaction to the worker) waits for the next turn of the event loop, so the replies
// of the group that filled it are not held up by it. Opening a store first writes into
// the file whatever its logs hold beyond the file's `redo_seq` (a crash left it there).

import { existsSync, rmSync } from 'node:fs'
import type { DatabaseSchema } from '../../schema/index.js'
import { Database, loadRows, type Row } from '../engine/index.js'
import { EphemeralRows } from './ephemeral-rows.js'
import { FoldThread } from './fold-thread.js'
import { GroupCommitter } from './group-commit.js'
import { readRedoLogs, redoLine, redoLogPaths, RedoLog } from './redo-log.js'
import { pendingTxn, replayedTxn, type PendingTxn } from './row-ops.js'
import type { SqliteDatabase } from './sqlite-driver.js'
import { openStoreFile, readMeta, writeMeta } from './sqlite-file.js'
import { readHistory, readRows } from './sqlite-read.js'
import { SqliteWriter } from './sqlite-write.js'
import { DEFAULT_HISTORY_LIMIT, type CommitRecord, type HistoryEntry, type OpenedStore, type Storage, type StoreOptions } from './storage.js'

/** How many transactions the history table keeps for auditing by default. */
export const DEFAULT_AUDIT_LIMIT = 10000
/** How long logged transactions may wait before they go into the SQLite file. */
const FOLD_DELAY_MS = 50
/** This many waiting transactions go into the SQLite file without waiting longer. */
const FOLD_BATCH = 2048
/** Logged transactions are handed to the worker, for its next batch, this many at a time. */
const HAND_OVER = 64

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
 * redo logs into it, and loads it: the rows into a fresh engine Database, the newest
 * `historyLimit` transactions as history. The history is empty when the last run left ephemeral
 * values behind (they are not persisted). Throws an Error naming the file when it cannot be
 * opened, does not fit its stored schema, or its redo logs miss a transaction.
 */
export function openSqliteStore(path: string, schema: DatabaseSchema, options: SqliteStoreOptions = {}): OpenedStore & { storage: SqliteStorage } {
  const historyLimit = options.historyLimit ?? DEFAULT_HISTORY_LIMIT
  const keep = Math.max(historyLimit, options.auditLimit ?? DEFAULT_AUDIT_LIMIT)
  const created = !existsSync(path)
  const { sqlite, schema: stored } = openStoreFile(path, schema)
  try {
    if (created) for (const log of redoLogPaths(path)) rmSync(log, { force: true })
    const writer = new SqliteWriter(sqlite, keep)
    const lastSeq = replayRedoLogs(path, sqlite, stored, writer)
    const db = new Database(stored)
    loadRows(db, readRows(sqlite, stored))
    const history = resumableHistory(sqlite, stored, historyLimit)
    const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`))
    const storage = new LoggedStorage({ path, sqlite, schema: stored, writer, keep, log, onGroup: options.onGroupCommit }, lastSeq)
    return { db, history, storage }
  } catch (error) {
    sqlite.close()
    throw new Error(`${path}: cannot load: ${(error as Error).message}`, { cause: error })
  }
}

/** Writes into the file the redo-log entries it lacks; returns the seq of the newest transaction it holds. */
function replayRedoLogs(path: string, sqlite: SqliteDatabase, schema: DatabaseSchema, writer: SqliteWriter): number {
  const [maxSeq] = sqlite.prepare('SELECT MAX(seq) FROM history').raw().get() as [number | null]
  const done = Math.max(Number(readMeta(sqlite, 'redo_seq') ?? '0'), maxSeq ?? 0)
  const missing = readRedoLogs(path).filter((entry) => entry.seq > done)
  missing.forEach((entry, i) => {
    if (entry.seq !== done + 1 + i) throw new Error(`its redo logs skip from transaction ${done + i} to ${entry.seq}`)
  })
  writer.write(missing.map((entry) => replayedTxn(schema, entry)))
  return done + missing.length
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

/** What a LoggedStorage works with. */
interface StoreParts {
  readonly path: string
  readonly sqlite: SqliteDatabase
  readonly schema: DatabaseSchema
  /** The main thread's writer (used when the file must be complete now). */
  readonly writer: SqliteWriter
  readonly keep: number
  readonly log: (message: string) => void
  readonly onGroup?: (size: number) => void
}

/** Storage that answers once a group is in a redo log and writes the SQLite file in batches. */
class LoggedStorage implements SqliteStorage {
  private readonly committer: GroupCommitter<CommitRecord>
  /** Rows holding ephemeral values now: none after a (re)start, since they are not persisted. */
  private readonly ephemeral: EphemeralRows
  private readonly thread: FoldThread
  /** The log new groups go to, and the one holding the batch the worker writes (if any). */
  private logs: [RedoLog, RedoLog]
  /** Transactions in the current log not yet handed to the worker, and how many were (since its last batch). */
  private waiting: PendingTxn[] = []
  private handed = 0
  /** Stored texts of the rows the last group wrote (see RowTexts). */
  private recentTexts: ReadonlyMap<Row, string> = new Map()
  private foldTimer: NodeJS.Timeout | null = null
  private failure: Error | null = null
  private open = true
  private handOverScheduled = false

  constructor(private readonly parts: StoreParts, private lastSeq: number) {
    this.committer = new GroupCommitter<CommitRecord>((records) => this.logGroup(records), parts.log)
    this.ephemeral = new EphemeralRows(parts.schema)
    const [first, second] = redoLogPaths(parts.path)
    this.logs = [new RedoLog(first), new RedoLog(second)]
    this.thread = new FoldThread(parts.path, parts.keep, () => this.afterBatch(), (error) => this.fail(error))
  }

  append(record: CommitRecord): Promise<void> {
    return this.committer.append(record)
  }

  /** Writes every logged transaction into the file now; throws when the file cannot be written. */
  fold(): void {
    this.clearTimer()
    try {
      this.thread.waitIdle()
    } catch (error) {
      this.fail(error as Error)
    }
    if (this.failure !== null) throw this.failure
    try {
      if (this.handed > 0) {
        this.handed = 0
        this.thread.commit()
        this.thread.waitIdle()
      }
      this.parts.writer.write(this.waiting)
    } catch (error) {
      this.fail(error as Error)
      throw error
    }
    this.waiting = []
    for (const log of this.logs) log.clear()
  }

  compact(): void {
    this.committer.flush()
    this.fold()
    this.parts.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    this.parts.sqlite.exec('VACUUM')
  }

  close(): void {
    if (!this.open) return
    this.open = false
    this.committer.close()
    try {
      this.fold()
      for (const log of this.logs) log.close()
    } catch {
      // logged by fail(); the transactions stay in the redo logs for the next open
    } finally {
      this.thread.close()
      this.parts.sqlite.close()
    }
  }

  /** Writes one group to the current log (synced when one is durable), then schedules a batch. */
  private logGroup(records: readonly CommitRecord[]): void {
    if (this.failure !== null) throw this.failure
    const date = new Date().toISOString()
    const texts = { earlier: this.recentTexts, written: new Map<Row, string>() }
    const txns = records.map((record, i) => {
      this.ephemeral.apply(record.delta)
      return pendingTxn(this.parts.schema, record, this.lastSeq + 1 + i, date, this.ephemeral.size, texts)
    })
    this.recentTexts = texts.written
    this.logs[0].append(txns.map((txn) => redoLine(txn.entry)).join(''), txns.some((txn) => txn.durable))
    this.lastSeq += txns.length
    this.waiting.push(...txns)
    if (this.waiting.length >= HAND_OVER) this.scheduleHandOver()
    this.parts.onGroup?.(records.length)
    this.schedule()
  }

  /** Logged transactions the SQLite file does not have yet and no batch in flight holds. */
  private get unfolded(): number {
    return this.handed + this.waiting.length
  }

  /** Hands the waiting transactions over at the next turn of the loop, after this group's replies. */
  private scheduleHandOver(): void {
    if (this.handOverScheduled) return
    this.handOverScheduled = true
    setImmediate(() => {
      this.handOverScheduled = false
      if (!this.thread.failed && this.waiting.length > 0) this.handOver()
    })
  }

  private handOver(): void {
    this.thread.hand(this.waiting)
    this.handed += this.waiting.length
    this.waiting = []
  }

  private schedule(): void {
    if (this.unfolded >= FOLD_BATCH) {
      this.clearTimer()
      setImmediate(() => this.startBatch())
    } else {
      this.foldTimer ??= setTimeout(() => this.startBatch(), FOLD_DELAY_MS).unref()
    }
  }

  /**
   * Has the worker write the current log's transactions and switches logs, unless a batch is in
   * flight (then afterBatch does) or the worker failed (its report, on its way, fails the store).
   */
  private startBatch(): void {
    this.clearTimer()
    if (!this.open || this.failure !== null || this.thread.failed || this.thread.busy || this.unfolded === 0) return
    if (this.waiting.length > 0) this.handOver()
    this.handed = 0
    this.thread.commit()
    this.logs = [this.logs[1], this.logs[0]]
    this.logs[0].clear()
  }

  private afterBatch(): void {
    if (this.unfolded > 0) this.schedule()
  }

  private fail(error: Error): void {
    if (this.failure !== null) return
    this.failure = error
    this.parts.log(`storage: writing logged transactions into the SQLite file failed: ${error.message} (they stay in the redo logs)`)
  }

  private clearTimer(): void {
    if (this.foldTimer !== null) clearTimeout(this.foldTimer)
    this.foldTimer = null
  }
}
