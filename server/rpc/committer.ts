// Commit ordering for one hosted database. Transactions run against the in-memory engine as they
// arrive (several may be in flight, so storage can group their appends into one SQLite commit);
// each lands in order: storage.append resolves → hub.commit queues every session's updates →
// the client's reply is sent. So a client's own updates precede its reply and nobody is told of a
// change before it is in the file. Jobs that read the whole committed state (a monitor's initial
// contents, a condition change) wait until no commit is in flight, and later jobs wait behind them.

import { randomUuid, type TransactOutcome } from '../engine/index.js'
import type { HostedDb } from './hosted-db.js'

type DoneOutcome = Extract<TransactOutcome, { kind: 'done' }>

interface Job {
  /** Wait until no commit is in flight (the job reads state that monitors must already have). */
  readonly quiet: boolean
  readonly run: () => void
}

/** The commit pipeline of one hosted database (see the file header). */
export class Committer {
  private readonly queue: Job[] = []
  /** Commits started and commits landed; a commit's sequence number is `started` after it starts. */
  private started = 0
  private landed = 0
  private tail: Promise<void> = Promise.resolve()
  private readonly waiting: { readonly after: number; readonly run: () => void }[] = []

  constructor(
    readonly hosted: HostedDb,
    /** Called after each commit lands (re-runs blocked `wait` transactions). */
    private readonly onLanded: () => void,
    /** Called when storage fails: the change is in memory but not in the file. */
    private readonly onFatal: (error: unknown) => void,
  ) {}

  /** Commits in flight (appended, not yet landed). */
  get inFlight(): number {
    return this.started - this.landed
  }

  /** Runs `run` after every earlier job; a `quiet` job also waits until no commit is in flight. */
  enqueue(quiet: boolean, run: () => void): void {
    this.queue.push({ quiet, run })
    this.pump()
  }

  /**
   * Lands a finished transaction: with a Delta, appends it to storage (as sent by `peer`), then
   * hands it to the hub and calls `answer`; without one, calls `answer` once every commit started
   * before it has landed (its results may include their changes).
   */
  land(outcome: DoneOutcome, peer: string, answer: () => void): void {
    const delta = outcome.delta
    if (delta === null) return this.afterLanded(answer)
    const sequence = ++this.started
    const txnId = randomUuid()
    const appended = this.hosted.storage.append({ txnId, delta, comments: outcome.comments, peer, durable: outcome.durable })
    appended.catch(() => undefined)
    this.tail = this.tail.then(() => appended).then(() => {
      this.hosted.hub.commit(txnId, delta)
      this.landed = sequence
      answer()
      this.release()
      this.onLanded()
      this.pump()
    }, this.onFatal)
  }

  /** Runs `run` once every commit started so far has landed. */
  afterLanded(run: () => void): void {
    if (this.inFlight === 0) run()
    else this.waiting.push({ after: this.started, run })
  }

  private release(): void {
    while (this.waiting.length > 0 && this.waiting[0].after <= this.landed) this.waiting.shift()!.run()
  }

  private pump(): void {
    while (this.queue.length > 0 && !(this.queue[0].quiet && this.inFlight > 0)) this.queue.shift()!.run()
  }
}
