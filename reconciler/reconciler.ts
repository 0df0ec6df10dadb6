// One reconciler: the database source (a DbFollower or a test double), a switch driver, the loop, and
// the pass it runs — desired state, reconfigure, BFD sync, status write-back ending with cur_cfg. It
// does nothing while it lacks the database or the `ovs_vswitchd` lock.

import type { Operation, Replica } from '../client/index.js'
import { BfdSessions } from './bfd-sessions.js'
import { desiredState, type DesiredState } from './desired.js'
import type { SwitchDriver } from './driver.js'
import type { Clock } from './engines/clock.js'
import type { ReconcilerLog } from './log.js'
import { ReconcileLoop, type PassOutcome } from './loop.js'
import { reconfigure } from './reconfigure.js'
import { DEFAULT_BACKOFF, RetryTracker, type BackoffPolicy } from './retry.js'
import { StatusWriter } from './status.js'
import { wantedStatus } from './status-wanted.js'

/** What the reconciler needs from the database side (DbFollower implements it). */
export interface DbSource {
  readonly replica: Replica | undefined
  readonly connected: boolean
  readonly hasLock: boolean
  /** Bumped on every new session. */
  readonly generation: number
  transact(ops: readonly Operation[]): Promise<unknown[]>
  onChange(listener: () => void): void
}

/** Knobs of one reconciler. */
export interface ReconcilerOptions {
  readonly clock: Clock
  readonly log: ReconcilerLog
  /** Uniform unsigned 32-bit integers (BFD discriminators and jitter). */
  readonly random: () => number
  readonly backoff?: BackoffPolicy
}

/** ovs-vswitchd's stats-update-interval default and minimum (ms). */
export const STATS_INTERVAL_MS = 5000
/** Pause before retrying a status transaction that failed (ms). */
const STATUS_RETRY_MS = 1000

/** Wires database, driver, loop, retries, BFD and the status writer together. */
export class Reconciler {
  readonly loop: ReconcileLoop
  readonly retries: RetryTracker
  readonly bfd: BfdSessions
  readonly #writer = new StatusWriter()
  #generation = -1
  #nextStatsAt = -Infinity
  /** Interfaces whose statistics were written at least once since the session began. */
  #statsWritten = new Set<string>()
  readonly #loggedErrors = new Set<string>()

  constructor(private readonly db: DbSource, private readonly driver: SwitchDriver, private readonly options: ReconcilerOptions) {
    this.loop = new ReconcileLoop(() => this.pass(), options.clock, options.log)
    this.retries = new RetryTracker(options.backoff ?? DEFAULT_BACKOFF, () => options.clock.now())
    this.bfd = new BfdSessions(driver, options.clock, options.random, options.log, () => this.loop.wake())
    db.onChange(() => this.loop.wake())
    driver.onChange(() => {
      this.retries.retryTerminal()
      this.loop.wake()
    })
  }

  /** One pass; the loop calls it. Resolves with when it wants to run again. */
  async pass(): Promise<PassOutcome> {
    const replica = this.db.replica
    if (!this.db.connected || !this.db.hasLock || replica === undefined) return {}
    if (this.db.generation !== this.#generation) {
      this.#writer.forget()
      this.#statsWritten = new Set()
      this.#generation = this.db.generation
    }
    const desired = desiredState(replica)
    this.#logRowErrors(desired)
    const result = await reconfigure(desired, this.driver, this.retries, this.options.log)
    await this.#syncBfd(desired, result.interfaces)
    const now = this.options.clock.now()
    const refresh = now >= this.#nextStatsAt
    const wanted = await wantedStatus(desired, result, this.driver, this.bfd, (uuid) => refresh || !this.#statsWritten.has(uuid))
    const written = await this.#writer.write(wanted, replica, (ops) => this.db.transact(ops))
    let retryAt: number | undefined
    if (typeof written === 'object') {
      this.options.log.warn('bridge', `status transaction failed: ${written.failed}`)
      retryAt = now + STATUS_RETRY_MS
    } else {
      this.#statsWritten = new Set(wanted.Interface.keys())
      if (refresh) this.#nextStatsAt = now + statsInterval(desired)
    }
    return { nextAt: minDefined(this.retries.nextDue(), this.#nextStatsAt, retryAt) }
  }

  /** Stops the loop and the BFD sessions. */
  async stop(): Promise<void> {
    await this.loop.stop()
    this.bfd.close()
  }

  async #syncBfd(desired: DesiredState, outcomes: ReadonlyMap<string, { ofport: number }>): Promise<void> {
    const live = []
    for (const iface of desired.interfaces.values()) {
      if ((outcomes.get(iface.uuid)?.ofport ?? -1) < 0) continue
      live.push({ iface, mac: (await this.driver.interfaceStatus(iface.bridge, iface.name)).mac })
    }
    this.bfd.sync(live)
  }

  #logRowErrors(desired: DesiredState): void {
    for (const error of desired.errors) {
      if (this.#loggedErrors.has(error.message)) continue
      this.#loggedErrors.add(error.message)
      this.options.log.warn('bridge', error.message)
    }
  }
}

function statsInterval(desired: DesiredState): number {
  const configured = Number(desired.otherConfig['stats-update-interval'])
  return Number.isFinite(configured) ? Math.max(configured, STATS_INTERVAL_MS) : STATS_INTERVAL_MS
}

function minDefined(...times: (number | undefined)[]): number | undefined {
  const finite = times.filter((time): time is number => time !== undefined && Number.isFinite(time))
  return finite.length === 0 ? undefined : Math.min(...finite)
}
