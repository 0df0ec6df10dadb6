// One monitor per distinct selection (OVS struct ovsdb_monitor): every client monitor whose
// selection key is equal subscribes to the same SharedMonitor, which renders each committed Delta
// once, encodes it once, and sends it to all of them spliced with each one's id (notification.ts).

import { jsonToText, type Uuid } from '../../schema/index.js'
import type { Database, Delta } from '../engine/index.js'
import { headText, NotificationBodies, NotificationHead, type MonitorVersion, type SplicedMessage } from './notification.js'
import { renderDelta, renderInitial, type TableUpdates } from './render.js'
import type { Selection } from './selection.js'

/** Where a monitor's notifications go: one per client session. */
export interface MonitorSink {
  /**
   * Queue `message` (one complete serialised JSON-RPC notification: text, its UTF-8 bytes, or
   * the pieces of those bytes) for sending; bytes and pieces are shared and must not be modified.
   */
  send(message: string | Buffer | SplicedMessage): void
}

/** One client monitor: a session's monitor id subscribed to a SharedMonitor (which sets `shared` and `head`). */
export interface Subscriber {
  readonly sink: MonitorSink
  readonly version: MonitorVersion
  /** The monitor id's wire text, echoed in every notification (changed by SharedMonitor.rename). */
  idText: string
  shared: SharedMonitor
  /** The encoded start of this monitor's notifications, shared with the subscribers of the same (version, id). */
  head: NotificationHead
}

/** The monitors sharing one selection, and what they share: renderings and encoded heads. */
export class SharedMonitor {
  /** How many times a committed Delta produced a rendering here (sharing is visible in tests). */
  renders = 0
  private readonly subscribers = new Set<Subscriber>()
  private readonly heads = new Map<string, NotificationHead>()
  private initialCache: TableUpdates | undefined

  constructor(
    readonly key: string,
    readonly selection: Selection,
  ) {}

  /** A new monitor of `sink` with id `idText`, subscribed here. */
  subscribe(sink: MonitorSink, version: MonitorVersion, idText: string): Subscriber {
    const subscriber: Subscriber = { sink, version, idText, shared: this, head: this.takeHead(version, idText) }
    this.subscribers.add(subscriber)
    return subscriber
  }

  /** Subscribes `subscriber`, which its hub has just removed from its previous SharedMonitor. */
  adopt(subscriber: Subscriber): void {
    subscriber.shared = this
    subscriber.head = this.takeHead(subscriber.version, subscriber.idText)
    this.subscribers.add(subscriber)
  }

  /** Unsubscribes `subscriber`; returns true when no monitor is left here. */
  remove(subscriber: Subscriber): boolean {
    this.subscribers.delete(subscriber)
    this.dropHead(subscriber.head)
    return this.subscribers.size === 0
  }

  /** Changes the id a subscriber of this monitor is notified under (its place in the send order stays). */
  rename(subscriber: Subscriber, idText: string): void {
    this.dropHead(subscriber.head)
    subscriber.idText = idText
    subscriber.head = this.takeHead(subscriber.version, idText)
  }

  /** The initial `<table-updates>` for the current rows, rendered once per committed state. */
  initial(db: Database): TableUpdates {
    this.initialCache ??= renderInitial(db, this.selection)
    return this.initialCache
  }

  /**
   * Renders `delta` once and sends the notification to every subscriber in subscription order;
   * sends nothing when the delta does not concern this selection. Forgets the cached initial rows.
   */
  publish(txnId: Uuid, delta: Delta): void {
    if (!this.concerns(delta)) return
    this.initialCache = undefined
    const updates = renderDelta(this.selection, delta)
    if (updates === null) return
    this.renders++
    const bodies = new NotificationBodies(txnId, jsonToText(updates))
    try {
      for (const subscriber of this.subscribers) subscriber.sink.send(subscriber.head.message(bodies))
    } finally {
      for (const head of this.heads.values()) head.forget()
    }
  }

  private concerns(delta: Delta): boolean {
    for (const name of delta.tables.keys()) if (this.selection.tables.has(name)) return true
    return false
  }

  private takeHead(version: MonitorVersion, idText: string): NotificationHead {
    const text = headText(version, idText)
    let head = this.heads.get(text)
    if (head === undefined) this.heads.set(text, (head = new NotificationHead(version, text)))
    head.users++
    return head
  }

  private dropHead(head: NotificationHead): void {
    if (--head.users === 0) this.heads.delete(head.text)
  }
}
