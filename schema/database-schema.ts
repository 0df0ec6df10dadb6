// Database schemas in JSON (RFC 7047 §3.2 <database-schema>, the .ovsschema format) with
// ovsdb-server's validation (ovsdb/ovsdb.c): <id> names, x.y.z versions, known refTables, and
// its two fix-ups: no isRoot anywhere makes every table root, and strong references to non-root
// tables are forced persistent. Printing matches `get_schema`.

import { isStrongRef } from './column-schema.js'
import { OvsdbError } from './error.js'
import { jsonText } from './json-text.js'
import { MemberParser } from './member-parser.js'
import { visitMembersAsOvs } from './ovs-first-error.js'
import { columnsAsRead, tablesAsRead } from './ovs-hash-order.js'
import { checkName, tableSchemaFromJson, tableSchemaToJson } from './table-schema.js'
import type { BaseType, ColumnSchema, DatabaseSchema, TableSchema } from './types.js'

/** Parses a database schema; throws `syntax error` worded as ovsdb-server/ovsdb-tool word it. */
export function databaseSchemaFromJson(json: unknown): DatabaseSchema {
  const parser = new MemberParser(json, 'database schema')
  const name = parser.required('name', ['id']) as string
  const version = parser.optional('version', ['string']) as string | undefined
  const cksum = parser.optional('cksum', ['string']) as string | undefined
  const tablesJson = parser.required('tables', ['object']) as Record<string, unknown>
  parser.finish()
  if (version !== undefined && !/^[0-9]+\.[0-9]+\.[0-9]+$/.test(version)) {
    throw new OvsdbError('syntax error', `schema version "${version}" not in format x.y.z`, jsonText(json))
  }
  const tables = new Map<string, TableSchema>()
  visitMembersAsOvs(tablesJson, (tableName, tableJson) => {
    checkName(tableName, json)
    tables.set(tableName, tableSchemaFromJson(tableJson, tableName))
  })
  const schema: DatabaseSchema = { name, version: version ?? '', ...(cksum === undefined ? {} : { cksum }), tables }
  return { ...schema, tables: checkReferences(schema) }
}

/** The schema JSON `get_schema` returns (members at their defaults left out, as ovsdb-server does). */
export function databaseSchemaToJson(schema: DatabaseSchema): unknown {
  const json: Record<string, unknown> = { name: schema.name }
  if (schema.version !== '') json.version = schema.version
  if (schema.cksum !== undefined && schema.cksum !== '') json.cksum = schema.cksum
  const roots = [...schema.tables.values()].filter((table) => isRootTable(schema, table)).length
  const defaultIsRoot = roots === schema.tables.size
  const tables: Record<string, unknown> = {}
  for (const table of schema.tables.values()) {
    tables[table.name] = tableSchemaToJson(table, isRootTable(schema, table), defaultIsRoot)
  }
  json.tables = tables
  return json
}

/**
 * Whether rows of `table` survive without references (RFC 7047 §3.2): its declared isRoot, or
 * true for every table when no table of the schema declares isRoot.
 */
export function isRootTable(schema: DatabaseSchema, table: TableSchema | string): boolean {
  const declared = typeof table === 'string' ? schema.tables.get(table)?.isRoot : table.isRoot
  return declared === true || !hasDeclaredRoots(schema)
}

const declaredRoots = new WeakMap<DatabaseSchema, boolean>()

function hasDeclaredRoots(schema: DatabaseSchema): boolean {
  let found = declaredRoots.get(schema)
  if (found === undefined) {
    found = [...schema.tables.values()].some((table) => table.isRoot)
    declaredRoots.set(schema, found)
  }
  return found
}

/** Checks every refTable exists and forces strong references to non-root tables persistent. */
function checkReferences(schema: DatabaseSchema): Map<string, TableSchema> {
  try {
    for (const table of schema.tables.values()) for (const column of table.columns.values()) checkRefTables(schema, column)
  } catch (error) {
    // ovsdb-server walks its own tables and columns (_uuid and _version first), each filled in the
    // hash order of the JSON's members, in their hash order: the error it meets first is thrown.
    for (const name of tablesAsRead([...schema.tables.keys()])) {
      const columns = schema.tables.get(name)!.columns
      for (const column of columnsAsRead([...columns.keys()])) {
        if (columns.has(column)) checkRefTables(schema, columns.get(column)!)
      }
    }
    throw error
  }
  const tables = new Map<string, TableSchema>()
  for (const table of schema.tables.values()) {
    const columns = new Map<string, ColumnSchema>()
    for (const column of table.columns.values()) {
      const forced = [column.type.key, column.type.value].some(
        (base) => isStrongRef(base) && !isRootTable(schema, base!.refTable!),
      )
      columns.set(column.name, forced && column.ephemeral ? { ...column, ephemeral: false } : column)
    }
    tables.set(table.name, { ...table, columns })
  }
  return tables
}

function checkRefTables(schema: DatabaseSchema, column: ColumnSchema): void {
  checkRefTable(schema, column, column.type.key, 'key')
  checkRefTable(schema, column, column.type.value, 'value')
}

function checkRefTable(schema: DatabaseSchema, column: ColumnSchema, base: BaseType | undefined, which: string): void {
  if (base?.refTable !== undefined && !schema.tables.has(base.refTable)) {
    throw new OvsdbError('syntax error', `column ${column.name} ${which} refers to undefined table ${base.refTable}`)
  }
}
