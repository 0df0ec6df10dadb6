// Transactions blocked by a `wait` operation (OVS ovsdb/trigger.c). A trigger is re-run after
// every commit to its database and once more when its timeout expires (the engine then answers
// `timed out`); `cancel` or the end of its session removes it. States: blocked (in this set,
// maybe with a timer) → finished (removed: answered, canceled or dropped).

import type { HostedDb } from './hosted-db.js'
import type { Session } from './session.js'

/** One `transact` request, from arrival until it is answered. */
export interface Trigger {
  readonly session: Session
  readonly id: unknown
  /** Wire text of `id` (ids compare structurally). */
  readonly idKey: string
  readonly hosted: HostedDb
  readonly ops: readonly unknown[]
  /** Date.now() when the request arrived. */
  readonly arrivedAt: number
  /** Lets the session's later messages through (Session.defer): once answered or blocked. */
  readonly release: () => void
  /** The shortest `wait` timeout has passed: re-runs report at least this much elapsed time. */
  expiredAfterMs?: number
  /** Answered, canceled or dropped: any queued re-run must do nothing. */
  finished?: boolean
  timer?: NodeJS.Timeout
}

/** The blocked triggers of one server, in arrival order. */
export class TriggerSet {
  private readonly blocked = new Set<Trigger>()

  /** Records `trigger` as blocked; `expire` runs once after `timeoutMs` (null: never). */
  block(trigger: Trigger, timeoutMs: number | null, expire: (trigger: Trigger) => void): void {
    if (this.blocked.has(trigger)) return
    this.blocked.add(trigger)
    if (timeoutMs === null) return
    const delay = Math.max(0, trigger.arrivedAt + timeoutMs - Date.now())
    trigger.timer = setTimeout(() => {
      trigger.expiredAfterMs = timeoutMs
      expire(trigger)
    }, delay)
  }

  /** Forgets `trigger` (answered); false when it was not blocked. */
  finish(trigger: Trigger): boolean {
    trigger.finished = true
    clearTimeout(trigger.timer)
    return this.blocked.delete(trigger)
  }

  /** The blocked trigger of `session` with id text `idKey`, if any. */
  find(session: Session, idKey: string): Trigger | undefined {
    for (const trigger of this.blocked) if (trigger.session === session && trigger.idKey === idKey) return trigger
    return undefined
  }

  /** The blocked triggers on `hosted`, oldest first (a snapshot: callers may finish them). */
  onDatabase(hosted: HostedDb): Trigger[] {
    return [...this.blocked].filter((trigger) => trigger.hosted === hosted)
  }

  /** Drops every trigger of a closed session. */
  dropSession(session: Session): void {
    for (const trigger of this.blocked) if (trigger.session === session) this.finish(trigger)
  }

  /** Number of blocked triggers. */
  get size(): number {
    return this.blocked.size
  }
}
