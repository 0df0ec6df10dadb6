// Following a database with the newest monitor method the server speaks: monitor_cond_since,
// falling back to monitor_cond and then monitor on any error, as the C IDL does (ovsdb-cs.c).
// Every form of update (v1 `update`, `update2`, `update3`) is turned into one RowChange shape.

import type { Notification } from '../protocol/index.js'
import { RpcError, type RpcSession } from './rpc.js'

/** What to replicate: for each table, the columns wanted (an empty list still tracks the rows). */
export type MonitorSelect = ReadonlyMap<string, readonly string[]>

/** One row's change: a full row (initial/insert, or v1 new), a v2 diff of changed columns, or a deletion. */
export type RowChange =
  | { readonly table: string; readonly uuid: string; readonly kind: 'row'; readonly row: Readonly<Record<string, unknown>> }
  | { readonly table: string; readonly uuid: string; readonly kind: 'diff'; readonly row: Readonly<Record<string, unknown>> }
  | { readonly table: string; readonly uuid: string; readonly kind: 'delete' }

/** The monitor methods, newest first: the order in which they are tried. */
export const MONITOR_METHODS = ['monitor_cond_since', 'monitor_cond', 'monitor'] as const
export type MonitorMethod = (typeof MONITOR_METHODS)[number]

/** A started monitor: the method the server accepted and its id. */
export interface MonitorHandle {
  readonly method: MonitorMethod
  readonly id: unknown
}

const ZERO_TXN = '00000000-0000-0000-0000-000000000000'

/**
 * Starts monitoring `db`; `onChanges` receives the initial contents, then every later update, as
 * RowChange lists in the order the server sent them. Tries each of MONITOR_METHODS in turn while
 * the server answers with an error; rethrows the last RpcError or a SessionClosedError.
 */
export async function startMonitor(session: RpcSession, db: string, select: MonitorSelect, onChanges: (changes: RowChange[]) => void): Promise<MonitorHandle> {
  const id = ['monid', db]
  session.onNotification((message) => {
    const changes = changesFromNotification(message)
    if (changes !== undefined) onChanges(changes)
  })
  let lastError: unknown
  for (const method of MONITOR_METHODS) {
    try {
      await session.holdingNotifications(async () => onChanges(initialChanges(method, await session.request(method, monitorParams(method, db, id, select)))))
      return { method, id }
    } catch (error) {
      if (!(error instanceof RpcError)) throw error
      lastError = error
    }
  }
  throw lastError
}

function monitorParams(method: MonitorMethod, db: string, id: unknown, select: MonitorSelect): unknown[] {
  const requests: Record<string, unknown> = {}
  for (const [table, columns] of select) requests[table] = method === 'monitor' ? { columns } : [{ columns }]
  return method === 'monitor_cond_since' ? [db, id, requests, ZERO_TXN] : [db, id, requests]
}

function initialChanges(method: MonitorMethod, result: unknown): RowChange[] {
  if (method === 'monitor_cond_since') return changesFromUpdates2((result as unknown[])[2])
  return method === 'monitor_cond' ? changesFromUpdates2(result) : changesFromUpdates1(result)
}

function changesFromNotification(message: Notification): RowChange[] | undefined {
  switch (message.method) {
    case 'update':
      return changesFromUpdates1(message.params[1])
    case 'update2':
      return changesFromUpdates2(message.params[1])
    case 'update3':
      return changesFromUpdates2(message.params[2])
    default:
      return undefined
  }
}

type TableUpdates = Record<string, Record<string, Record<string, unknown>>>

/** RFC 7047 <table-updates>: `{old?, new?}` per row; `new` holds every monitored column. */
function changesFromUpdates1(updates: unknown): RowChange[] {
  const changes: RowChange[] = []
  for (const [table, rows] of Object.entries((updates ?? {}) as TableUpdates)) {
    for (const [uuid, update] of Object.entries(rows)) {
      const row = update.new as Record<string, unknown> | undefined
      changes.push(row === undefined ? { table, uuid, kind: 'delete' } : { table, uuid, kind: 'row', row })
    }
  }
  return changes
}

/** ovsdb-server(7) <table-updates2>: `initial`/`insert` rows, `modify` diffs, `delete`, as RowChanges in order. */
export function changesFromUpdates2(updates: unknown): RowChange[] {
  const changes: RowChange[] = []
  for (const [table, rows] of Object.entries((updates ?? {}) as TableUpdates)) {
    for (const [uuid, update] of Object.entries(rows)) {
      const full = (update.initial ?? update.insert) as Record<string, unknown> | undefined
      if (full !== undefined) changes.push({ table, uuid, kind: 'row', row: full })
      else if (update.modify !== undefined) changes.push({ table, uuid, kind: 'diff', row: update.modify as Record<string, unknown> })
      else changes.push({ table, uuid, kind: 'delete' })
    }
  }
  return changes
}
