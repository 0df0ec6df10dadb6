// Adaptive busy polling. After client traffic the event loop keeps turning (setImmediate, so
// libuv polls its sockets with a zero timeout) for a short window instead of going to sleep in
// epoll_wait: a client that answers quickly, as a request/reply client does, is read without a
// sleep and wake-up on the server's side, which on a virtual machine costs more than the wait.
// The window adapts as Linux's guest haltpoll governor does: an idle spell that outlasted the
// window but not the maximum doubles it; one longer than the maximum halves it (down to zero),
// so an idle or sparsely used server does not spin.

/** Where the poller reads the time (µs, fractional) and schedules its next turn; swappable for tests. */
export interface PollClock {
  now(): number
  next(step: () => void): void
}

const REAL_CLOCK: PollClock = {
  now: () => performance.now() * 1000,
  next: (step) => setImmediate(step),
}

/** A window smaller than this is not worth a spin: growing starts here, shrinking stops below it. */
export const GROW_START_US = 25

/** Busy polling for one server (see the file header). */
export class BusyPoller {
  /** How long the loop spins after the server goes idle, in µs (adapts between 0 and maxUs). */
  private windowUs = 0
  /** When the loop last went idle (µs), or null from traffic until the next turn of the loop. */
  private idleSince: number | null = null
  private turning = false

  /** `maxUs`: the longest window (0 turns busy polling off). */
  constructor(
    readonly maxUs: number,
    private readonly clock: PollClock = REAL_CLOCK,
  ) {}

  /** The current window, in µs. */
  get currentWindowUs(): number {
    return this.windowUs
  }

  /** Client traffic arrived: adapt the window to the idle spell it ended, then poll once idle again. */
  activity(): void {
    if (this.maxUs === 0) return
    if (this.idleSince !== null) this.adapt(this.clock.now() - this.idleSince)
    this.idleSince = null
    if (!this.turning) {
      this.turning = true
      this.clock.next(this.step)
    }
  }

  /** One turn of the loop: marks when the server went idle, and keeps turning inside the window. */
  private readonly step = (): void => {
    const now = this.clock.now()
    const idleSince = (this.idleSince ??= now)
    if (now - idleSince < this.windowUs) this.clock.next(this.step)
    else this.turning = false
  }

  private adapt(idleUs: number): void {
    if (idleUs <= this.windowUs) return
    if (idleUs <= this.maxUs) this.windowUs = Math.min(this.maxUs, Math.max(GROW_START_US, this.windowUs * 2))
    else this.windowUs = this.windowUs / 2 < GROW_START_US ? 0 : this.windowUs / 2
  }
}
