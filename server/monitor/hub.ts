// The monitors of one hosted database (OVS ovsdb/jsonrpc-server.c monitor half): client monitors
// keyed by (sink, id), grouped into SharedMonitors by selection, fed every committed Delta in
// commit order, and the bounded history that answers monitor_cond_since.
//
// Callers must not interleave: a transaction's change to the Database and its `commit` call must
// not be separated by `add` or `changeConditions`, which read the committed rows.

import { OvsdbError, jsonText, jsonToText, uuidFromText, ZERO_UUID, type Uuid } from '../../schema/index.js'
import type { Database, Delta } from '../engine/index.js'
import type { MonitorCondition } from './condition.js'
import { parseConditionChanges } from './cond-change.js'
import { TxnHistory, type TxnRecord } from './history.js'
import { InitialTexts } from './initial-text.js'
import { SharedMonitor, type MonitorSink, type Subscriber } from './monitor.js'
import { notificationText, type MonitorVersion } from './notification.js'
import { renderConditionChange, renderDelta } from './render.js'
import { checkRequestsObject, parseMonitorRequests } from './request.js'
import { selectionKey, type Selection, type TableSelection } from './selection.js'

/** Tunables of a hub. */
export interface MonitorHubOptions {
  /** Transactions kept for monitor_cond_since (default 100, as ovsdb-server). */
  historyLimit?: number
  /** Changed rows kept for monitor_cond_since, summed over those transactions (default 10,000). */
  historyRows?: number
}

const DEFAULT_HISTORY_LIMIT = 100
const DEFAULT_HISTORY_ROWS = 10_000

/** One per hosted database. */
export class MonitorHub {
  private readonly shared = new Map<string, SharedMonitor>()
  private readonly sinks = new Map<MonitorSink, Map<string, Subscriber>>()
  private readonly history: TxnHistory
  private readonly initialTexts = new InitialTexts()

  /** A hub for `db`, whose recent transactions (oldest first) were `history`. */
  constructor(
    readonly dbName: string,
    private readonly db: Database,
    history: readonly TxnRecord[],
    options: MonitorHubOptions = {},
  ) {
    const limits = {
      transactions: options.historyLimit ?? DEFAULT_HISTORY_LIMIT,
      rows: options.historyRows ?? DEFAULT_HISTORY_ROWS,
    }
    this.history = new TxnHistory(history, limits)
  }

  /** The id of the newest transaction (ZERO_UUID before any). */
  get lastTxnId(): Uuid {
    return this.history.lastTxnId
  }

  /** How many transactions the monitor_cond_since history holds. */
  get historyLength(): number {
    return this.history.length
  }

  /** @internal How many distinct selections exist and how often they rendered an update. */
  get stats(): { selections: number; renders: number } {
    let renders = 0
    for (const shared of this.shared.values()) renders += shared.renders
    return { selections: this.shared.size, renders }
  }

  /**
   * monitor (1), monitor_cond (2), monitor_cond_since (3): validates `requests` and, for 3,
   * `lastTxnId`, registers the monitor under (sink, id), and returns the reply's `result`: the
   * initial `<table-updates>` (1) / `<table-updates2>` (2), or `[found, lastTxnId, updates]` (3)
   * where `found` means `lastTxnId` is in the history and `updates` holds only what came after.
   * Throws `syntax error` as ovsdb-server ("monitor-requests must be object", "duplicate monitor
   * ID", "no table named X", "last-txn-id must be string", ...); nothing is registered then.
   */
  add(sink: MonitorSink, id: unknown, version: MonitorVersion, requests: unknown, lastTxnId?: unknown): unknown {
    const { shared, missed } = this.register(sink, id, version, requests, lastTxnId)
    if (missed !== undefined) return [true, this.lastTxnId, renderDelta(shared.selection, missed) ?? {}]
    const initial = shared.initial(this.db)
    return version === 3 ? [false, this.lastTxnId, initial] : initial
  }

