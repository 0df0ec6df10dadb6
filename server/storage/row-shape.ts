// A per-table factory that builds a row's `fields` object in one allocation with every column in
// schema order. Restart builds one per stored row (100k and more); V8 allocates an object literal
// with all its properties in place, where adding 40 properties one by one reallocates as it grows
// (about 4x slower, and the garbage costs collections). The literal is generated once per table.

import { isId, type Datum, type TableSchema } from '../../schema/index.js'

/** Copies `from` (one datum per column) into a fresh object of the table's fixed shape. */
export type FieldsFactory = (from: Readonly<Record<string, Datum>>) => Record<string, Datum>

const factories = new WeakMap<TableSchema, FieldsFactory>()

/** The factory for `table`'s rows (built on first use). */
export function fieldsFactory(table: TableSchema): FieldsFactory {
  let factory = factories.get(table)
  if (factory === undefined) {
    const names = [...table.columns.keys()]
    if (!names.every(isId)) throw new Error(`table ${table.name} has a column name that is not an identifier`)
    const members = names.map((name) => `${JSON.stringify(name)}: from[${JSON.stringify(name)}]`)
    factory = new Function('from', `return { ${members.join(', ')} }`) as FieldsFactory
    factories.set(table, factory)
  }
  return factory
}
