// Status write-back (bridge_run's reconfigure transaction): one transaction per pass holding only the
// columns whose value changed since the last successful write, ending with Open_vSwitch.cur_cfg.
// The last written status is an immutable snapshot; immer's produceWithPatches applies this pass's
// wanted values to it and its patches name exactly the columns to write.

import { enablePatches, produce, produceWithPatches, type Draft, type Patch } from 'immer'
import { datumToJson, type DatabaseSchema } from '../schema/index.js'
import { whereUuid, type Operation, type Replica } from '../client/index.js'
import {
  STATUS_COLUMNS, columnTypeOf, datumOfValue, snapshotFromReplica, valuesEqual,
  type ColumnValue, type StatusSnapshot, type StatusTable,
} from './status-snapshot.js'

enablePatches()

/** What one pass wants in the status columns: only the columns given are touched; rows not given are forgotten. */
export type WantedStatus = { readonly [T in StatusTable]: ReadonlyMap<string, Readonly<Record<string, ColumnValue>>> }

/** The outcome of planning: the snapshot after the write and the operations that make it so. */
export interface StatusPlan {
  readonly next: StatusSnapshot
  readonly ops: readonly Operation[]
}

/** Table order of the write: interfaces, ports, bridges, then Open_vSwitch so cur_cfg comes last. */
const WRITE_ORDER: readonly StatusTable[] = ['Interface', 'Port', 'Bridge', 'Open_vSwitch']

/**
 * Plans the write of `wanted` over `base` (rows new to `base` start from what `replica` holds, so a
 * value already in the database is not written again). Pure: returns a new snapshot and the update
 * operations (one per changed row, changed columns only, Open_vSwitch last).
 */
export function planStatus(base: StatusSnapshot, wanted: WantedStatus, replica: Replica): StatusPlan {
  const fromDb = snapshotFromReplica(replica)
  const seeded = produce(base, (draft) => {
    for (const table of WRITE_ORDER) {
      const rows = (draft[table] ??= {})
      for (const uuid of wanted[table].keys()) if (rows[uuid] === undefined && fromDb[table]?.[uuid] !== undefined) rows[uuid] = fromDb[table][uuid] as Draft<Record<string, ColumnValue>>
    }
  })
  const [next, patches] = produceWithPatches(seeded, (draft) => applyWanted(draft, wanted, replica.schema))
  return { next, ops: updatesFromPatches(next, patches, replica.schema) }
}

function applyWanted(draft: Draft<StatusSnapshot>, wanted: WantedStatus, schema: DatabaseSchema): void {
  for (const table of WRITE_ORDER) {
    const rows = (draft[table] ??= {})
    for (const uuid of Object.keys(rows)) if (!wanted[table].has(uuid)) delete rows[uuid]
    for (const [uuid, columns] of wanted[table]) {
      const row = (rows[uuid] ??= {})
      for (const [column, value] of Object.entries(columns)) {
        const type = columnTypeOf(schema, table, column)
        if (type !== undefined && !valuesEqual(row[column] as ColumnValue | undefined, value, type)) row[column] = value as Draft<ColumnValue>
      }
    }
  }
}

function updatesFromPatches(next: StatusSnapshot, patches: readonly Patch[], schema: DatabaseSchema): Operation[] {
  const changed = new Map<string, Map<string, Set<string>>>()
  for (const patch of patches) {
    if (patch.op === 'remove' && patch.path.length <= 2) continue
    const [table, uuid, column] = patch.path.map(String)
    if (uuid === undefined) continue
    const columns = column === undefined ? Object.keys(next[table]?.[uuid] ?? {}) : [column]
    const rows = changed.get(table) ?? new Map<string, Set<string>>()
    const set = rows.get(uuid) ?? new Set<string>()
    for (const name of columns) set.add(name)
    rows.set(uuid, set)
    changed.set(table, rows)
  }
  const ops: Operation[] = []
  for (const table of WRITE_ORDER) {
    for (const [uuid, columns] of changed.get(table) ?? []) {
      const row: Record<string, unknown> = {}
      for (const column of STATUS_COLUMNS[table] as readonly string[]) {
        const value = next[table]?.[uuid]?.[column]
        const type = columnTypeOf(schema, table, column)
        if (columns.has(column) && value !== undefined && type !== undefined) row[column] = datumToJson(datumOfValue(value, type), type)
      }
      if (Object.keys(row).length > 0) ops.push({ op: 'update', table, where: whereUuid(uuid), row })
    }
  }
  return ops
}

/** Keeps the last written snapshot across passes; forget() after a reconnect re-reads the database. */
export class StatusWriter {
  #base: StatusSnapshot = {}

  /**
   * Writes `wanted` with `transact` when anything changed. Resolves 'unchanged', 'written', or the
   * failure text (the snapshot then stays at the last success, so the next pass tries again).
   */
  async write(wanted: WantedStatus, replica: Replica, transact: (ops: readonly Operation[]) => Promise<unknown[]>): Promise<'unchanged' | 'written' | { failed: string }> {
    const plan = planStatus(this.#base, wanted, replica)
    if (plan.ops.length === 0) {
      this.#base = plan.next
      return 'unchanged'
    }
    let results: unknown[]
    try {
      results = await transact(plan.ops)
    } catch (error) {
      return { failed: error instanceof Error ? error.message : String(error) }
    }
    const failure = results.find((result) => typeof result === 'object' && result !== null && 'error' in result)
    if (failure !== undefined) return { failed: JSON.stringify(failure) }
    this.#base = plan.next
    return 'written'
  }

  /** Drops the snapshot: the next write starts from what the database holds. */
  forget(): void {
    this.#base = {}
  }
}