  /**
   * `add`, answering with its result's JSON text (jsonToText of what `add` returns, byte for byte)
   * in pieces to be written one after another (see InitialTexts); initial rows come from row texts
   * cached per selection and row version. Throws as `add`.
   */
  addText(sink: MonitorSink, id: unknown, version: MonitorVersion, requests: unknown, lastTxnId?: unknown): string[] {
    const { shared, missed } = this.register(sink, id, version, requests, lastTxnId)
    if (missed !== undefined) return [jsonToText([true, this.lastTxnId, renderDelta(shared.selection, missed) ?? {}])]
    const pieces = this.initialTexts.pieces(this.db, shared.selection, shared.key)
    return version === 3 ? [`[false,${JSON.stringify(this.lastTxnId)},`, ...pieces, ']'] : pieces
  }

  /**
   * What to send right after the reply to a monitor_cond_since that asked from `lastTxnId`: an
   * `update3` with no changes carrying the reply's `last_txn_id`, when that differs from the one
   * asked for (a non-zero one); otherwise null. Open vSwitch 3.1's Python IDL ignores the id in
   * the reply and keeps the one it asked from until an `update3` arrives; reconnecting again
   * before one did, it would be sent the same changes a second time, and a map or set diff
   * applied twice undoes itself. ovsdb-server never meets this on a standalone database (it
   * always answers `found: false` with the zero id); the C IDL takes the id from the reply, and
   * an empty update changes nothing for it.
   */
  resumeNotice(sink: MonitorSink, id: unknown, lastTxnId: unknown): string | null {
    const subscriber = this.find(sink, id)
    if (subscriber === undefined || subscriber.version !== 3) return null
    const since = parseLastTxnId(lastTxnId)
    if (since === ZERO_UUID || since === this.lastTxnId) return null
    return notificationText(3, subscriber.idText, this.lastTxnId, '{}')
  }

  /**
   * monitor_cond_change: renames the monitor `oldId` to `newId` and replaces the conditions of the
   * tables in `requests`; the rows entering (`insert`) and leaving (`delete`) the conditions are
   * sent through sink.send under `newId` BEFORE this returns. Version 1 monitors are only renamed.
   * Throws `syntax error` "unknown monitor session", "duplicate monitor ID", and the request errors
   * of parseConditionChanges; nothing changes then.
   */
  changeConditions(sink: MonitorSink, oldId: unknown, newId: unknown, requests: unknown): void {
    const subscriber = this.find(sink, oldId)
    if (subscriber === undefined) throw new OvsdbError('syntax error', 'unknown monitor session', jsonText(oldId))
    const renaming = idKey(newId) !== idKey(oldId)
    if (renaming && this.find(sink, newId) !== undefined) {
      throw new OvsdbError('syntax error', 'duplicate monitor ID', jsonText(newId))
    }
    const current = subscriber.shared.selection
    const conditions = parseConditionChanges(this.db.schema, current, requests, subscriber.version !== 1)
    if (renaming) {
      const monitors = this.sinks.get(sink)!
      monitors.delete(idKey(oldId))
      monitors.set(idKey(newId), subscriber)
      subscriber.shared.rename(subscriber, jsonToText(newId))
    }
    if (conditions.size === 0) return
    const selection = withConditions(current, conditions)
    this.move(subscriber, selection)
    const updates = renderConditionChange(this.db, selection, previousConditions(current))
    if (updates !== null) sink.send(notificationText(subscriber.version, subscriber.idText, this.lastTxnId, jsonToText(updates)))
  }

  /** monitor_cancel: forgets the monitor; false when (sink, id) is unknown. */
  cancel(sink: MonitorSink, id: unknown): boolean {
    const monitors = this.sinks.get(sink)
    const subscriber = monitors?.get(idKey(id))
    if (subscriber === undefined) return false
    monitors!.delete(idKey(id))
    if (monitors!.size === 0) this.sinks.delete(sink)
    this.unsubscribe(subscriber)
    return true
  }

