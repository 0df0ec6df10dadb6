// The `transact` and `cancel` methods (RFC 7047 §4.1.3, §4.1.4; OVS jsonrpc-server triggers):
// every transact request is a trigger that runs through its database's Committer, is answered
// once its commit has landed, or stays blocked by `wait` until a later commit, its timeout or a
// `cancel` (answered `canceled` only to set_db_change_aware sessions, as ovsdb-server does).

import { OvsdbError, jsonText, jsonToText } from '../../schema/index.js'
import { transact } from '../engine/index.js'
import { serverCounters } from '../metrics.js'
import { Committer } from './committer.js'
import type { HostedDb } from './hosted-db.js'
import type { LockTable } from './locks.js'
import type { Session } from './session.js'
import { TriggerSet, type Trigger } from './triggers.js'

/** Runs every session's transactions against the hosted databases. */
export class TransactRunner {
  readonly triggers = new TriggerSet()
  private readonly committers = new Map<HostedDb, Committer>()

  constructor(
    databases: Iterable<HostedDb>,
    private readonly locks: LockTable,
    onFatal: (hosted: HostedDb, error: unknown) => void,
  ) {
    for (const hosted of databases) {
      const committer = new Committer(hosted, () => this.rerun(hosted), (error) => onFatal(hosted, error))
      this.committers.set(hosted, committer)
    }
  }

  /** The Committer of `hosted` (monitor requests queue on it too). */
  committer(hosted: HostedDb): Committer {
    return this.committers.get(hosted)!
  }

  /**
   * Starts the transaction `ops` (the params after the database name) of request `id`; its reply
   * comes later. Throws `syntax error` "transact: duplicate request ID" while an earlier request
   * of the session with an equal id is unanswered.
   */
  submit(session: Session, hosted: HostedDb, id: unknown, params: readonly unknown[]): void {
    const idKey = jsonToText(id)
    if (session.pendingTransacts.has(idKey)) {
      throw new OvsdbError('syntax error', 'transact: duplicate request ID', jsonText(params))
    }
    session.pendingTransacts.add(idKey)
    const trigger: Trigger = { session, id, idKey, hosted, ops: params.slice(1), arrivedAt: Date.now(), release: session.defer() }
    this.committer(hosted).enqueue(false, () => this.attempt(trigger))
  }

  /** `cancel` notification `[id]`: ends the blocked transaction with that id, if any. */
  cancel(session: Session, id: unknown): void {
    const trigger = this.triggers.find(session, jsonToText(id))
    if (trigger === undefined) return
    this.triggers.finish(trigger)
    session.pendingTransacts.delete(trigger.idKey)
    if (session.changeAware) session.sendError(trigger.id, 'canceled')
  }

  /** Forgets a closed session's blocked transactions. */
  dropSession(session: Session): void {
    this.triggers.dropSession(session)
  }

  private attempt(trigger: Trigger): void {
    const { session, hosted } = trigger
    if (trigger.finished) return
    if (!session.isOpen) return void this.triggers.finish(trigger)
    const elapsedMs = Math.max(Date.now() - trigger.arrivedAt, trigger.expiredAfterMs ?? 0)
    const outcome = transact(hosted.db, trigger.ops, { locksHeld: this.locks.held(session), elapsedMs, readOnly: session.readOnly })
    if (outcome.kind === 'blocked') {
      trigger.release()
      return this.triggers.block(trigger, outcome.timeoutMs, (expired) => this.committer(hosted).enqueue(false, () => this.attempt(expired)))
    }
    this.triggers.finish(trigger)
    const landing = performance.now()
    this.committer(hosted).land(outcome, session.name, () => {
      serverCounters.countTransaction(outcome.results, (performance.now() - landing) / 1000)
      session.pendingTransacts.delete(trigger.idKey)
      session.sendReply(trigger.id, outcome.results)
      trigger.release()
    })
  }

  /** Re-runs the blocked transactions on `hosted` after a commit. */
  private rerun(hosted: HostedDb): void {
    for (const trigger of this.triggers.onDatabase(hosted)) this.attempt(trigger)
  }
}
