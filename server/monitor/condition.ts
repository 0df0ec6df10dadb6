// A monitor's row condition (`where` of monitor_cond and monitor_cond_change, OVS
// ovsdb/monitor.c with ovsdb/condition.c): clauses are parsed by the engine, but unlike a
// transaction's `where` they are ORed: a row is selected when the condition is empty or any
// clause holds (ovsdb_condition_empty_or_match_any).

import { datumToJson, jsonToText, type NamedUuidResolver, type TableSchema } from '../../schema/index.js'
import { matches, parseCondition, type Clause, type Row } from '../engine/index.js'

/** A parsed monitor condition. */
export interface MonitorCondition {
  readonly clauses: readonly Clause[]
  /** Equal for two conditions with the same clauses in any order (OVS sorts them). */
  readonly key: string
  /** Names of the columns the clauses read: their changes matter even when not monitored. */
  readonly columns: ReadonlySet<string>
}

/**
 * Monitor conditions carry no named UUIDs: without a resolver the engine's datum parser rejects
 * `["named-uuid", …]` with `expected ["uuid", <string>]`, as ovsdb-server does (it passes no
 * symbol table).
 */
const NO_NAMED_UUIDS = undefined as unknown as NamedUuidResolver

/** The condition that selects every row (`where` absent or `[]`). */
export function trueCondition(): MonitorCondition {
  return { clauses: [], key: '[]', columns: new Set() }
}

/**
 * Parses `where` (a JSON array) against `table` with the engine's clause rules; throws the
 * engine's OvsdbErrors (`syntax error`, `unknown column`, `unknown function`, ...).
 */
export function parseMonitorCondition(table: TableSchema, where: readonly unknown[]): MonitorCondition {
  const clauses = parseCondition(table, where, NO_NAMED_UUIDS)
  const texts = clauses.map(clauseText).sort()
  const columns = new Set<string>()
  for (const clause of clauses) if (clause.kind === 'compare') columns.add(clause.column.name)
  return { clauses, key: `[${texts.join(',')}]`, columns }
}

/** True when `row` is selected by `condition`: it is empty or any clause holds. */
export function conditionSelects(condition: MonitorCondition | null, row: Row): boolean {
  if (condition === null || condition.clauses.length === 0) return true
  for (const clause of condition.clauses) if (matches(row, [clause])) return true
  return false
}

function clauseText(clause: Clause): string {
  if (clause.kind === 'constant') return String(clause.value)
  return jsonToText([clause.column.name, clause.fn, datumToJson(clause.arg, clause.column.type)])
}
