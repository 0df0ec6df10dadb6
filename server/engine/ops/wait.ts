// The `wait` operation (RFC 7047 §5.2.6, OVS ovsdb_execute_wait): compares the set of matching
// rows, projected on `columns`, with `rows`. When the test fails before `timeout` ms have passed
// it raises `not supported` (OVS's trigger signal), which execute.ts turns into "blocked".

import { datumEquals, ZERO_UUID, type ColumnSchema, type Datum, type TableSchema } from '../../../schema/index.js'
import { parseCondition, type Clause } from '../condition.js'
import { defaultFields } from '../defaults.js'
import { ovsdbError, syntaxError } from '../errors.js'
import type { OpParser } from '../parser.js'
import { query } from '../query.js'
import { rowDatum, type Row } from '../row.js'
import { parseColumns, parseRow, parseTable, type Execution } from './context.js'
import { projectionKey } from './select.js'
import { pinnedUuid, verifiedInPlace } from './wait-in-place.js'

/**
 * Succeeds with `{}` when the rows compare as `until` asks. Otherwise throws `timed out`
 * (once `timeout` has elapsed: "\"where\" clause test failed" at 0 ms, else "\"wait\" timed out
 * after N ms") or `not supported` (still waiting). Syntax errors for bad timeout/until/rows.
 */
export function executeWait(x: Execution, parser: OpParser): Record<string, unknown> {
  const timeout = parser.member('timeout', ['integer'], true) as number | bigint | undefined
  const where = parser.member('where', ['array']) as unknown[]
  const columnsJson = parser.member('columns', ['array'], true)
  const until = parser.member('until', ['string']) as string
  const rowsJson = parser.member('rows', ['array']) as unknown[]
  const table = parseTable(x, parser)
  parser.check()
  const uuid = pinnedUuid(where)
  const clauses = uuid === undefined ? parseCondition(table!, where, x.resolve) : undefined
  const columns = parseColumns(table!, columnsJson)
  if (timeout !== undefined) {
    if (timeout < 0) throw syntaxError(timeout, 'timeout must be nonnegative')
    x.timeoutMs = Math.min(x.timeoutMs, Number(timeout))
  }
  if (until !== '==' && until !== '!=') throw syntaxError(until, '"until" must be "==" or "!="')
  const equal = (uuid !== undefined && rowsJson.length === 1 && verifiedInPlace(x, table!, uuid, columns, rowsJson[0])) || compareRows(x, table!, clauses ?? parseCondition(table!, where, x.resolve), columns, rowsJson)
  if ((until === '==') === equal) return {}
  if (timeout !== undefined && x.elapsedMs >= Number(timeout)) {
    throw ovsdbError('timed out', x.elapsedMs > 0 ? `"wait" timed out after ${x.elapsedMs} ms` : '"where" clause test failed')
  }
  throw ovsdbError('not supported', 'triggers not supported')
}

/** True when the rows matching `clauses`, projected on `columns`, are exactly `rowsJson`. */
function compareRows(x: Execution, table: TableSchema, clauses: readonly Clause[], columns: readonly ColumnSchema[], rowsJson: readonly unknown[]): boolean {
  return rowsJson.length === 1
    ? allRowsAre(x, table.name, clauses, columns, expectedRow(x, table, rowsJson[0], columns))
    : sameRows(x, table.name, clauses, columns, new Set(rowsJson.map((json) => projectionKey(expectedRow(x, table, json, columns), columns))))
}

/**
 * One expected row: given columns, defaults for the rest (zero UUIDs for `_uuid`/`_version`).
 * Only the projected columns are looked at (an IDL sends one wait per row).
 */
function expectedRow(x: Execution, table: TableSchema, json: unknown, columns: readonly ColumnSchema[]): Row {
  const given = new Map<string, Datum>()
  for (const [column, datum] of parseRow(x, table, json)) given.set(column.name, datum)
  const defaults = defaultFields(table)
  const fields: Record<string, Datum> = {}
  for (const { name } of columns) fields[name] = given.get(name) ?? defaults[name]
  const uuid = (name: string) => (given.get(name)?.keys[0] as string | undefined) ?? ZERO_UUID
  return { uuid: uuid('_uuid'), version: uuid('_version'), fields }
}

/**
 * sameRows with one expected row, without building keys (a Bridge's `ports` may hold thousands
 * of UUIDs): some row matches and every matching row equals `expected` on `columns`.
 */
function allRowsAre(x: Execution, table: string, clauses: readonly Clause[], columns: readonly ColumnSchema[], expected: Row): boolean {
  let any = false
  for (const row of query(x.txn, table, clauses)) {
    if (!columns.every(({ name }) => datumEquals(rowDatum(row, name), rowDatum(expected, name)))) return false
    any = true
  }
  return any
}

/** True when the matching rows, projected, are exactly the expected set. */
function sameRows(
  x: Execution,
  table: string,
  clauses: readonly Clause[],
  columns: readonly ColumnSchema[],
  expected: ReadonlySet<string>,
): boolean {
  const actual = new Set<string>()
  for (const row of query(x.txn, table, clauses)) {
    const key = projectionKey(row, columns)
    if (!expected.has(key)) return false
    actual.add(key)
  }
  return actual.size === expected.size
}
