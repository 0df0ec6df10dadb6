// Column lookup including the two implicit columns every table has (RFC 7047 §3.2): `_uuid` and
// `_version`, both immutable uuid scalars, as ovsdb/table.c adds them ahead of the declared ones.

import type { ColumnSchema, ColumnType, TableSchema } from '../../schema/index.js'

const UUID_TYPE: ColumnType = { key: { type: 'uuid' }, min: 1, max: 1 }

/** The implicit `_uuid` column. */
export const UUID_COLUMN: ColumnSchema = { name: '_uuid', type: UUID_TYPE, ephemeral: false, mutable: false }
/** The implicit `_version` column. */
export const VERSION_COLUMN: ColumnSchema = { name: '_version', type: UUID_TYPE, ephemeral: false, mutable: false }

/** The named column of `table`, implicit columns included; undefined when there is none. */
export function findColumn(table: TableSchema, name: string): ColumnSchema | undefined {
  if (name === '_uuid') return UUID_COLUMN
  if (name === '_version') return VERSION_COLUMN
  return table.columns.get(name)
}

/** Every column of `table`: `_uuid`, `_version`, then the declared columns in schema order. */
export function allColumns(table: TableSchema): ColumnSchema[] {
  return [UUID_COLUMN, VERSION_COLUMN, ...table.columns.values()]
}
