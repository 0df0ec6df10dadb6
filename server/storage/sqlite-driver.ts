// The subset of better-sqlite3 storage calls, declared here so the rest of server/storage depends
// on these few methods only (kysely's sqlite-dialect-config.ts does the same).

import BetterSqlite3 from 'better-sqlite3'

/** A prepared statement. */
export interface SqliteStatement {
  run(...params: unknown[]): { changes: number }
  get(...params: unknown[]): unknown
  all(...params: unknown[]): unknown[]
  iterate(...params: unknown[]): IterableIterator<unknown>
  /** Rows come back as arrays of column values instead of objects. */
  raw(toggle?: boolean): this
}

/** An open SQLite database file. */
export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement
  /** Wraps `fn` so each call runs inside BEGIN … COMMIT (ROLLBACK when it throws). */
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void
  exec(sql: string): unknown
  pragma(sql: string, options?: { simple?: boolean }): unknown
  close(): unknown
}

/** Opens (creating when absent) the SQLite file at `path`. Throws on I/O failure or a non-SQLite file. */
export function openSqliteFile(path: string): SqliteDatabase {
  return new BetterSqlite3(path)
}
