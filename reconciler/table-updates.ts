// Reading monitor replies and notifications into the IDL's RowChange shape: `<table-updates2>`
// (initial/insert/modify/delete) as monitor_cond and monitor_cond_since carry them (ovsdb-server(7)).
// client/monitor.ts has the same reading privately; the follower needs it for its own monitor.

import type { RowChange } from '../client/index.js'

type TableUpdates2 = Record<string, Record<string, Record<string, unknown>>>

/** The RowChanges of one `<table-updates2>` object, in its order. */
export function changesFromUpdates2(updates: unknown): RowChange[] {
  const changes: RowChange[] = []
  for (const [table, rows] of Object.entries((updates ?? {}) as TableUpdates2)) {
    for (const [uuid, update] of Object.entries(rows)) {
      const full = (update.initial ?? update.insert) as Record<string, unknown> | undefined
      if (full !== undefined) changes.push({ table, uuid, kind: 'row', row: full })
      else if (update.modify !== undefined) changes.push({ table, uuid, kind: 'diff', row: update.modify as Record<string, unknown> })
      else changes.push({ table, uuid, kind: 'delete' })
    }
  }
  return changes
}

/** True when every change only modifies columns in `quiet` (ovsdb_idl_omit_alert: no wake-up). */
export function onlyQuietChanges(changes: readonly RowChange[], quiet: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  for (const change of changes) {
    if (change.kind !== 'diff') return false
    const columns = quiet.get(change.table)
    if (columns === undefined) return false
    for (const column of Object.keys(change.row)) if (!columns.has(column)) return false
  }
  return true
}
