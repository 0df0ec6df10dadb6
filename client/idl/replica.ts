// The IDL's local copy of a database: the registered tables and columns of each row, kept current
// by applying monitor RowChanges (lib/ovsdb-idl.c ovsdb_idl_row_change). Unregistered columns read
// as their default, unregistered tables as empty, exactly as the C IDL presents them.

import { compareAtoms, datumFromJson, defaultDatum, makeDatum } from '../../schema/index.js'
import type { Atom, ColumnType, DatabaseSchema, Datum, TableSchema } from '../../schema/index.js'
import type { RowChange } from '../monitor.js'

/** One replicated row: its registered columns' datums (absent means default). */
export type RowData = Map<string, Datum>

/** A replica of the registered part of one database. */
export class Replica {
  /** table name → uuid → row, in the order rows arrived. */
  readonly tables = new Map<string, Map<string, RowData>>()

  constructor(readonly schema: DatabaseSchema, readonly select: ReadonlyMap<string, readonly string[]>) {
    for (const table of select.keys()) this.tables.set(table, new Map())
  }

  /** Applies monitor changes in order. Unknown tables and columns are ignored (as the C IDL warns and skips). */
  apply(changes: readonly RowChange[]): void {
    for (const change of changes) {
      const rows = this.tables.get(change.table)
      const table = this.schema.tables.get(change.table)
      if (rows === undefined || table === undefined) continue
      if (change.kind === 'delete') {
        rows.delete(change.uuid)
      } else if (change.kind === 'row') {
        rows.set(change.uuid, rowFromJson(table, change.row))
      } else {
        const row = new Map<string, Datum>(rows.get(change.uuid))
        applyDiff(table, row, change.row)
        rows.set(change.uuid, row)
      }
    }
  }

  /** The datum of `column` in row `uuid` of `table` (default when unregistered or absent). */
  read(table: string, uuid: string, column: string): Datum {
    const datum = this.tables.get(table)?.get(uuid)?.get(column)
    return datum ?? defaultDatum(columnType(this.schema, table, column))
  }
}

/** The type of `table`.`column`; throws Error for a name the schema lacks (a caller bug). */
export function columnType(schema: DatabaseSchema, table: string, column: string): ColumnType {
  const type = schema.tables.get(table)?.columns.get(column)?.type
  if (type === undefined) throw new Error(`no column ${table}.${column}`)
  return type
}

function rowFromJson(table: TableSchema, json: Readonly<Record<string, unknown>>): RowData {
  const row: RowData = new Map()
  for (const [name, value] of Object.entries(json)) {
    const column = table.columns.get(name)
    if (column !== undefined) row.set(name, datumFromJson(value, column.type))
  }
  return row
}

/** ovsdb_datum_apply_diff_in_place: replace scalars; toggle set members; add, change or remove map keys. */
function applyDiff(table: TableSchema, row: RowData, json: Readonly<Record<string, unknown>>): void {
  for (const [name, value] of Object.entries(json)) {
    const column = table.columns.get(name)
    if (column === undefined) continue
    const type = column.type
    const diff = datumFromJson(value, transientType(type))
    if (type.max <= 1) {
      row.set(name, diff)
      continue
    }
    row.set(name, mergeDiff(row.get(name) ?? defaultDatum(type), diff, type))
  }
}

function mergeDiff(old: Datum, diff: Datum, type: ColumnType): Datum {
  const entries = new Map<Atom, Atom | undefined>()
  old.keys.forEach((key, i) => entries.set(key, old.values?.[i]))
  diff.keys.forEach((key, i) => {
    const value = diff.values?.[i]
    if (!entries.has(key)) entries.set(key, value)
    else if (type.value !== undefined && entries.get(key) !== value) entries.set(key, value)
    else entries.delete(key)
  })
  const keys = [...entries.keys()].sort((a, b) => compareAtoms(a, b, type.key.type))
  return makeDatum(keys, type.value === undefined ? undefined : keys.map((k) => entries.get(k)!), type)
}

/** The column's type without size limits or constraints, for parsing diffs. */
export function transientType(type: ColumnType): ColumnType {
  return { key: { type: type.key.type }, ...(type.value ? { value: { type: type.value.type } } : {}), min: 0, max: Infinity }
}
