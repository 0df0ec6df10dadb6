// A committed transaction on its way into the store file, as plain data (strings and numbers
// only, so it can cross to the fold worker): its redo-log entry and the row writes it makes —
// the stored text of each inserted or changed row computed once, on the thread that committed.

import type { DatabaseSchema, TableSchema, Uuid } from '../../schema/index.js'
import type { Delta, Row } from '../engine/index.js'
import { deltaFromJson, deltaToText } from './delta-codec.js'
import type { RedoEntry } from './redo-log.js'
import { rowColumnsToJson, tableCodec } from './row-codec.js'
import type { CommitRecord } from './storage.js'
import { parseStoredJson, storedJsonText } from './stored-json.js'

/** One write to the `rows` table: [kind, table, uuid, version?, data?]. */
export type RowOp =
  | readonly ['insert' | 'update', string, Uuid, Uuid, string]
  | readonly ['version', string, Uuid, Uuid]
  | readonly ['delete', string, Uuid]

/** A transaction ready for the file. */
export interface PendingTxn {
  readonly entry: RedoEntry
  readonly rows: readonly RowOp[]
  readonly durable: boolean
}

/**
 * Stored texts of rows whose table has no ephemeral column, where such a text is also the row's
 * text in the history's Delta (deltaToText's `known`): those of the rows the previous group wrote
 * (a modified row's old version is often the previous transaction's new one), and those of the
 * rows the current group writes.
 */
export interface RowTexts {
  readonly earlier: ReadonlyMap<Row, string>
  readonly written: Map<Row, string>
}

/**
 * `record` as transaction number `seq`, committed at `date` and leaving `ephemeralRows` rows with
 * ephemeral values; the texts of the rows it writes go to `texts.written`, and every text there
 * is used instead of serialising a row again.
 */
export function pendingTxn(schema: DatabaseSchema, record: CommitRecord, seq: number, date: string, ephemeralRows: number, texts: RowTexts): PendingTxn {
  const rows = rowOps(schema, record.delta, texts.written)
  const known = { get: (row: Row) => texts.written.get(row) ?? texts.earlier.get(row) }
  const comment = record.comments.length === 0 ? null : record.comments.join('\n')
  const entry = { seq, txnId: record.txnId, date, comment, peer: record.peer, ephemeralRows, deltaText: deltaToText(record.delta, schema, known) }
  return { entry, rows, durable: record.durable }
}

/**
 * A transaction read back from the redo log, durable: the log is emptied once the file has it.
 * Throws when its delta does not fit `schema`.
 */
export function replayedTxn(schema: DatabaseSchema, entry: RedoEntry): PendingTxn {
  return { entry, rows: rowOps(schema, deltaFromJson(parseStoredJson(entry.deltaText), schema), new Map()), durable: true }
}

/** The row writes of `delta`; texts of written rows whose table has no ephemeral column go to `known`. */
function rowOps(schema: DatabaseSchema, delta: Delta, known: Map<Row, string>): RowOp[] {
  const ops: RowOp[] = []
  for (const [name, changes] of delta.tables) {
    const table = schema.tables.get(name)!
    const whole = tableCodec(table).ephemeral.length === 0
    for (const row of changes.inserted.values()) {
      const data = rowData(table, row)
      if (whole) known.set(row, data)
      ops.push(['insert', name, row.uuid, row.version, data])
    }
    for (const uuid of changes.deleted.keys()) ops.push(['delete', name, uuid])
    for (const { new: row, changed } of changes.modified.values()) {
      const persistent = tableCodec(table).persistent.some((column) => changed.has(column.name))
      if (!persistent) {
        ops.push(['version', name, row.uuid, row.version])
        continue
      }
      const data = rowData(table, row)
      if (whole) known.set(row, data)
      ops.push(['update', name, row.uuid, row.version, data])
    }
  }
  return ops
}

/** The `data` text of `row`: its non-default persistent columns. */
export function rowData(table: TableSchema, row: Row): string {
  const codec = tableCodec(table)
  return storedJsonText(rowColumnsToJson(row, codec.persistent, codec.defaults))
}