  /**
   * Called once per committed transaction, in commit order, after it is durable: records it in
   * the history, brings the kept initial texts up to date and sends its update to every monitor
   * it concerns, each distinct selection rendered once.
   */
  commit(txnId: Uuid, delta: Delta): void {
    this.history.append({ txnId, delta })
    this.initialTexts.commit(delta)
    for (const shared of this.shared.values()) shared.publish(txnId, delta)
  }

  /** Drops every monitor of a closed session. */
  removeSink(sink: MonitorSink): void {
    const monitors = this.sinks.get(sink)
    if (monitors === undefined) return
    this.sinks.delete(sink)
    for (const subscriber of monitors.values()) this.unsubscribe(subscriber)
  }

  /** Validates a monitor request and subscribes it; `missed` is set when `lastTxnId` (v3) is in the history. */
  private register(sink: MonitorSink, id: unknown, version: MonitorVersion, requests: unknown, lastTxnId: unknown): { shared: SharedMonitor; missed?: Delta } {
    checkRequestsObject(requests)
    if (this.find(sink, id) !== undefined) throw new OvsdbError('syntax error', 'duplicate monitor ID', jsonText(id))
    const tables = parseMonitorRequests(this.db.schema, requests, version !== 1)
    const since = version === 3 ? parseLastTxnId(lastTxnId) : ZERO_UUID
    const selection: Selection = { format: version === 1 ? 'update' : 'update2', tables }
    const { shared } = this.subscribe(sink, id, version, selection)
    return { shared, missed: since === ZERO_UUID ? undefined : this.history.changesAfter(since) }
  }

  private find(sink: MonitorSink, id: unknown): Subscriber | undefined {
    return this.sinks.get(sink)?.get(idKey(id))
  }

  private subscribe(sink: MonitorSink, id: unknown, version: MonitorVersion, selection: Selection): Subscriber {
    const subscriber = this.share(selection).subscribe(sink, version, jsonToText(id))
    let monitors = this.sinks.get(sink)
    if (monitors === undefined) this.sinks.set(sink, (monitors = new Map()))
    monitors.set(idKey(id), subscriber)
    return subscriber
  }

  private move(subscriber: Subscriber, selection: Selection): void {
    this.unsubscribe(subscriber)
    this.share(selection).adopt(subscriber)
  }

  private unsubscribe(subscriber: Subscriber): void {
    const shared = subscriber.shared
    if (shared.remove(subscriber)) this.shared.delete(shared.key)
  }

  /** The SharedMonitor for `selection`, created when no monitor has that selection yet. */
  private share(selection: Selection): SharedMonitor {
    const key = selectionKey(selection)
    let shared = this.shared.get(key)
    if (shared === undefined) this.shared.set(key, (shared = new SharedMonitor(key, selection)))
    return shared
  }
}

/** Monitor ids are any JSON value, compared structurally (object members in any order). */
function idKey(id: unknown): string {
  return jsonText(id)
}

/** The `last-txn-id` of monitor_cond_since; throws `syntax error` as ovsdb-server does. */
function parseLastTxnId(json: unknown): Uuid {
  if (typeof json !== 'string') throw new OvsdbError('syntax error', 'last-txn-id must be string', jsonText(json))
  const uuid = uuidFromText(json)
  if (uuid === undefined) throw new OvsdbError('syntax error', 'last-txn-id must be UUID format.', jsonText(json))
  return uuid
}

function withConditions(selection: Selection, conditions: ReadonlyMap<string, MonitorCondition>): Selection {
  const tables = new Map<string, TableSelection>()
  for (const [name, t] of selection.tables) {
    const condition = conditions.get(name)
    tables.set(name, condition === undefined ? t : { ...t, condition })
  }
  return { format: selection.format, tables }
}

function previousConditions(selection: Selection): Map<string, MonitorCondition | null> {
  const conditions = new Map<string, MonitorCondition | null>()
  for (const [name, t] of selection.tables) conditions.set(name, t.condition)
  return conditions
}
