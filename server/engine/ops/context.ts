// What every operation executor receives (OVS struct ovsdb_execution) and the member readers
// they share: the table, a row, a column set. Executors are `(x, parser) => result`; they throw
// OvsdbError, and execute.ts turns that into the op's error slot.

import { datumFromJson, visitMembersAsOvs, type ColumnSchema, type Datum, type NamedUuidResolver, type TableSchema } from '../../../schema/index.js'
import { allColumns, findColumn } from '../columns.js'
import { syntaxError } from '../errors.js'
import type { OpParser } from '../parser.js'
import type { Transaction } from '../transaction.js'

/** The state one transact request's operations share. @internal */
export interface Execution {
  readonly txn: Transaction
  /** Resolves `["named-uuid", name]` through the transaction's symbol table. */
  readonly resolve: NamedUuidResolver
  readonly locksHeld: ReadonlySet<string>
  readonly elapsedMs: number
  /** The smallest `wait` timeout seen so far, Infinity when none (OVS x->timeout_msec). */
  timeoutMs: number
  durable: boolean
  readonly comments: string[]
}

/** One operation: reads its members from `parser`, acts on `x.txn`, returns the op's result object. @internal */
export type OpExecutor = (x: Execution, parser: OpParser) => Record<string, unknown>

/** Reads the `table` member (OVS parse_table): records "No table named X." for unknown tables. @internal */
export function parseTable(x: Execution, parser: OpParser): TableSchema | undefined {
  const name = parser.member('table', ['id'])
  if (typeof name !== 'string') return undefined
  const table = x.txn.db.schema.tables.get(name)
  if (table === undefined) parser.raise(`No table named ${name}.`)
  return table
}

/**
 * Parses a `<row>` object (OVS ovsdb_row_from_json): each member's datum by its column's type,
 * implicit columns included. Throws `syntax error` for a non-object, `unknown column` for a
 * member naming no column, and datum parsing errors: of several, the one ovsdb-server meets first.
 */
export function parseRow(x: Execution, table: TableSchema, json: unknown): Map<ColumnSchema, Datum> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw syntaxError(json, 'row must be JSON object')
  }
  const row = new Map<ColumnSchema, Datum>()
  visitMembersAsOvs(json as Record<string, unknown>, (name, value) => {
    const column = findColumn(table, name)
    if (column === undefined) throw syntaxError(json, `No column ${name} in table ${table.name}.`, 'unknown column')
    row.set(column, datumFromJson(value, column.type, x.resolve))
  })
  return row
}

/**
 * A `columns`-style member (OVS ovsdb_column_set_from_json): all columns (implicit first) when
 * absent; throws `syntax error` for unknown ("zz is not a valid column name") or repeated names.
 */
export function parseColumns(table: TableSchema, json: unknown): ColumnSchema[] {
  if (json === undefined) return allColumns(table)
  const columns: ColumnSchema[] = []
  for (const name of json as unknown[]) {
    if (typeof name !== 'string') throw syntaxError(json, 'array of distinct column names expected')
    const column = findColumn(table, name)
    if (column === undefined) throw syntaxError(json, `${name} is not a valid column name`)
    if (columns.includes(column)) throw syntaxError(json, 'array of distinct column names expected')
    columns.push(column)
  }
  return columns
}
