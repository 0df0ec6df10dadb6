// The reconcile loop (controller-runtime's work queue of one key): anything — a replica change, an
// engine event, a due retry — calls wake(); wake-ups that arrive while a pass is pending or running
// are coalesced into one more pass. The loop never looks at what changed: each pass recomputes everything.

import type { Clock } from './engines/clock.js'
import type { ReconcilerLog } from './log.js'
import { reconcilerCounters } from './metrics.js'

/** What a pass tells the loop: when (clock time) it wants to run again even if nothing wakes it. */
export interface PassOutcome {
  readonly nextAt?: number
}

/** Pause before re-running a pass that threw (a bug, logged). */
const CRASH_PAUSE_MS = 1000

/** Runs `pass` on every coalesced wake-up and at the times passes ask for. */
export class ReconcileLoop {
  #dirty = false
  #running = false
  #stopped = false
  #cancelTimer: (() => void) | undefined
  readonly #idleWaiters: (() => void)[] = []

  constructor(private readonly pass: () => Promise<PassOutcome>, private readonly clock: Clock, private readonly log: ReconcilerLog) {}

  /** Asks for a pass; returns at once. Many calls before the pass starts give one pass. */
  wake(): void {
    if (this.#stopped) return
    this.#dirty = true
    if (!this.#running) {
      this.#running = true
      queueMicrotask(() => void this.#drain())
    }
  }

  /** Resolves once no pass is running or pending. */
  idle(): Promise<void> {
    if (!this.#running) return Promise.resolve()
    return new Promise((resolve) => this.#idleWaiters.push(resolve))
  }

  /** Stops scheduling passes; resolves when the current one (if any) has finished. */
  async stop(): Promise<void> {
    this.#stopped = true
    this.#cancelTimer?.()
    await this.idle()
  }

  async #drain(): Promise<void> {
    while (this.#dirty && !this.#stopped) {
      this.#dirty = false
      let outcome: PassOutcome
      try {
        outcome = await reconcilerCounters.timePass(this.pass)
      } catch (error) {
        this.log.err('bridge', `reconfigure pass failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
        outcome = { nextAt: this.clock.now() + CRASH_PAUSE_MS }
      }
      this.#schedule(outcome.nextAt)
    }
    this.#running = false
    for (const resolve of this.#idleWaiters.splice(0)) resolve()
  }

  #schedule(at: number | undefined): void {
    this.#cancelTimer?.()
    this.#cancelTimer = at === undefined || this.#stopped ? undefined : this.clock.setTimer(at, () => this.wake())
  }
}
