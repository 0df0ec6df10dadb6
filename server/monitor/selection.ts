// What one monitor watches (OVS struct ovsdb_monitor_table): per table, the columns with the kinds
// of change each was requested for, the union of those kinds, and the row condition. Two monitors
// with equal selection keys render every update identically, so they share one rendering.

import type { ColumnSchema, ColumnType, TableSchema } from '../../schema/index.js'
import type { MonitorCondition } from './condition.js'

/** The kinds of change a monitor request may select (`select` members), as spelled on the wire. */
export const CHANGE_KINDS = ['initial', 'insert', 'delete', 'modify'] as const
export type ChangeKind = (typeof CHANGE_KINDS)[number]

/** Bit flags of CHANGE_KINDS, in that order. */
export const INITIAL = 1
export const INSERT = 2
export const DELETE = 4
export const MODIFY = 8
export const ALL_KINDS = INITIAL | INSERT | DELETE | MODIFY

/** The two notation families: `update` (monitor) and `update2` (monitor_cond, monitor_cond_since). */
export type UpdateFormat = 'update' | 'update2'

/** One monitored column and the change kinds (bit flags) its request selected. */
export interface MonitoredColumn {
  readonly column: ColumnSchema
  readonly kinds: number
}

/** The selection for one table. */
export interface TableSelection {
  readonly table: TableSchema
  /** Monitored columns in schema order (`_uuid`, `_version`, then declared columns). */
  readonly columns: readonly MonitoredColumn[]
  /** The union of every request's change kinds for this table. */
  readonly kinds: number
  /** The row filter (update2 only); null for `monitor` (v1), which has none. */
  readonly condition: MonitorCondition | null
}

/** A monitor's whole selection: its notation and one entry per requested table. */
export interface Selection {
  readonly format: UpdateFormat
  readonly tables: ReadonlyMap<string, TableSelection>
}

const UUID_TYPE: ColumnType = { key: { type: 'uuid' }, min: 1, max: 1 }

/** The implicit `_uuid` column (RFC 7047 §3.2); monitors may name it explicitly. */
export const UUID_COLUMN: ColumnSchema = { name: '_uuid', type: UUID_TYPE, ephemeral: false, mutable: false }
/** The implicit `_version` column; monitored by default, as in ovsdb-server. */
export const VERSION_COLUMN: ColumnSchema = { name: '_version', type: UUID_TYPE, ephemeral: false, mutable: false }

/** The column of `table` a monitor request may name (implicit ones included), or undefined. */
export function monitorColumn(table: TableSchema, name: string): ColumnSchema | undefined {
  if (name === '_uuid') return UUID_COLUMN
  if (name === '_version') return VERSION_COLUMN
  return table.columns.get(name)
}

/** The position of column `name` in schema order: `_uuid`, `_version`, then the declared columns. */
export function columnRank(table: TableSchema, name: string): number {
  if (name === '_uuid') return 0
  if (name === '_version') return 1
  return 2 + [...table.columns.keys()].indexOf(name)
}

/**
 * A text equal for two selections exactly when they render every update the same way: format,
 * and per table (by name) its kinds, columns with their kinds, and condition.
 */
export function selectionKey(selection: Selection): string {
  const parts: string[] = [selection.format]
  for (const name of [...selection.tables.keys()].sort()) {
    const t = selection.tables.get(name)!
    const columns = t.columns.map((c) => `${c.column.name}:${c.kinds}`).join(',')
    parts.push(`${JSON.stringify(name)}|${t.kinds}|${columns}|${t.condition?.key ?? '-'}`)
  }
  return parts.join('\n')
}
