// Monitor notifications held back for a moment so that several go out in one write(2). A session
// that was written an update less than the window ago keeps further ones aside and joins the held
// set; one timer per server writes out every held session (each as one buffer) when the window has
// passed. Nothing is merged or reordered: the same notifications reach the client, only fewer
// system calls carry them.

/** A session whose held output can be written now. */
export interface HeldOutput {
  flushHeld(): void
}

/** The held sessions of one server and the single timer that writes them out. */
export class UpdateFlusher {
  private readonly held = new Set<HeldOutput>()
  private timer: NodeJS.Timeout | undefined

  /** `windowMs`: how long after its last update write a session holds further updates (0: never). */
  constructor(readonly windowMs: number) {}

  /** Remembers `output` until the next flush, starting the timer when none runs. */
  hold(output: HeldOutput): void {
    this.held.add(output)
    this.timer ??= setTimeout(() => this.flush(), this.windowMs)
  }

  /** Writes out every held session now (the timer's work; also used at shutdown). */
  flush(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    const outputs = [...this.held]
    this.held.clear()
    for (const output of outputs) output.flushHeld()
  }
}
