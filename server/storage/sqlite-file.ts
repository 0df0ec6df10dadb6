// The SQLite file's layout and its opening: WAL mode, tables `meta` (key/value: schema JSON,
// creation date, format version), `rows` (one row per OVSDB row: id in insertion order, table,
// uuid, _version and the JSON of its non-default persistent columns) and `history` (one row per
// transaction, bounded). A file of format 1 (rows keyed by table and uuid) is upgraded on open.

import { existsSync, openSync, readSync, closeSync } from 'node:fs'
import { databaseSchemaFromJson, databaseSchemaToJson, type DatabaseSchema } from '../../schema/index.js'
import { openSqliteFile, type SqliteDatabase } from './sqlite-driver.js'
import { parseStoredJson, storedJsonText } from './stored-json.js'

/** The layout version written to `meta`; a file with another one (but 1, upgraded) is refused. */
export const FORMAT_VERSION = '2'

/**
 * WAL pages between automatic checkpoints (SQLite's default is 1000). A checkpoint syncs the WAL
 * and copies it into the database file inside some commit; every 10000 pages (~40 MB) keeps that
 * stall off most commits.
 */
const WAL_CHECKPOINT_PAGES = 10000

/**
 * `meta` keys: `ephemeral_rows` counts rows holding ephemeral values at the last commit;
 * `history_start` is the last `history.seq` that is audit trail only (not resumable by monitors);
 * `redo_seq` is the seq of the last redo-log entry written into this file (see redo-log.ts).
 */
export const META_KEYS = ['schema', 'created', 'format', 'ephemeral_rows', 'history_start', 'redo_seq'] as const
export type MetaKey = (typeof META_KEYS)[number]

/** The `rows` table: its id gives the insertion order (and stays put through VACUUM). */
const ROWS_TABLE = 'rows (id INTEGER PRIMARY KEY, tbl TEXT NOT NULL, uuid TEXT NOT NULL, version TEXT NOT NULL, data TEXT NOT NULL)'

const LAYOUT = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ${ROWS_TABLE};
CREATE TABLE IF NOT EXISTS history (
  seq INTEGER PRIMARY KEY, txn_id TEXT NOT NULL, date TEXT NOT NULL, comment TEXT, peer TEXT,
  delta TEXT NOT NULL);
`

/** An open store file and the schema it holds. */
export interface StoreFile {
  readonly sqlite: SqliteDatabase
  readonly schema: DatabaseSchema
}

/**
 * Opens the store at `path`, creating it with `schema` when it does not exist (or was never
 * initialised). An existing file keeps the schema it holds. Without `schema` the file must exist.
 * Throws an Error naming the file when it is not a Switchyard store (an Open vSwitch database file
 * is pointed at `import`), has another format version, or holds a database of another name.
 */
export function openStoreFile(path: string, schema?: DatabaseSchema): StoreFile {
  if (schema === undefined && !existsSync(path)) throw new Error(`${path}: no such file`)
  if (isOvsdbLog(path)) throw new Error(`${path} is an Open vSwitch database file: import it first (switchyard-db import ${path} NEW_FILE)`)
  const sqlite = openSqliteFile(path)
  try {
    sqlite.pragma('journal_mode = WAL')
    configureConnection(sqlite)
    sqlite.transaction(() => {
      sqlite.exec(LAYOUT)
      if (readMeta(sqlite, 'format') === '1') upgradeFormat1(sqlite)
      if (readMeta(sqlite, 'schema') !== undefined) return
      if (schema === undefined) throw new Error('not initialised (no schema stored)')
      initialise(sqlite, schema)
    })()
    return { sqlite, schema: storedSchema(sqlite, schema) }
  } catch (error) {
    sqlite.close()
    throw new Error(`${path}: cannot open as a Switchyard database: ${(error as Error).message}`, { cause: error })
  }
}

/** The settings every connection writing a store file uses (the file itself is in WAL mode). */
export function configureConnection(sqlite: SqliteDatabase): void {
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`)
}

/** The `meta` value of `key`, if set. */
export function readMeta(sqlite: SqliteDatabase, key: MetaKey): string | undefined {
  const row = sqlite.prepare('SELECT value FROM meta WHERE key = ?').raw().get(key) as [string] | undefined
  return row?.[0]
}

/** Sets the `meta` value of `key`. */
export function writeMeta(sqlite: SqliteDatabase, key: MetaKey, value: string): void {
  sqlite.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value)
}

function initialise(sqlite: SqliteDatabase, schema: DatabaseSchema): void {
  writeMeta(sqlite, 'schema', storedJsonText(databaseSchemaToJson(schema)))
  writeMeta(sqlite, 'created', new Date().toISOString())
  writeMeta(sqlite, 'format', FORMAT_VERSION)
  writeMeta(sqlite, 'ephemeral_rows', '0')
  writeMeta(sqlite, 'history_start', '0')
}

/** Rewrites format 1's `rows` (keyed by table and uuid) as format 2's, keeping the row order. */
function upgradeFormat1(sqlite: SqliteDatabase): void {
  sqlite.exec(`
ALTER TABLE rows RENAME TO rows_format1;
CREATE TABLE ${ROWS_TABLE};
INSERT INTO rows (id, tbl, uuid, version, data) SELECT rowid, tbl, uuid, version, data FROM rows_format1 ORDER BY rowid;
DROP TABLE rows_format1;`)
  writeMeta(sqlite, 'format', FORMAT_VERSION)
}

function storedSchema(sqlite: SqliteDatabase, expected: DatabaseSchema | undefined): DatabaseSchema {
  const format = readMeta(sqlite, 'format')
  if (format !== FORMAT_VERSION) throw new Error(`format version ${format} is not ${FORMAT_VERSION}`)
  const schema = databaseSchemaFromJson(parseStoredJson(readMeta(sqlite, 'schema')!))
  if (expected !== undefined && schema.name !== expected.name) throw new Error(`it holds database "${schema.name}", not "${expected.name}"`)
  return schema
}

/** True when `path` starts like an Open vSwitch standalone or clustered database file. */
function isOvsdbLog(path: string): boolean {
  if (!existsSync(path)) return false
  const fd = openSync(path, 'r')
  try {
    const head = Buffer.alloc(16)
    const n = readSync(fd, head, 0, head.length, 0)
    const text = head.subarray(0, n).toString('latin1')
    return text.startsWith('OVSDB JSON ') || text.startsWith('OVSDB CLUSTER ')
  } finally {
    closeSync(fd)
  }
}
