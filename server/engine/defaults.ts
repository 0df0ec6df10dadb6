// Default values of a table's columns (RFC 7047 §5.1), computed once per table schema: a new
// row starts as a copy of these, and `wait` fills the columns its expected rows leave out.

import { defaultDatum, type Datum, type TableSchema } from '../../schema/index.js'

const cache = new WeakMap<TableSchema, Readonly<Record<string, Datum>>>()

/** Every declared column of `table` mapped to its default datum (a shared, frozen object). */
export function defaultFields(table: TableSchema): Readonly<Record<string, Datum>> {
  let fields = cache.get(table)
  if (fields === undefined) {
    const built: Record<string, Datum> = {}
    for (const [name, column] of table.columns) built[name] = defaultDatum(column.type)
    fields = Object.freeze(built)
    cache.set(table, fields)
  }
  return fields
}
