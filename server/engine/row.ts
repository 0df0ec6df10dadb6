// A row as the engine stores it: its UUID, its `_version` and one datum per declared column.
// Committed rows are frozen; a transaction works on drafts (fresh `fields` objects it owns) and
// freezes them when it commits. Storage, monitors and history receive these rows in a Delta.

import { datumToJson, type ColumnSchema, type Datum, type Uuid } from '../../schema/index.js'

/** One row: `fields` holds every declared column of its table (defaults included), never `_uuid`/`_version`. */
export interface Row {
  readonly uuid: Uuid
  readonly version: Uuid
  readonly fields: Readonly<Record<string, Datum>>
}

/** A row being built or changed by a transaction; becomes a frozen Row at commit. @internal */
export interface DraftRow {
  readonly uuid: Uuid
  version: Uuid
  fields: Record<string, Datum>
}

/** The datum of `column` in `row`, implicit columns included. */
export function rowDatum(row: Row, column: string): Datum {
  if (column === '_uuid') return { keys: [row.uuid] }
  if (column === '_version') return { keys: [row.version] }
  return row.fields[column]
}

/** A draft copy of `row` (fields object copied, datums shared: they are immutable). @internal */
export function draftOf(row: Row): DraftRow {
  return { uuid: row.uuid, version: row.version, fields: { ...row.fields } }
}

/** Freezes a draft into a committed Row. @internal */
export function freezeRow(row: DraftRow): Row {
  Object.freeze(row.fields)
  return Object.freeze(row)
}

/**
 * The row's JSON (RFC 7047 §5.1 <row>) restricted to `columns` in their order, as `select`
 * and `monitor` send it: `_uuid`/`_version` as `["uuid", …]`, other columns by datumToJson.
 */
export function rowToJson(row: Row, columns: readonly ColumnSchema[]): Record<string, unknown> {
  const json: Record<string, unknown> = {}
  for (const column of columns) json[column.name] = datumToJson(rowDatum(row, column.name), column.type)
  return json
}
