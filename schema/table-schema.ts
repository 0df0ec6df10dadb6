// Table schemas in JSON (RFC 7047 §3.2 <table-schema>): columns, maxRows, isRoot, indexes and
// the table-level `mutable` extension, with ovsdb-server's validation and wording (ovsdb/table.c).
// The implicit `_uuid` (persistent) and `_version` (ephemeral) columns may appear in indexes.

import { columnSchemaFromJson, columnSchemaToJson } from './column-schema.js'
import { OvsdbError } from './error.js'
import { isId } from './id.js'
import { jsonInteger, UINT_MAX } from './integer.js'
import { jsonText } from './json-text.js'
import { MemberParser } from './member-parser.js'
import { visitMembersAsOvs } from './ovs-first-error.js'
import type { ColumnSchema, TableSchema } from './types.js'

/** Parses the schema of table `name`; throws `syntax error` with ovsdb-server's details. */
export function tableSchemaFromJson(json: unknown, name: string): TableSchema {
  const parser = new MemberParser(json, `table schema for table ${name}`)
  const columnsJson = parser.required('columns', ['object']) as Record<string, unknown>
  const mutable = parser.optional('mutable', ['boolean'])
  const maxRowsJson = parser.optional('maxRows', ['integer'])
  const isRoot = parser.optional('isRoot', ['boolean'])
  const indexesJson = parser.optional('indexes', ['array']) as unknown[] | undefined
  parser.finish()
  const maxRows = maxRowsFromJson(maxRowsJson, json)
  const columns = columnsFromJson(columnsJson, json)
  const indexes = (indexesJson ?? []).map((index) => indexFromJson(index, columns, json))
  return {
    name,
    columns,
    isRoot: isRoot === true,
    indexes,
    ...(maxRows === undefined ? {} : { maxRows }),
    ...(mutable === false ? { mutable: false } : {}),
  }
}

/**
 * The <table-schema> JSON ovsdb-server prints. `isRoot` is printed only when it differs from
 * `defaultIsRoot` (true when every table of the database is root) and is the effective value.
 */
export function tableSchemaToJson(table: TableSchema, isRoot: boolean, defaultIsRoot: boolean): unknown {
  const json: Record<string, unknown> = {}
  if (table.mutable === false) json.mutable = false
  if (isRoot !== defaultIsRoot) json.isRoot = isRoot
  const columns: Record<string, unknown> = {}
  for (const column of table.columns.values()) columns[column.name] = columnSchemaToJson(column)
  json.columns = columns
  if (table.maxRows !== undefined) json.maxRows = table.maxRows
  if (table.indexes.length > 0) json.indexes = table.indexes.map((index) => [...index])
  return json
}

function maxRowsFromJson(maxRowsJson: unknown, json: unknown): number | undefined {
  if (maxRowsJson === undefined) return undefined
  const maxRows = jsonInteger(maxRowsJson)!
  if (maxRows <= 0) throw new OvsdbError('syntax error', 'maxRows must be at least 1', jsonText(json))
  return maxRows >= UINT_MAX ? undefined : Number(maxRows)
}

function columnsFromJson(columnsJson: Record<string, unknown>, json: unknown): Map<string, ColumnSchema> {
  if (Object.keys(columnsJson).length === 0) throw new OvsdbError('syntax error', 'table must have at least one column', jsonText(json))
  const columns = new Map<string, ColumnSchema>()
  visitMembersAsOvs(columnsJson, (name, columnJson) => {
    checkName(name, json)
    columns.set(name, columnSchemaFromJson(columnJson, name))
  })
  return columns
}

/** Table and column names: `_` prefixes are reserved; the rest must be <id>s (syntax: the parent's JSON). */
export function checkName(name: string, parentJson: unknown): void {
  if (name.startsWith('_')) {
    throw new OvsdbError('syntax error', 'names beginning with "_" are reserved', jsonText(parentJson))
  }
  if (!isId(name)) throw new OvsdbError('syntax error', 'name must be a valid id', jsonText(parentJson))
}

function indexFromJson(index: unknown, columns: ReadonlyMap<string, ColumnSchema>, json: unknown): string[] {
  const names = columnSetFromJson(index, columns)
  if (names.length === 0) throw new OvsdbError('syntax error', 'index must have at least one column', jsonText(json))
  for (const name of names) {
    if (name === '_version' || columns.get(name)?.ephemeral === true) {
      throw new OvsdbError('syntax error', `ephemeral columns (such as ${name}) may not be indexed`, jsonText(json))
    }
  }
  return names
}

/** An array of distinct existing column names (the implicit `_uuid` and `_version` included). */
function columnSetFromJson(json: unknown, columns: ReadonlyMap<string, ColumnSchema>): string[] {
  const distinct = (): OvsdbError =>
    new OvsdbError('syntax error', 'array of distinct column names expected', jsonText(json))
  if (!Array.isArray(json)) throw distinct()
  const names: string[] = []
  for (const name of json) {
    if (typeof name !== 'string') throw distinct()
    if (!columns.has(name) && name !== '_uuid' && name !== '_version') {
      throw new OvsdbError('syntax error', `${name} is not a valid column name`, jsonText(json))
    }
    if (names.includes(name)) throw distinct()
    names.push(name)
  }
  return names
}
