// The one place that decides retries (controller-runtime reconcileHandler): a failed object is
// retried after a capped exponential backoff, success forgets it, a terminal failure waits for its
// configuration to change. Objects are keyed by name and carry a fingerprint of their desired
// configuration, so a changed configuration is tried again at once.

/** First delay and cap of the exponential backoff, in milliseconds. */
export interface BackoffPolicy {
  readonly baseMs: number
  readonly maxMs: number
}

/** ovs-vswitchd retries failed interfaces on its next run; we start at 1 s and cap at 60 s. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 60_000 }

interface Failure {
  readonly fingerprint: string
  readonly attempts: number
  /** Time of the next allowed attempt; Infinity for a terminal failure. */
  readonly nextAt: number
  readonly error: string
}

/** Per-object failure records on an injected clock. */
export class RetryTracker {
  readonly #failures = new Map<string, Failure>()

  constructor(readonly policy: BackoffPolicy, private readonly now: () => number) {}

  /** True when `key` may be attempted now: never failed, its backoff elapsed, or its config changed. */
  due(key: string, fingerprint: string): boolean {
    const failure = this.#failures.get(key)
    return failure === undefined || failure.fingerprint !== fingerprint || failure.nextAt <= this.now()
  }

  /** The error recorded for `key` while it waits (undefined when none or its config changed). */
  lastError(key: string, fingerprint: string): string | undefined {
    const failure = this.#failures.get(key)
    return failure !== undefined && failure.fingerprint === fingerprint ? failure.error : undefined
  }

  /** Records a failure: the delay doubles per consecutive failure of the same config, up to the cap. */
  failed(key: string, fingerprint: string, error: string, terminal = false): void {
    const previous = this.#failures.get(key)
    const attempts = previous !== undefined && previous.fingerprint === fingerprint ? previous.attempts + 1 : 1
    const delay = Math.min(this.policy.maxMs, this.policy.baseMs * 2 ** (attempts - 1))
    this.#failures.set(key, { fingerprint, attempts, nextAt: terminal ? Infinity : this.now() + delay, error })
  }

  /** Makes terminal failures due now (a device appeared or the engine changed: ovs-vswitchd retries them). */
  retryTerminal(): void {
    const now = this.now()
    for (const [key, failure] of this.#failures) if (!Number.isFinite(failure.nextAt)) this.#failures.set(key, { ...failure, nextAt: now })
  }

  /** Forgets `key` after a success. */
  succeeded(key: string): void {
    this.#failures.delete(key)
  }

  /** Forgets every key for which `keep` is false (objects no longer configured). */
  prune(keep: (key: string) => boolean): void {
    for (const key of [...this.#failures.keys()]) if (!keep(key)) this.#failures.delete(key)
  }

  /** The earliest time a pending retry falls due, or undefined when nothing waits on time. */
  nextDue(): number | undefined {
    let next: number | undefined
    for (const failure of this.#failures.values()) if (Number.isFinite(failure.nextAt) && (next === undefined || failure.nextAt < next)) next = failure.nextAt
    return next
  }

  /** Consecutive failures recorded for `key` (0 when none). */
  attempts(key: string): number {
    return this.#failures.get(key)?.attempts ?? 0
  }
}
