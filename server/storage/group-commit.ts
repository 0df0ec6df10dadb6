// Group commit: records appended during one turn of the event loop are written together by one
// call of `write` (one SQLite transaction) at the next setImmediate, and their promises settle in
// append order once it returns. A failed write fails its group and every later append, so the file
// stays an exact prefix of the committed history.

/** A record waiting for its group to be written. */
interface Pending<T> {
  readonly record: T
  readonly resolve: () => void
  readonly reject: (error: Error) => void
}

/** Batches appends and writes each batch with one synchronous `write` call. */
export class GroupCommitter<T> {
  private queue: Pending<T>[] = []
  private scheduled = false
  private failure: Error | null = null
  private closed = false

  /** `write` persists a whole group or throws; `log` hears about failures. */
  constructor(
    private readonly write: (records: readonly T[]) => void,
    private readonly log: (message: string) => void,
  ) {}

  /** Queues `record`; resolves when its group is written, rejects when writing fails or failed before. */
  append(record: T): Promise<void> {
    if (this.closed) return Promise.reject(new Error('storage is closed'))
    if (this.failure !== null) return Promise.reject(new Error(`storage failed earlier: ${this.failure.message}`))
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ record, resolve, reject })
      if (!this.scheduled) {
        this.scheduled = true
        setImmediate(() => this.flush())
      }
    })
  }

  /** Writes the queued group now (also called by close). */
  flush(): void {
    this.scheduled = false
    const group = this.queue
    this.queue = []
    if (group.length === 0) return
    try {
      this.write(group.map((pending) => pending.record))
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught))
      this.failure = error
      this.log(`storage: writing ${group.length} transaction(s) failed: ${error.message}`)
      for (const pending of group) pending.reject(error)
      return
    }
    for (const pending of group) pending.resolve()
  }

  /** Writes what is queued; later appends reject. */
  close(): void {
    this.flush()
    this.closed = true
  }
}
