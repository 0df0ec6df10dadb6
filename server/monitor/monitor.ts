// One monitor per distinct selection (OVS struct ovsdb_monitor): every client monitor whose
// selection key is equal subscribes to the same SharedMonitor, which renders each committed Delta
// once and sends the same `<table-updates>` text to all of them, spliced with each one's id.

import { jsonToText, type Uuid } from '../../schema/index.js'
import type { Database, Delta } from '../engine/index.js'
import { renderDelta, renderInitial, type TableUpdates } from './render.js'
import type { Selection } from './selection.js'

/** Where a monitor's notifications go: one per client session. */
export interface MonitorSink {
  /** Queue `text` (a complete serialised JSON-RPC notification) for sending. */
  send(text: string): void
}

/** The protocol versions: 1 `monitor`/`update`, 2 `monitor_cond`/`update2`, 3 `monitor_cond_since`/`update3`. */
export const MONITOR_VERSIONS = [1, 2, 3] as const
export type MonitorVersion = (typeof MONITOR_VERSIONS)[number]

/** The notification method each version sends, as spelled on the wire. */
export const UPDATE_METHODS = ['update', 'update2', 'update3'] as const

/** One client monitor: a session's monitor id subscribed to a SharedMonitor. */
export interface Subscriber {
  readonly sink: MonitorSink
  readonly version: MonitorVersion
  /** The monitor id's wire text, echoed in every notification. */
  idText: string
  shared: SharedMonitor
}

/** The monitors sharing one selection, and what they share: renderings. */
export class SharedMonitor {
  readonly subscribers = new Set<Subscriber>()
  /** How many times a committed Delta produced a rendering here (sharing is visible in tests). */
  renders = 0
  private initialCache: TableUpdates | undefined

  constructor(
    readonly key: string,
    readonly selection: Selection,
  ) {}

  /** The initial `<table-updates>` for the current rows, rendered once per committed state. */
  initial(db: Database): TableUpdates {
    this.initialCache ??= renderInitial(db, this.selection)
    return this.initialCache
  }

  /**
   * Renders `delta` once and sends the notification to every subscriber; returns nothing, sends
   * nothing when the delta does not concern this selection. Forgets the cached initial rows.
   */
  publish(txnId: Uuid, delta: Delta): void {
    if (!this.concerns(delta)) return
    this.initialCache = undefined
    const updates = renderDelta(this.selection, delta)
    if (updates === null) return
    this.renders++
    const text = jsonToText(updates)
    for (const subscriber of this.subscribers) {
      subscriber.sink.send(notificationText(subscriber.version, subscriber.idText, txnId, text))
    }
  }

  private concerns(delta: Delta): boolean {
    for (const name of delta.tables.keys()) if (this.selection.tables.has(name)) return true
    return false
  }
}

/**
 * The wire text of an update notification, byte for byte as ovsdb-server sends it:
 * `{"id":null,"method":"update2","params":[<id>,<updates>]}`, and for version 3
 * `{"id":null,"method":"update3","params":[<id>,"<txn id>",<updates>]}`.
 */
export function notificationText(version: MonitorVersion, idText: string, txnId: Uuid, updatesText: string): string {
  const head = `{"id":null,"method":"${UPDATE_METHODS[version - 1]}","params":[${idText},`
  return version === 3 ? `${head}"${txnId}",${updatesText}]}` : `${head}${updatesText}]}`
}
