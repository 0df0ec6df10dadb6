// The status columns the reconciler owns, held as one immutable value: table → row uuid → column →
// value. status.ts produces the next snapshot from the last written one with immer and writes only
// the columns its patches name. Values are plain JSON-like data; the schema's column type turns them
// into OVSDB datums.

import { datumEquals, makeDatum, type Atom, type ColumnType, type DatabaseSchema, type Datum } from '../schema/index.js'
import type { Replica } from '../client/index.js'

/** One column's value: a scalar, empty (null) for an optional column, a set, or a string-keyed map. */
export type ColumnValue = Atom | null | readonly Atom[] | Readonly<Record<string, Atom>>

/** Row columns we own. */
export type StatusRow = Readonly<Record<string, ColumnValue>>

/** table → uuid → owned columns. */
export type StatusSnapshot = Readonly<Record<string, Readonly<Record<string, StatusRow>>>>

/** The columns each table's status consists of (what ovs-vswitchd writes back). */
export const STATUS_COLUMNS = {
  Open_vSwitch: ['cur_cfg', 'datapath_types', 'iface_types', 'dpdk_version', 'dpdk_initialized'],
  Bridge: ['datapath_id', 'datapath_version'],
  Port: ['bond_active_slave'],
  Interface: [
    'ofport', 'error', 'admin_state', 'link_state', 'link_resets', 'link_speed', 'duplex', 'mtu', 'mac_in_use',
    'ifindex', 'status', 'statistics', 'bfd_status',
  ],
} as const satisfies Record<string, readonly string[]>
export type StatusTable = keyof typeof STATUS_COLUMNS

/** The canonical datum of `value` for a column of `type`. */
export function datumOfValue(value: ColumnValue, type: ColumnType): Datum {
  if (value === null) return makeDatum([], type.value === undefined ? undefined : [], type)
  if (Array.isArray(value)) return makeDatum(value as Atom[], undefined, type)
  if (typeof value === 'object') {
    const record = value as Readonly<Record<string, Atom>>
    const keys = Object.keys(record)
    return makeDatum(keys, keys.map((key) => record[key]), type)
  }
  return makeDatum([value], type.value === undefined ? undefined : [], type)
}

/** The value a datum of `type` reads as (maps become records, optional columns null when empty). */
export function valueOfDatum(datum: Datum, type: ColumnType): ColumnValue {
  if (type.value !== undefined) {
    const record: Record<string, Atom> = {}
    datum.keys.forEach((key, i) => (record[String(key)] = datum.values![i]))
    return record
  }
  if (type.max === 1) return datum.keys[0] ?? null
  return datum.keys
}

/** True when two values are the same datum of `type`. */
export function valuesEqual(a: ColumnValue | undefined, b: ColumnValue | undefined, type: ColumnType): boolean {
  if (a === undefined || b === undefined) return a === b
  return datumEquals(datumOfValue(a, type), datumOfValue(b, type))
}

/** What the database holds now in the status columns of `replica` (the base after a (re)connect). */
export function snapshotFromReplica(replica: Replica): StatusSnapshot {
  const snapshot: Record<string, Record<string, StatusRow>> = {}
  for (const [table, columns] of Object.entries(STATUS_COLUMNS)) {
    const rows: Record<string, StatusRow> = {}
    for (const uuid of replica.tables.get(table)?.keys() ?? []) {
      const row: Record<string, ColumnValue> = {}
      for (const column of columns) {
        const type = columnTypeOf(replica.schema, table, column)
        if (type !== undefined) row[column] = valueOfDatum(replica.read(table, uuid, column), type)
      }
      rows[uuid] = row
    }
    snapshot[table] = rows
  }
  return snapshot
}

/** The type of a status column, or undefined when this schema lacks it (older schemas). */
export function columnTypeOf(schema: DatabaseSchema, table: string, column: string): ColumnType | undefined {
  return schema.tables.get(table)?.columns.get(column)?.type
}
