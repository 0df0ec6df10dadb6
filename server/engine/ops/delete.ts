// The `delete` operation (RFC 7047 §5.2.5, OVS ovsdb_execute_delete): removes every matching row.
// Whether the rows may go (remaining strong references) is decided at commit (integrity.ts).

import { parseCondition } from '../condition.js'
import type { OpParser } from '../parser.js'
import { query } from '../query.js'
import { parseTable, type Execution } from './context.js'

/** Deletes matching rows; result `{"count": n}`. Throws condition errors. */
export function executeDelete(x: Execution, parser: OpParser): Record<string, unknown> {
  const where = parser.member('where', ['array']) as unknown[]
  const table = parseTable(x, parser)
  parser.check()
  const clauses = parseCondition(table!, where, x.resolve)
  const rows = query(x.txn, table!.name, clauses)
  for (const row of rows) x.txn.delete(table!.name, row)
  return { count: rows.length }
}
