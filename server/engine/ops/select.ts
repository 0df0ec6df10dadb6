// The `select` operation (RFC 7047 §5.2.2, OVS ovsdb_execute_select): matching rows projected on
// `columns` (all, implicit ones included, by default), made distinct when `_uuid` is not among
// them, and ordered by the OVS `sort` extension member when given.

import { compareDatums, type ColumnSchema } from '../../../schema/index.js'
import { parseCondition } from '../condition.js'
import { datumKey } from '../datum-ops.js'
import type { OpParser } from '../parser.js'
import { query } from '../query.js'
import { rowDatum, rowToJson, type Row } from '../row.js'
import { parseColumns, parseTable, type Execution } from './context.js'

/** Selects rows; result `{"rows": [...]}`. Throws condition and column-set errors. */
export function executeSelect(x: Execution, parser: OpParser): Record<string, unknown> {
  const table = parseTable(x, parser)
  const where = parser.member('where', ['array']) as unknown[]
  const columnsJson = parser.member('columns', ['array'], true)
  const sortJson = parser.member('sort', ['array'], true)
  parser.check()
  const clauses = parseCondition(table!, where, x.resolve)
  const columns = parseColumns(table!, columnsJson)
  const sort = sortJson === undefined ? [] : parseColumns(table!, sortJson)
  let rows = query(x.txn, table!.name, clauses)
  if (!columns.some((column) => column.name === '_uuid')) rows = distinct(rows, columns)
  if (sort.length > 0) rows.sort((a, b) => compareRows(a, b, sort))
  return { rows: rows.map((row) => rowToJson(row, columns)) }
}

/** The first row of each group of rows equal on `columns` (OVS ovsdb_query_distinct). */
export function distinct(rows: readonly Row[], columns: readonly ColumnSchema[]): Row[] {
  const seen = new Set<string>()
  return rows.filter((row) => {
    const key = projectionKey(row, columns)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** A string equal for two rows exactly when they agree on `columns`. */
export function projectionKey(row: Row, columns: readonly ColumnSchema[]): string {
  let key = ''
  for (const column of columns) key += datumKey(rowDatum(row, column.name)) + '|'
  return key
}

function compareRows(a: Row, b: Row, columns: readonly ColumnSchema[]): number {
  for (const column of columns) {
    const order = compareDatums(rowDatum(a, column.name), rowDatum(b, column.name), column.type)
    if (order !== 0) return order
  }
  return 0
}
