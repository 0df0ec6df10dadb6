// The `update` operation (RFC 7047 §5.2.3, OVS ovsdb_execute_update): sets the columns given in
// `row` on every matching row. Immutable columns (`_uuid`, `_version` included) are refused.

import { datumEquals } from '../../../schema/index.js'
import { parseCondition } from '../condition.js'
import { syntaxError } from '../errors.js'
import type { OpParser } from '../parser.js'
import { query } from '../query.js'
import { parseRow, parseTable, type Execution } from './context.js'

/** Updates matching rows; result `{"count": n}` (rows matched). Throws `constraint violation` for immutable columns. */
export function executeUpdate(x: Execution, parser: OpParser): Record<string, unknown> {
  const table = parseTable(x, parser)
  const where = parser.member('where', ['array']) as unknown[]
  const rowJson = parser.member('row', ['object'])
  parser.check()
  const values = parseRow(x, table!, rowJson)
  for (const column of values.keys()) {
    if (!column.mutable) {
      throw syntaxError(parser.json, `Cannot update immutable column ${column.name} in table ${table!.name}.`, 'constraint violation')
    }
  }
  const clauses = parseCondition(table!, where, x.resolve)
  const rows = query(x.txn, table!.name, clauses)
  for (const row of rows) {
    let same = true
    for (const [column, datum] of values) same &&= datumEquals(row.fields[column.name], datum)
    if (same) continue
    const draft = x.txn.modify(table!.name, row)
    for (const [column, datum] of values) draft.fields[column.name] = datum
  }
  return { count: rows.length }
}
