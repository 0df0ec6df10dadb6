// The durable store: a better-sqlite3 file in WAL mode holding the rows, the schema and a bounded
// transaction history with each transaction's comment and peer (an audit trail ovsdb-server lacks).
// Appends are group-committed: one SQLite transaction per turn of the event loop.

import type { DatabaseSchema } from '../../schema/index.js'
import { Database, loadRows } from '../engine/index.js'
import { GroupCommitter } from './group-commit.js'
import type { SqliteDatabase } from './sqlite-driver.js'
import { openStoreFile, readMeta, writeMeta } from './sqlite-file.js'
import { readHistory, readRows } from './sqlite-read.js'
import { SqliteWriter } from './sqlite-write.js'
import { DEFAULT_HISTORY_LIMIT, type CommitRecord, type HistoryEntry, type OpenedStore, type StoreOptions } from './storage.js'

/** How many transactions the history table keeps for auditing by default. */
export const DEFAULT_AUDIT_LIMIT = 10000

/** Options of the SQLite store. */
export interface SqliteStoreOptions extends StoreOptions {
  /** How many transactions the `history` table keeps (at least historyLimit; default 10000; trimmed in batches, so briefly a few dozen more). */
  auditLimit?: number
  /** @internal called after each group commit with the number of transactions it held */
  onGroupCommit?: (size: number) => void
}

/**
 * Opens (creating from `schema` when the file does not exist) a SQLite database file and loads
 * it: the rows into a fresh engine Database, the newest `historyLimit` transactions as history.
 * The history is empty when the last run left ephemeral values behind (they are not persisted).
 * Throws an Error naming the file when it cannot be opened or does not fit its stored schema.
 */
export function openSqliteStore(path: string, schema: DatabaseSchema, options: SqliteStoreOptions = {}): OpenedStore {
  const historyLimit = options.historyLimit ?? DEFAULT_HISTORY_LIMIT
  const { sqlite, schema: stored } = openStoreFile(path, schema)
  try {
    const db = new Database(stored)
    loadRows(db, readRows(sqlite, stored))
    const history = resumableHistory(sqlite, stored, historyLimit)
    const keep = Math.max(historyLimit, options.auditLimit ?? DEFAULT_AUDIT_LIMIT)
    const writer = new SqliteWriter(sqlite, stored, keep, options.onGroupCommit)
    const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`))
    const committer = new GroupCommitter<CommitRecord>((records) => writer.writeGroup(records), log)
    return { db, history, storage: sqliteStorage(sqlite, committer) }
  } catch (error) {
    sqlite.close()
    throw new Error(`${path}: cannot load: ${(error as Error).message}`, { cause: error })
  }
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

function sqliteStorage(sqlite: SqliteDatabase, committer: GroupCommitter<CommitRecord>) {
  let open = true
  return {
    append: (record: CommitRecord) => committer.append(record),
    compact(): void {
      committer.flush()
      sqlite.pragma('wal_checkpoint(TRUNCATE)')
      sqlite.exec('VACUUM')
    },
    close(): void {
      if (!open) return
      open = false
      committer.close()
      sqlite.close()
    },
  }
}
