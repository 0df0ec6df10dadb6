// Writing one group of committed transactions into the store file in a single SQLite transaction:
// rows inserted, updated (only `version` when nothing persistent changed) or deleted, one history
// row each (date, comments, peer, Delta JSON), the history trimmed to its bound every TRIM_EVERY
// transactions (so one commit in many, not each, rewrites the oldest history page). A group holding a
// durable record commits with synchronous=FULL, which syncs the WAL before COMMIT returns.

import type { DatabaseSchema, TableSchema, Uuid } from '../../schema/index.js'
import type { Delta, Row } from '../engine/index.js'
import { deltaToText } from './delta-codec.js'
import { EphemeralRows } from './ephemeral-rows.js'
import { rowColumnsToJson, tableCodec } from './row-codec.js'
import type { SqliteDatabase, SqliteStatement } from './sqlite-driver.js'
import { writeMeta } from './sqlite-file.js'
import type { CommitRecord } from './storage.js'
import { storedJsonText } from './stored-json.js'

/** Transactions written between two trims of the history (which may exceed its bound by this many). */
const TRIM_EVERY = 64

/** Writes groups of records to one store file. */
export class SqliteWriter {
  private readonly insertRow: SqliteStatement
  private readonly updateRow: SqliteStatement
  private readonly updateVersion: SqliteStatement
  private readonly deleteRow: SqliteStatement
  private readonly insertHistory: SqliteStatement
  private readonly trimHistory: SqliteStatement
  private readonly ephemeral: EphemeralRows
  private readonly writeGroupInTransaction: (records: readonly CommitRecord[]) => void
  private untrimmed = TRIM_EVERY

  /** `keep`: how many history rows to keep; `onGroup` hears the size of each group committed. */
  constructor(
    private readonly sqlite: SqliteDatabase,
    private readonly schema: DatabaseSchema,
    private readonly keep: number,
    private readonly onGroup?: (size: number) => void,
  ) {
    this.insertRow = sqlite.prepare('INSERT INTO rows (tbl, uuid, version, data) VALUES (?, ?, ?, ?)')
    this.updateRow = sqlite.prepare('UPDATE rows SET version = ?, data = ? WHERE tbl = ? AND uuid = ?')
    this.updateVersion = sqlite.prepare('UPDATE rows SET version = ? WHERE tbl = ? AND uuid = ?')
    this.deleteRow = sqlite.prepare('DELETE FROM rows WHERE tbl = ? AND uuid = ?')
    this.insertHistory = sqlite.prepare('INSERT INTO history (txn_id, date, comment, peer, delta) VALUES (?, ?, ?, ?, ?)')
    this.trimHistory = sqlite.prepare('DELETE FROM history WHERE seq <= (SELECT MAX(seq) FROM history) - ?')
    this.ephemeral = new EphemeralRows(schema)
    this.writeGroupInTransaction = sqlite.transaction((records: readonly CommitRecord[]) => this.writeAll(records))
  }

  /** Writes `records` in one SQLite transaction (synced when one is durable); throws on failure. */
  writeGroup(records: readonly CommitRecord[]): void {
    const durable = records.some((record) => record.durable)
    if (durable) this.sqlite.pragma('synchronous = FULL')
    try {
      this.writeGroupInTransaction(records)
    } finally {
      if (durable) this.sqlite.pragma('synchronous = NORMAL')
    }
    this.onGroup?.(records.length)
  }

  private writeAll(records: readonly CommitRecord[]): void {
    const before = this.ephemeral.size
    const date = new Date().toISOString()
    for (const record of records) {
      const known = this.writeRows(record.delta)
      const comment = record.comments.length === 0 ? null : record.comments.join('\n')
      this.insertHistory.run(record.txnId, date, comment, record.peer, deltaToText(record.delta, this.schema, known))
      this.ephemeral.apply(record.delta)
    }
    this.untrimmed += records.length
    if (this.untrimmed >= TRIM_EVERY) {
      this.trimHistory.run(this.keep)
      this.untrimmed = 0
    }
    if (this.ephemeral.size !== before) writeMeta(this.sqlite, 'ephemeral_rows', String(this.ephemeral.size))
  }

  /** Writes the rows `delta` changes; returns the data texts that are also the history's (see deltaToText). */
  private writeRows(delta: Delta): Map<Row, string> {
    const known = new Map<Row, string>()
    for (const [name, changes] of delta.tables) {
      const table = this.schema.tables.get(name)!
      const whole = tableCodec(table).ephemeral.length === 0
      for (const row of changes.inserted.values()) {
        const data = rowData(table, row)
        this.insertRow.run(name, row.uuid, row.version, data)
        if (whole) known.set(row, data)
      }
      for (const uuid of changes.deleted.keys()) this.deleteRow.run(name, uuid)
      for (const change of changes.modified.values()) this.writeModified(table, change.new, change.changed)
    }
    return known
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
