// Rewriting a SQLite store for a converted database (online `convert`, `switchyard-db convert`):
// the new schema and every row of the converted engine Database go into a fresh file beside the
// old one, which then replaces it by rename — so a crash leaves either the old database or the new
// one, never a mix. The history starts empty, as ovsdb-server's does after a conversion.

import { renameSync, rmSync } from 'node:fs'
import type { DatabaseSchema } from '../../schema/index.js'
import type { Database } from '../engine/index.js'
import { convertDatabase } from './convert-db.js'
import { openSqliteStore } from './sqlite.js'
import { openStoreFile } from './sqlite-file.js'
import { rowData } from './row-ops.js'

/**
 * Replaces the store file at `path` with one holding `db` (schema and rows). The store must be
 * closed (no open connection may hold the old file). Returns the number of rows written. Throws an
 * Error naming the file when it cannot be written; the old file is then left as it was.
 */
export function rewriteSqliteStore(path: string, db: Database): number {
  const temp = `${path}.converting-${process.pid}`
  removeStore(temp)
  let count = 0
  try {
    const { sqlite } = openStoreFile(temp, db.schema)
    try {
      const insert = sqlite.prepare('INSERT INTO rows (tbl, uuid, version, data) VALUES (?, ?, ?, ?)')
      sqlite.transaction(() => {
        for (const [name, table] of db.tables) {
          const schema = db.schema.tables.get(name)!
          for (const row of table.rows.values()) {
            insert.run(name, row.uuid, row.version, rowData(schema, row))
            count++
          }
        }
      })()
      sqlite.pragma('wal_checkpoint(TRUNCATE)')
    } finally {
      sqlite.close()
    }
    for (const suffix of ['-wal', '-shm', '-redo', '-redo-b']) rmSync(`${path}${suffix}`, { force: true })
    renameSync(temp, path)
    return count
  } catch (error) {
    throw new Error(`${path}: cannot write the converted database: ${(error as Error).message}`, { cause: error })
  } finally {
    removeStore(temp)
  }
}

function removeStore(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-redo', '-redo-b']) rmSync(`${path}${suffix}`, { force: true })
}

/**
 * Converts the (closed) store at `path` to `schema` offline, as `ovsdb-tool convert` does for a
 * conf.db: the rows as `convert` carries them, the file replaced at once. Returns the row count.
 * Throws the conversion's OvsdbError, or an Error naming the file.
 */
export function convertSqliteFile(path: string, schema: DatabaseSchema): number {
  const { sqlite, schema: stored } = openStoreFile(path)
  sqlite.close()
  const store = openSqliteStore(path, stored)
  let converted: Database
  try {
    converted = convertDatabase(store.db, schema)
  } finally {
    store.storage.close()
  }
  return rewriteSqliteStore(path, converted)
}
