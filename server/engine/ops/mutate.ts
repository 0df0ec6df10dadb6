// The `mutate` operation (RFC 7047 §5.2.4, OVS ovsdb_execute_mutate): applies `mutations` to every
// matching row, stopping at the first row a mutation fails on.

import { parseCondition } from '../condition.js'
import { applyMutations, parseMutations } from '../mutation.js'
import type { OpParser } from '../parser.js'
import { query } from '../query.js'
import { parseTable, type Execution } from './context.js'

/** Mutates matching rows; result `{"count": n}`. Throws parse errors and mutation domain/range/constraint errors. */
export function executeMutate(x: Execution, parser: OpParser): Record<string, unknown> {
  const table = parseTable(x, parser)
  const where = parser.member('where', ['array']) as unknown[]
  const mutationsJson = parser.member('mutations', ['array']) as unknown[]
  parser.check()
  const mutations = parseMutations(table!, mutationsJson, x.resolve)
  const clauses = parseCondition(table!, where, x.resolve)
  const rows = query(x.txn, table!.name, clauses)
  for (const row of rows) applyMutations(x.txn.modify(table!.name, row), mutations)
  return { count: rows.length }
}
