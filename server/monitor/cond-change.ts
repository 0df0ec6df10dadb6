// Parses the requests of `monitor_cond_change` (ovsdb-server(7) §4.1.14, OVS
// ovsdb_jsonrpc_monitor_cond_change): per table already monitored, an array of `{where}` objects;
// `columns` may not change. Everything is validated before anything is applied.

import { MemberParser, OvsdbError, isJsonObject, jsonText, visitMembersAsOvs, type DatabaseSchema } from '../../schema/index.js'
import { parseMonitorCondition, trueCondition, type MonitorCondition } from './condition.js'
import type { Selection } from './selection.js'

/**
 * The new condition of each table named in `requests` (the last `where` of a table's array
 * wins; an absent `where` selects every row). `conditional` is false for a version 1 monitor,
 * whose `where` ovsdb-server neither parses nor applies: the map is then empty. Throws
 * `syntax error` "monitor-cond-change-requests must be object", "no table named X", "no table
 * named X in monitor session", "table X no monitor-cond-change JSON array", "Parsing table X
 * failed: ...", "changing columns is unsupported", and the condition parser's errors.
 */
export function parseConditionChanges(
  schema: DatabaseSchema,
  selection: Selection,
  requests: unknown,
  conditional: boolean,
): Map<string, MonitorCondition> {
  if (!isJsonObject(requests)) throw new OvsdbError('syntax error', 'monitor-cond-change-requests must be object')
  const conditions = new Map<string, MonitorCondition>()
  visitMembersAsOvs(requests, (name, value) => {
    const table = schema.tables.get(name)
    if (table === undefined) throw new OvsdbError('syntax error', `no table named ${name}`)
    if (!selection.tables.has(name)) throw new OvsdbError('syntax error', `no table named ${name} in monitor session`)
    if (!Array.isArray(value)) throw new OvsdbError('syntax error', `table ${name} no monitor-cond-change JSON array`)
    for (const request of value) {
      const parser = new MemberParser(request, `table ${name}`)
      const columns = parser.optional('columns', ['array'])
      const where = parser.optional('where', ['array']) as unknown[] | undefined
      parser.finish()
      if (columns !== undefined) throw new OvsdbError('syntax error', 'changing columns is unsupported', jsonText(request))
      if (conditional) conditions.set(name, where === undefined ? trueCondition() : parseMonitorCondition(table, where))
    }
  })
  return conditions
}
