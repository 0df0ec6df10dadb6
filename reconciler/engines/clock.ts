// Time for engines and BFD sessions: the Clock interface, the real monotonic clock, and a virtual
// clock that tests advance by hand so timer-driven behaviour (BFD, wire delays) runs deterministically.

/** Milliseconds and one-shot timers. BfdClock (reconciler/bfd) is the same shape. */
export interface Clock {
  /** Current time in milliseconds (monotonic; only differences matter). */
  now(): number
  /** Calls `callback` once at time `at` (at once if that is past); returns a canceller. */
  setTimer(at: number, callback: () => void): () => void
}

/** The process's monotonic clock with Node timers; timers do not keep the process alive. */
export const systemClock: Clock = {
  now: () => performance.now(),
  setTimer(at, callback) {
    const handle = setTimeout(callback, Math.max(0, at - performance.now()))
    handle.unref()
    return () => clearTimeout(handle)
  },
}

interface Timer {
  readonly at: number
  readonly seq: number
  readonly callback: () => void
}

/** A clock that only moves when told; timers fire in time order, ties in the order they were set. */
export class VirtualClock implements Clock {
  #now: number
  #seq = 0
  readonly #timers = new Map<number, Timer>()

  /** Starts at `start` ms (default 0). */
  constructor(start = 0) {
    this.#now = start
  }

  now(): number {
    return this.#now
  }

  setTimer(at: number, callback: () => void): () => void {
    const seq = this.#seq++
    this.#timers.set(seq, { at: Math.max(at, this.#now), seq, callback })
    return () => {
      this.#timers.delete(seq)
    }
  }

  /**
   * Moves time forward by `ms`, firing every timer due on the way (including ones set by timers that
   * fire) with now() equal to each timer's time. Throws if more than `maxFirings` fire (a runaway loop).
   */
  advance(ms: number, maxFirings = 1_000_000): void {
    this.advanceTo(this.#now + ms, maxFirings)
  }

  /** Like advance, to an absolute time; does nothing for a time in the past. */
  advanceTo(target: number, maxFirings = 1_000_000): void {
    for (let fired = 0; ; fired++) {
      const next = this.#nextDue(target)
      if (!next) break
      if (fired >= maxFirings) throw new Error(`VirtualClock: more than ${maxFirings} timers fired before ${target} ms`)
      this.#timers.delete(next.seq)
      this.#now = next.at
      next.callback()
    }
    this.#now = Math.max(this.#now, target)
  }

  /** Number of timers waiting. */
  get pending(): number {
    return this.#timers.size
  }

  #nextDue(target: number): Timer | undefined {
    let best: Timer | undefined
    for (const timer of this.#timers.values()) {
      if (timer.at <= target && (!best || timer.at < best.at || (timer.at === best.at && timer.seq < best.seq))) best = timer
    }
    return best
  }
}
