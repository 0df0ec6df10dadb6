// A schema's JSON with its members in the order ovsdb-server writes them (ovsdb/ovsdb.c,
// ovsdb/table.c, ovsdb/column.c, lib/ovsdb-types.c *_to_json): each object built member by member
// in its code's order, then walked in hash order (ovs-hash-order.ts). Tables and columns are
// printed in the order the schema's own tables hold them, which depends on the schema's history:
// reading it walks the text's object in hash order into the schema's table (a table's columns
// after `_uuid` and `_version`), copying it (`convert` does) walks one table into another, and
// printing walks that. So the order follows from the text order and the steps taken since. Our
// store keeps a schema in the order a database file of ovsdb-server would hold it (CREATE_FILE,
// CONVERT_FILE; an imported file's as it was), and get_schema prints it as read from there.

import { databaseSchemaFromJson, databaseSchemaToJson } from './database-schema.js'
import { columnsAsRead, ovsTableOrder, tablesAsRead } from './ovs-hash-order.js'
import type { DatabaseSchema } from './types.js'

type JsonObject = Record<string, unknown>

/** The members of each kind of object, in the order ovsdb-server puts them. */
const SCHEMA_MEMBERS = ['name', 'version', 'cksum', 'tables']
const TABLE_MEMBERS = ['mutable', 'isRoot', 'columns', 'maxRows', 'indexes']
const COLUMN_MEMBERS = ['mutable', 'ephemeral', 'type']
const TYPE_MEMBERS = ['key', 'value', 'min', 'max']
const BASE_TYPE_MEMBERS = ['type', 'enum', 'minInteger', 'maxInteger', 'minReal', 'maxReal', 'minLength', 'maxLength', 'refTable', 'refType']

/** The columns every table has before its own. */
const BUILT_IN_COLUMNS = ['_uuid', '_version']

/**
 * What happened to a schema: ovsdb-server read it from text, printed it, or copied it; or its
 * JSON text was printed as plain JSON (what a database file keeps of a `convert` request).
 */
export type SchemaStep = 'read' | 'print' | 'clone' | 'text'

/** A schema the server reads from its database file (or, `_Server`, from its built-in text). */
export const READ_ONCE: readonly SchemaStep[] = ['read']
/** The schema a `convert` request carried, until the server restarts. */
export const CONVERTED: readonly SchemaStep[] = ['read', 'clone']
/** What `ovsdb-tool create` does with a schema file to write a database file. */
export const CREATE_FILE: readonly SchemaStep[] = ['read', 'print']
/** What a database file keeps of the schema a `convert` request carried. */
export const CONVERT_FILE: readonly SchemaStep[] = ['text']

/** How each step reorders the tables of a schema (a table's columns keep their own order). */
const TABLE_STEPS: Record<SchemaStep, (order: readonly string[]) => string[]> = {
  read: tablesAsRead,
  print: (order) => ovsTableOrder(order),
  clone: (order) => ovsTableOrder(order),
  text: (order) => ovsTableOrder(order),
}

/** How each step reorders a table's columns (`_uuid` and `_version` included while held). */
const COLUMN_STEPS: Record<SchemaStep, (order: readonly string[]) => string[]> = {
  read: columnsAsRead,
  print: (order) => ovsTableOrder(userColumns(order)),
  clone: (order) => ovsTableOrder([...BUILT_IN_COLUMNS, ...userColumns(order)]),
  text: (order) => ovsTableOrder(order),
}

/**
 * The JSON of `schema` (its tables and columns in the order of the text it was read from) with
 * every member in the order ovsdb-server prints it after `steps`.
 */
export function schemaJsonInOvsOrder(source: DatabaseSchema, steps: readonly SchemaStep[]): unknown {
  const schema = withOrders(databaseSchemaToJson(source) as JsonObject, [...steps, 'print'])
  const tables: JsonObject = {}
  for (const [name, table] of Object.entries(schema.tables as Record<string, JsonObject>)) {
    const columns: JsonObject = {}
    for (const [column, json] of Object.entries(table.columns as Record<string, JsonObject>)) columns[column] = columnInOvsOrder(json)
    tables[name] = ordered({ ...table, columns }, TABLE_MEMBERS)
  }
  return ordered({ ...schema, tables }, SCHEMA_MEMBERS)
}

/** `schema` with its tables and columns in their order after `steps` (say, as a database file holds them). */
export function schemaAfter(schema: DatabaseSchema, steps: readonly SchemaStep[]): DatabaseSchema {
  return databaseSchemaFromJson(withOrders(databaseSchemaToJson(schema) as JsonObject, steps))
}

/** `schema` (JSON) with its tables and each table's columns reordered by `steps`; other members as they are. */
function withOrders(schema: JsonObject, steps: readonly SchemaStep[]): JsonObject {
  const tables = schema.tables as Record<string, JsonObject>
  const reordered: JsonObject = {}
  for (const name of steps.reduce((order, step) => TABLE_STEPS[step](order), Object.keys(tables))) {
    const columns = tables[name].columns as Record<string, JsonObject>
    const columnOrder = steps.reduce((order, step) => COLUMN_STEPS[step](order), Object.keys(columns))
    reordered[name] = { ...tables[name], columns: Object.fromEntries(userColumns(columnOrder).map((column) => [column, columns[column]])) }
  }
  return { ...schema, tables: reordered }
}

function userColumns(order: readonly string[]): string[] {
  return order.filter((name) => !name.startsWith('_'))
}

function columnInOvsOrder(column: JsonObject): JsonObject {
  return ordered({ ...column, type: typeInOvsOrder(column.type) }, COLUMN_MEMBERS)
}

function typeInOvsOrder(type: unknown): unknown {
  if (typeof type !== 'object' || type === null) return type
  const { key, value } = type as JsonObject
  const members: JsonObject = { ...(type as JsonObject), key: baseTypeInOvsOrder(key) }
  if (value !== undefined) members.value = baseTypeInOvsOrder(value)
  return ordered(members, TYPE_MEMBERS)
}

function baseTypeInOvsOrder(base: unknown): unknown {
  return typeof base === 'object' && base !== null ? ordered(base as JsonObject, BASE_TYPE_MEMBERS) : base
}

/** `object`'s members inserted in `members` order (others after them), walked in hash order. */
function ordered(object: JsonObject, members: readonly string[]): JsonObject {
  const present = Object.keys(object).filter((key) => object[key] !== undefined)
  const insertion = [...members.filter((key) => present.includes(key)), ...present.filter((key) => !members.includes(key))]
  const result: JsonObject = {}
  for (const key of ovsTableOrder(insertion)) result[key] = object[key]
  return result
}
