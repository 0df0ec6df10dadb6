// Parses `<monitor-requests>` (RFC 7047 §4.1.5, OVS ovsdb/jsonrpc-server.c
// ovsdb_jsonrpc_parse_monitor_request) into a Selection, raising ovsdb-server 3.1's exact errors.
// A table maps to one request object or an array of them (every version accepts both).

import { MemberParser, OvsdbError, isJsonObject, jsonText, visitMembersAsOvs, type DatabaseSchema, type TableSchema } from '../../schema/index.js'
import { parseMonitorCondition, trueCondition, type MonitorCondition } from './condition.js'
import {
  ALL_KINDS,
  CHANGE_KINDS,
  columnRank,
  monitorColumn,
  VERSION_COLUMN,
  type MonitoredColumn,
  type TableSelection,
} from './selection.js'

/** Throws `syntax error` "monitor-requests must be object" unless `requests` is a JSON object. */
export function checkRequestsObject(requests: unknown): asserts requests is Record<string, unknown> {
  if (!isJsonObject(requests)) throw new OvsdbError('syntax error', 'monitor-requests must be object', jsonText(requests))
}

/**
 * The per-table selections of `requests`. `conditional` (monitor_cond, monitor_cond_since)
 * allows `where`. Throws `syntax error` "no table named X", "Parsing table X failed: ...",
 * "array of column names expected", "X is not a valid column name", "column X mentioned more
 * than once", and the condition parser's errors.
 */
export function parseMonitorRequests(
  schema: DatabaseSchema,
  requests: Readonly<Record<string, unknown>>,
  conditional: boolean,
): Map<string, TableSelection> {
  const tables = new Map<string, TableSelection>()
  visitMembersAsOvs(requests, (name, value) => {
    const table = schema.tables.get(name)
    if (table === undefined) throw new OvsdbError('syntax error', `no table named ${name}`)
    const builder = new TableRequests(table, conditional)
    for (const request of Array.isArray(value) ? value : [value]) builder.add(request)
    tables.set(name, builder.finish())
  })
  return tables
}

/** Accumulates the requests for one table, as ovsdb_monitor_table accumulates them. */
class TableRequests {
  private readonly columns = new Map<string, MonitoredColumn>()
  private kinds = 0
  private condition: MonitorCondition | null = null

  constructor(
    private readonly table: TableSchema,
    private readonly conditional: boolean,
  ) {}

  add(request: unknown): void {
    const parser = new MemberParser(request, `table ${this.table.name}`)
    const where = this.conditional ? (parser.optional('where', ['array']) as unknown[] | undefined) : undefined
    const columns = parser.optional('columns', ['array']) as unknown[] | undefined
    const select = parser.optional('select', ['object'])
    parser.finish()
    const kinds = select === undefined ? ALL_KINDS : parseKinds(select, this.table.name)
    this.kinds |= kinds
    if (columns === undefined) this.addDefaultColumns(kinds)
    else this.addNamedColumns(columns, kinds)
    if (this.conditional) {
      // ovsdb-server parses every request's `where` but filters by the first one.
      const condition = where === undefined ? trueCondition() : parseMonitorCondition(this.table, where)
      this.condition ??= condition
    }
  }

  finish(): TableSelection {
    const rank = (c: MonitoredColumn): number => columnRank(this.table, c.column.name)
    const columns = [...this.columns.values()].sort((a, b) => rank(a) - rank(b))
    const condition = this.conditional ? (this.condition ?? trueCondition()) : null
    return { table: this.table, columns, kinds: this.kinds, condition }
  }

  private addNamedColumns(columns: readonly unknown[], kinds: number): void {
    for (const name of columns) {
      if (typeof name !== 'string') throw columnsError(columns, 'array of column names expected')
      const column = monitorColumn(this.table, name)
      if (column === undefined) throw columnsError(columns, `${name} is not a valid column name`)
      if (this.columns.has(name)) throw columnsError(columns, `column ${name} mentioned more than once`)
      this.columns.set(name, { column, kinds })
    }
  }

  /** Every column but `_uuid`, which is how ovsdb-server defaults (so `_version` is included). */
  private addDefaultColumns(kinds: number): void {
    for (const column of [VERSION_COLUMN, ...this.table.columns.values()]) {
      if (this.columns.has(column.name)) {
        throw new OvsdbError('syntax error', `column ${column.name} mentioned more than once`)
      }
      this.columns.set(column.name, { column, kinds })
    }
  }
}

/** The change kinds of a `select` object; each member defaults to true. */
function parseKinds(select: unknown, table: string): number {
  const parser = new MemberParser(select, `table ${table} select`)
  let kinds = 0
  CHANGE_KINDS.forEach((kind, bit) => {
    if ((parser.optional(kind, ['boolean']) ?? true) === true) kinds |= 1 << bit
  })
  parser.finish()
  return kinds
}

function columnsError(columns: readonly unknown[], details: string): OvsdbError {
  return new OvsdbError('syntax error', details, jsonText(columns))
}
