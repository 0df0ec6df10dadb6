// Finds the rows of a table that satisfy a condition, as a transaction sees them (OVS
// ovsdb/query.c). Unlike ovsdb-server, which scans unless the first clause is `_uuid ==`, this
// looks rows up whenever the condition pins `_uuid` or every column of a schema index with `==`.

import type { Datum, Uuid } from '../../schema/index.js'
import { matches, type Clause } from './condition.js'
import { datumKey } from './datum-ops.js'
import type { Row } from './row.js'
import type { Transaction } from './transaction.js'

/** The rows of `table` visible to `txn` that match every clause, each once. */
export function query(txn: Transaction, table: string, clauses: readonly Clause[]): Row[] {
  const candidates = lookUp(txn, table, clauses) ?? txn.scan(table)
  const found: Row[] = []
  for (const row of candidates) if (matches(row, clauses)) found.push(row)
  return found
}

/** Candidate rows from `_uuid` or an index, or undefined when the condition pins neither. */
function lookUp(txn: Transaction, table: string, clauses: readonly Clause[]): Iterable<Row> | undefined {
  const equal = new Map<string, Datum>()
  for (const clause of clauses) {
    if (clause.kind === 'compare' && clause.fn === '==' && !equal.has(clause.column.name)) {
      equal.set(clause.column.name, clause.arg)
    }
  }
  if (equal.size === 0) return undefined
  const uuid = equal.get('_uuid')
  if (uuid !== undefined) {
    const row = txn.get(table, uuid.keys[0] as Uuid)
    return row === undefined ? [] : [row]
  }
  const committed = txn.db.tables.get(table)!
  const index = committed.schema.indexes.findIndex((columns) => columns.every((column) => equal.has(column)))
  if (index < 0) return undefined
  let key = ''
  for (const column of committed.schema.indexes[index]) key += datumKey(equal.get(column)!) + '|'
  return indexCandidates(txn, table, index, key)
}

/** The committed row holding `key` in index `index` unless the transaction touched it, plus every touched row. */
function indexCandidates(txn: Transaction, table: string, index: number, key: string): Row[] {
  const candidates: Row[] = []
  const overlay = txn.tables.get(table)?.rows
  const committedRow = txn.db.tables.get(table)!.findByIndex(index, key)
  if (committedRow !== undefined && !overlay?.has(committedRow.uuid)) candidates.push(committedRow)
  if (overlay !== undefined) for (const txnRow of overlay.values()) if (txnRow.new !== null) candidates.push(txnRow.new)
  return candidates
}
