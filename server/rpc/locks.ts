// Database locks of RFC 7047 §4.1.8-4.1.10 as ovsdb-server 3.1 keeps them (ovsdb/server.c,
// ovsdb/jsonrpc-server.c): one FIFO of waiters per lock name, the front one owning it. `steal`
// puts its waiter in front; a victim that had itself stolen the lock leaves the queue (it has
// "lost" the lock until it unlocks) while a victim that had waited stays queued. Removing any
// waiter tells the lock's owner afterwards `locked` — also when the owner did not change, the
// spurious notification ovsdb-server sends when a non-owner unlocks.

import { OvsdbError, isId, jsonText } from '../../schema/index.js'
import type { Session } from './session.js'

/** How a waiter asked for the lock. */
export type LockMode = 'lock' | 'steal'

interface Waiter {
  readonly session: Session
  readonly name: string
  readonly mode: LockMode
  /** Still in the lock's queue (false once stolen from after stealing it). */
  queued: boolean
}

/** Every lock of one server. */
export class LockTable {
  private readonly queues = new Map<string, Waiter[]>()
  private readonly bySession = new Map<Session, Map<string, Waiter>>()

  /**
   * `lock`/`steal` (params `[name]`): the reply `{"locked": bool}`. Sends `stolen` to a victim.
   * Throws `syntax error` for a bad name or when the session already waits for or holds the lock.
   */
  lock(session: Session, params: readonly unknown[], mode: LockMode): { locked: boolean } {
    const name = lockName(params, mode)
    const waiters = this.sessionWaiters(session)
    if (waiters.has(name)) throw new OvsdbError('syntax error', `must issue "unlock" before new "${mode}"`, jsonText(params))
    const queue = this.queues.get(name) ?? []
    this.queues.set(name, queue)
    const victim = mode === 'steal' ? queue[0] : undefined
    const waiter: Waiter = { session, name, mode, queued: true }
    if (mode === 'steal') queue.unshift(waiter)
    else queue.push(waiter)
    waiters.set(name, waiter)
    if (victim !== undefined && victim.mode === 'steal') this.dequeue(victim)
    if (victim !== undefined) victim.session.notify('stolen', [name])
    return { locked: queue[0] === waiter }
  }

  /** `unlock` (params `[name]`): reply `{}`; throws `syntax error` when the session never locked it. */
  unlock(session: Session, params: readonly unknown[]): Record<string, never> {
    const name = lockName(params, 'unlock')
    const waiter = this.bySession.get(session)?.get(name)
    if (waiter === undefined) throw new OvsdbError('syntax error', 'unlock: "unlock" without "lock" or "steal"', jsonText(params))
    this.release(waiter)
    return {}
  }

  /** Releases every lock `session` holds or waits for (it closed). */
  unlockAll(session: Session): void {
    for (const waiter of [...(this.bySession.get(session)?.values() ?? [])]) this.release(waiter)
    this.bySession.delete(session)
  }

  /** Names of the locks `session` owns (for `assert`). */
  held(session: Session): Set<string> {
    const names = new Set<string>()
    for (const waiter of this.bySession.get(session)?.values() ?? []) {
      if (this.queues.get(waiter.name)?.[0] === waiter) names.add(waiter.name)
    }
    return names
  }

  /** The locks `session` owns, waits for (`lock`), and lost after stealing (ovsdb-server's Manager status keys). */
  describe(session: Session): { held: string[]; waiting: string[]; lost: string[] } {
    const states = { held: [] as string[], waiting: [] as string[], lost: [] as string[] }
    for (const waiter of this.bySession.get(session)?.values() ?? []) {
      const owns = this.queues.get(waiter.name)?.[0] === waiter
      ;(owns ? states.held : waiter.mode === 'lock' ? states.waiting : states.lost).push(waiter.name)
    }
    return states
  }

  private sessionWaiters(session: Session): Map<string, Waiter> {
    let waiters = this.bySession.get(session)
    if (waiters === undefined) {
      waiters = new Map()
      this.bySession.set(session, waiters)
    }
    return waiters
  }

  /** Forgets `waiter`; the remaining owner, if any, is told `locked`. */
  private release(waiter: Waiter): void {
    this.bySession.get(waiter.session)?.delete(waiter.name)
    if (!waiter.queued) return
    const owner = this.dequeue(waiter)
    if (owner !== undefined) owner.session.notify('locked', [waiter.name])
  }

  /** Takes `waiter` out of its queue; returns the lock's owner afterwards (undefined: lock gone). */
  private dequeue(waiter: Waiter): Waiter | undefined {
    const queue = this.queues.get(waiter.name)!
    queue.splice(queue.indexOf(waiter), 1)
    waiter.queued = false
    if (queue.length === 0) this.queues.delete(waiter.name)
    return queue[0]
  }
}

/** The lock name of `[name]` params; `syntax error` "<method> request params must be <id>" otherwise. */
function lockName(params: readonly unknown[], method: string): string {
  const name = params[0]
  if (params.length !== 1 || typeof name !== 'string' || !isId(name)) {
    throw new OvsdbError('syntax error', `${method} request params must be <id>`, jsonText(params))
  }
  return name
}
