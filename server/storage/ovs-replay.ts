// Replays the records of an Open vSwitch standalone database file into rows (ovsdb/file.c): the
// first record is the schema, each later one a transaction `{"<table>": {"<uuid>": null | row},
// "_date", "_comment", "_is_diff"}` where null deletes, a new UUID inserts (over the defaults) and a
// known one modifies the listed columns, as full values or, with `_is_diff`, as column diffs —
// except that, as ovsdb-server reads them, a column still at its default takes the value whole.

import { databaseSchemaFromJson, datumEquals, datumFromJson, isJsonObject, isUuid, type DatabaseSchema, type Datum, type TableSchema, type Uuid } from '../../schema/index.js'
import { applyDiffJson, isDiffColumn } from './ovs-diff.js'
import { tableCodec } from './row-codec.js'

/** The database a file describes once every transaction is applied. */
export interface ReplayedDatabase {
  readonly schema: DatabaseSchema
  /** Rows by table, then UUID (in insertion order), each with every declared column. */
  readonly tables: Map<string, Map<Uuid, Record<string, Datum>>>
  /** How many transaction records were applied. */
  readonly transactions: number
}

/** Applies `records`; throws an Error naming the record for anything that does not fit the schema. */
export function replayOvsdbLog(records: readonly unknown[]): ReplayedDatabase {
  if (records.length === 0) throw new Error('empty file: no schema record')
  const schema = databaseSchemaFromJson(records[0])
  const tables = new Map<string, Map<Uuid, Record<string, Datum>>>()
  for (const name of schema.tables.keys()) tables.set(name, new Map())
  for (let i = 1; i < records.length; i++) {
    try {
      applyTransaction(schema, tables, records[i])
    } catch (error) {
      throw new Error(`record ${i}: ${(error as Error).message}`, { cause: error })
    }
  }
  return { schema, tables, transactions: records.length - 1 }
}

function applyTransaction(schema: DatabaseSchema, tables: Map<string, Map<Uuid, Record<string, Datum>>>, record: unknown): void {
  if (!isJsonObject(record)) throw new Error('transaction record is not a JSON object')
  const isDiff = record._is_diff === true
  for (const [name, rows] of Object.entries(record)) {
    if (name.startsWith('_')) continue
    const table = schema.tables.get(name)
    if (table === undefined) throw new Error(`unknown table "${name}"`)
    if (!isJsonObject(rows)) throw new Error(`table "${name}" changes are not a JSON object`)
    const committed = tables.get(name)!
    for (const [uuid, row] of Object.entries(rows)) applyRow(table, committed, uuid, row, isDiff)
  }
}

function applyRow(table: TableSchema, rows: Map<Uuid, Record<string, Datum>>, uuid: Uuid, json: unknown, isDiff: boolean): void {
  if (!isUuid(uuid)) throw new Error(`${table.name} row "${uuid}" is not named by a UUID`)
  if (json === null) {
    if (!rows.delete(uuid)) throw new Error(`deletes missing ${table.name} row ${uuid}`)
    return
  }
  if (!isJsonObject(json)) throw new Error(`${table.name} row ${uuid} is neither null nor a JSON object`)
  const { defaults } = tableCodec(table)
  const fields = rows.get(uuid) ?? { ...defaults }
  for (const [name, value] of Object.entries(json)) {
    const column = table.columns.get(name)
    if (column === undefined) throw new Error(`${table.name} row ${uuid}: unknown column "${name}"`)
    const diff = isDiff && isDiffColumn(column.type) && !datumEquals(fields[name], defaults[name])
    fields[name] = diff ? applyDiffJson(fields[name], value, column.type) : datumFromJson(value, column.type)
  }
  rows.set(uuid, fields)
}
