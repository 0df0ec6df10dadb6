// Moving a database between Open vSwitch's standalone file format and our SQLite store: import
// replays every record of a conf.db (what ovsdb-tool create and ovsdb-server write) into a new
// store; export writes a compacted file (schema record + one record holding every row), which
// ovsdb-tool and ovsdb-server accept. Ephemeral columns are not carried, as in Open vSwitch.

import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { databaseSchemaToJson } from '../../schema/index.js'
import { parseOvsdbLog, ovsdbRecord } from './ovs-log.js'
import { replayOvsdbLog, type ReplayedDatabase } from './ovs-replay.js'
import { readRedoLogs } from './redo-log.js'
import { frozenRow } from './row-codec.js'
import { openSqliteStore } from './sqlite.js'
import { openStoreFile, readMeta } from './sqlite-file.js'
import { replayedTxn, rowData } from './row-ops.js'
import { storedJsonText } from './stored-json.js'

/** What an import or export moved. */
export interface TransferSummary {
  readonly database: string
  readonly rows: number
  /** Import: transaction records replayed (the export writes one). */
  readonly transactions: number
  /** Import: an incomplete last record (a torn write) was ignored, as ovsdb-server does. */
  readonly truncated: boolean
}

/**
 * Creates the SQLite store `sqlitePath` from the Open vSwitch database file `ovsPath`, with the
 * same rows (UUIDs and every persistent column; `_version`s are fresh, as the file keeps none) and
 * an empty history. Throws an Error when `sqlitePath` exists, the file is not a standalone
 * database, or its rows break the schema (then nothing is left at `sqlitePath`).
 */
export function importOvsdbFile(ovsPath: string, sqlitePath: string): TransferSummary {
  if (existsSync(sqlitePath)) throw new Error(`${sqlitePath} already exists: import creates a new database`)
  let log
  let replayed
  try {
    log = parseOvsdbLog(readFileSync(ovsPath))
    replayed = replayOvsdbLog(log.records)
  } catch (error) {
    throw new Error(`${ovsPath}: ${(error as Error).message}`, { cause: error })
  }
  const temp = `${sqlitePath}.importing-${process.pid}`
  removeStore(temp)
  try {
    const rows = writeReplayed(temp, replayed)
    openSqliteStore(temp, replayed.schema).storage.close()
    renameSync(temp, sqlitePath)
    return { database: replayed.schema.name, rows, transactions: replayed.transactions, truncated: log.truncated }
  } finally {
    removeStore(temp)
  }
}

/**
 * Writes the store `sqlitePath` as a compacted Open vSwitch standalone database file at `ovsPath`
 * (replaced atomically when it exists), with the transactions its redo log holds beyond the file
 * (a running server's latest ones, or a crashed one's), so a running server may be exported too.
 * Throws an Error when the store cannot be opened.
 */
export function exportOvsdbFile(sqlitePath: string, ovsPath: string): TransferSummary {
  const logged = readRedoLogs(sqlitePath)
  const { sqlite, schema } = openStoreFile(sqlitePath)
  const byTable = new Map<string, Map<string, string>>()
  const rowsOf = (table: string) => byTable.get(table) ?? byTable.set(table, new Map()).get(table)!
  let fileSeq = 0
  try {
    const rows = sqlite.prepare('SELECT tbl, uuid, data FROM rows ORDER BY id').raw()
    sqlite.transaction(() => {
      for (const [table, uuid, data] of rows.iterate() as IterableIterator<[string, string, string]>) rowsOf(table).set(uuid, data)
      fileSeq = Number(readMeta(sqlite, 'redo_seq') ?? '0')
    })()
  } finally {
    sqlite.close()
  }
  for (const entry of logged.filter((logEntry) => logEntry.seq > fileSeq)) {
    for (const op of replayedTxn(schema, entry).rows) {
      if (op[0] === 'delete') rowsOf(op[1]).delete(op[2])
      else if (op[0] !== 'version') rowsOf(op[1]).set(op[2], op[4])
    }
  }
  let body = `{"_date":${Date.now()},"_comment":"exported by switchyard"`
  for (const [table, rows] of byTable) {
    if (rows.size > 0) body += `,${JSON.stringify(table)}:{${[...rows].map(([uuid, data]) => `${JSON.stringify(uuid)}:${data}`).join(',')}}`
  }
  const temp = `${ovsPath}.tmp-${process.pid}`
  writeFileSync(temp, Buffer.concat([ovsdbRecord(storedJsonText(databaseSchemaToJson(schema))), ovsdbRecord(`${body}}`)]))
  renameSync(temp, ovsPath)
  const count = [...byTable.values()].reduce((sum, rows) => sum + rows.size, 0)
  return { database: schema.name, rows: count, transactions: 1, truncated: false }
}

/** Writes every replayed row into a new store at `path` in one transaction; returns the row count. */
function writeReplayed(path: string, replayed: ReplayedDatabase): number {
  const { sqlite } = openStoreFile(path, replayed.schema)
  let count = 0
  try {
    const insert = sqlite.prepare('INSERT INTO rows (tbl, uuid, version, data) VALUES (?, ?, ?, ?)')
    sqlite.transaction(() => {
      for (const [name, rows] of replayed.tables) {
        const table = replayed.schema.tables.get(name)!
        for (const [uuid, fields] of rows) {
          const version = randomUUID()
          insert.run(name, uuid, version, rowData(table, frozenRow(uuid, version, fields)))
          count++
        }
      }
    })()
  } finally {
    sqlite.close()
  }
  return count
}

function removeStore(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-redo', '-redo-b']) rmSync(`${path}${suffix}`, { force: true })
}
