// Rows as storage writes them: a JSON object of the columns whose value differs from the column's
// default, each in RFC 7047 notation (datumToJson), and back into frozen engine Rows with the
// defaults filled in. The `rows` table uses the persistent columns; history uses all of them.

import { datumEquals, datumFromJson, datumToJson, defaultDatum, type ColumnSchema, type Datum, type TableSchema, type Uuid } from '../../schema/index.js'
import type { Row } from '../engine/index.js'
import { fieldsFactory } from './row-shape.js'

interface TableCodec {
  readonly all: readonly ColumnSchema[]
  readonly persistent: readonly ColumnSchema[]
  readonly ephemeral: readonly ColumnSchema[]
  readonly defaults: Readonly<Record<string, Datum>>
}

const codecs = new WeakMap<TableSchema, TableCodec>()

/** The table's columns split by persistence, and its default datums. */
export function tableCodec(table: TableSchema): TableCodec {
  let codec = codecs.get(table)
  if (codec === undefined) {
    const all = [...table.columns.values()]
    const defaults: Record<string, Datum> = {}
    for (const column of all) defaults[column.name] = defaultDatum(column.type)
    codec = {
      all,
      persistent: all.filter((column) => !column.ephemeral),
      ephemeral: all.filter((column) => column.ephemeral),
      defaults: Object.freeze(defaults),
    }
    codecs.set(table, codec)
  }
  return codec
}

/** The columns of `row` among `columns` that do not hold their default value, as JSON. */
export function rowColumnsToJson(row: Row, columns: readonly ColumnSchema[], defaults: Readonly<Record<string, Datum>>): Record<string, unknown> {
  const json: Record<string, unknown> = {}
  for (const column of columns) {
    const datum = row.fields[column.name]
    if (!datumEquals(datum, defaults[column.name])) json[column.name] = datumToJson(datum, column.type)
  }
  return json
}

/**
 * Every column named in `json` parsed as a datum of `table`, over `base` (the defaults when
 * absent). Throws OvsdbError for a value that is not valid for its column and a plain Error for
 * an unknown column: either means the stored data does not fit the schema.
 */
export function fieldsFromJson(table: TableSchema, json: Record<string, unknown>, base?: Readonly<Record<string, Datum>>): Record<string, Datum> {
  const fields = fieldsFactory(table)(base ?? tableCodec(table).defaults)
  for (const name in json) {
    const column = table.columns.get(name)
    if (column === undefined) throw new Error(`stored row of table ${table.name} has unknown column "${name}"`)
    fields[name] = datumFromJson(json[name], column.type)
  }
  return fields
}

/** A frozen Row. */
export function frozenRow(uuid: Uuid, version: Uuid, fields: Record<string, Datum>): Row {
  Object.freeze(fields)
  return Object.freeze({ uuid, version, fields })
}
