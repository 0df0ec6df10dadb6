// What the follower needs beyond client/'s reading of `<table-updates2>`: deciding whether a batch
// of changes touches only "quiet" columns (our own status columns), which must not wake a pass.

import type { RowChange } from '../client/index.js'

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
