// A Delta as the history table stores it, per table and row UUID: `{"new": row}` for an insert,
// `{"old": row}` for a delete, and `{"old": row, "new": changes}` for a modification, where a row
// is its `_version` plus every non-default column (ephemeral ones included: history records what
// clients saw) and `changes` holds the new `_version` and the full new value of each changed column.

import { datumToJson, type DatabaseSchema, type TableSchema, type Uuid } from '../../schema/index.js'
import type { Delta, Row, RowChange, TableDelta } from '../engine/index.js'
import { fieldsFromJson, frozenRow, rowColumnsToJson, tableCodec } from './row-codec.js'
import { storedJsonText } from './stored-json.js'

type RowDeltaJson = { old?: Record<string, unknown>; new?: Record<string, unknown> }

/** Where deltaToText may find a row's stored text already made (a Map will do). */
export interface KnownTexts {
  get(row: Row): string | undefined
}

/** The JSON form of `delta` (tables in the Delta's order). */
export function deltaToJson(delta: Delta, schema: DatabaseSchema): Record<string, Record<Uuid, RowDeltaJson>> {
  const json: Record<string, Record<Uuid, RowDeltaJson>> = {}
  for (const [name, changes] of delta.tables) {
    const table = schema.tables.get(name)!
    const rows: Record<Uuid, RowDeltaJson> = {}
    for (const [uuid, row] of changes.inserted) rows[uuid] = { new: rowJson(table, row) }
    for (const [uuid, row] of changes.deleted) rows[uuid] = { old: rowJson(table, row) }
    for (const [uuid, change] of changes.modified) rows[uuid] = { old: rowJson(table, change.old), new: changesJson(table, change) }
    json[name] = rows
  }
  return json
}

/**
 * storedJsonText(deltaToJson(delta, schema)), written directly: `known` may give, for some rows,
 * the stored text of their non-default columns (all of them), which is then reused as it is.
 */
export function deltaToText(delta: Delta, schema: DatabaseSchema, known?: KnownTexts): string {
  let text = ''
  for (const [name, changes] of delta.tables) {
    const table = schema.tables.get(name)!
    const rows: string[] = []
    for (const [uuid, row] of changes.inserted) rows.push(`${JSON.stringify(uuid)}:{"new":${rowText(table, row, known)}}`)
    for (const [uuid, row] of changes.deleted) rows.push(`${JSON.stringify(uuid)}:{"old":${rowText(table, row, known)}}`)
    for (const [uuid, change] of changes.modified) {
      rows.push(`${JSON.stringify(uuid)}:{"old":${rowText(table, change.old, known)},"new":${storedJsonText(changesJson(table, change))}}`)
    }
    text += `${text === '' ? '' : ','}${JSON.stringify(name)}:{${rows.join(',')}}`
  }
  return `{${text}}`
}

/** The Delta `json` (from deltaToJson) describes. Throws when it does not fit `schema`. */
export function deltaFromJson(json: unknown, schema: DatabaseSchema): Delta {
  const tables = new Map<string, TableDelta>()
  for (const [name, rows] of Object.entries(json as Record<string, Record<Uuid, RowDeltaJson>>)) {
    const table = schema.tables.get(name)
    if (table === undefined) throw new Error(`stored transaction names unknown table "${name}"`)
    const inserted = new Map<Uuid, Row>()
    const modified = new Map<Uuid, RowChange>()
    const deleted = new Map<Uuid, Row>()
    for (const [uuid, row] of Object.entries(rows)) {
      const old = row.old === undefined ? undefined : rowFromJson(table, uuid, row.old)
      if (old === undefined) inserted.set(uuid, rowFromJson(table, uuid, row.new!))
      else if (row.new === undefined) deleted.set(uuid, old)
      else modified.set(uuid, changeFromJson(table, old, row.new))
    }
    tables.set(name, { inserted, modified, deleted })
  }
  return { tables }
}

function rowJson(table: TableSchema, row: Row): Record<string, unknown> {
  const codec = tableCodec(table)
  return { _version: row.version, ...rowColumnsToJson(row, codec.all, codec.defaults) }
}

/** The stored text of rowJson(table, row). */
function rowText(table: TableSchema, row: Row, known?: KnownTexts): string {
  const codec = tableCodec(table)
  const columns = known?.get(row) ?? storedJsonText(rowColumnsToJson(row, codec.all, codec.defaults))
  const version = `{"_version":${JSON.stringify(row.version)}`
  return columns === '{}' ? `${version}}` : `${version},${columns.slice(1)}`
}

function changesJson(table: TableSchema, change: RowChange): Record<string, unknown> {
  const json: Record<string, unknown> = { _version: change.new.version }
  for (const name of change.changed) {
    const column = table.columns.get(name)
    if (column !== undefined) json[name] = datumToJson(change.new.fields[name], column.type)
  }
  return json
}

function rowFromJson(table: TableSchema, uuid: Uuid, json: Record<string, unknown>): Row {
  const { _version: version, ...columns } = json
  return frozenRow(uuid, version as Uuid, fieldsFromJson(table, columns))
}

function changeFromJson(table: TableSchema, old: Row, json: Record<string, unknown>): RowChange {
  const { _version: version, ...columns } = json
  const fresh = frozenRow(old.uuid, version as Uuid, fieldsFromJson(table, columns, old.fields))
  return { old, new: fresh, changed: new Set(['_version', ...Object.keys(columns)]) }
}
