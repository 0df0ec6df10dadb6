// Which tables and columns the reconciler follows, as ovs-vswitchd registers them (bridge.c
// bridge_init): all columns except the ones written by start scripts, with the status columns we
// write marked quiet (ovsdb_idl_omit_alert) so that our own writes do not wake the loop.

import { STATUS_COLUMNS } from './status-snapshot.js'

/** Tables replicated. */
export const FOLLOWED_TABLES = ['Open_vSwitch', 'Bridge', 'Port', 'Interface'] as const

/** Columns not replicated (ovsdb_idl_omit). */
export const OMITTED_COLUMNS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['Open_vSwitch', new Set(['external_ids', 'ovs_version', 'db_version', 'system_type', 'system_version'])],
  ['Bridge', new Set(['external_ids'])],
  ['Port', new Set(['external_ids'])],
  ['Interface', new Set(['external_ids'])],
])

/** Columns replicated without waking the loop: the status columns (and the statistics ones). */
export const QUIET_COLUMNS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(STATUS_COLUMNS).map(([table, columns]) => [table, new Set<string>(columns)]),
)
