// The storage contract between the engine's commits and a durable (or in-memory) store: every
// committed transaction is appended as a CommitRecord; opening a store yields the loaded Database
// and the recent transaction history that monitor_cond_since resumes from.

import type { Uuid } from '../../schema/index.js'
import type { Database, Delta } from '../engine/index.js'

/** One committed transaction as storage receives it. */
export interface CommitRecord {
  /** This transaction's id (a fresh random UUID), the one monitor_cond_since reports. */
  txnId: Uuid
  delta: Delta
  /** From `comment` ops, in order. */
  comments: string[]
  /** Who sent it, e.g. "unix:/path/db.sock" or "tcp:127.0.0.1:53122". */
  peer: string
  /** A `commit` op with durable:true: fsync before resolving. */
  durable: boolean
}

/** A past transaction, for monitor_cond_since. */
export interface HistoryEntry {
  txnId: Uuid
  delta: Delta
  /** How many rows `delta` changes, when known without decoding it. */
  readonly rows?: number
}

/** Where committed transactions go. */
export interface Storage {
  /**
   * Queues the record; resolves once it is in the file. Records queued in the same tick share one
   * SQLite transaction (group commit), resolved in the order appended. Rejects (and logs) on I/O
   * failure.
   */
  append(record: CommitRecord): Promise<void>
  /** Rewrites the file compactly (VACUUM / history trim). */
  compact(): void
  /** Writes what is queued, then closes the file; later appends reject. */
  close(): void
}

/** An opened store: its storage, the database loaded from it, and its recent history. */
export interface OpenedStore {
  storage: Storage
  db: Database
  /** Oldest first, bounded by the store's history limit. */
  history: HistoryEntry[]
}

/** Options common to the stores. */
export interface StoreOptions {
  /** How many transactions `history` keeps for monitor_cond_since (default 100). */
  historyLimit?: number
  /** Where failures are logged (default: a line on stderr). */
  log?: (message: string) => void
}

/** The default length of the monitor_cond_since history. */
export const DEFAULT_HISTORY_LIMIT = 100
