// OpenFlow port numbers of one sim bridge, allocated as ofproto's alloc_ofp_port does: a requested
// number is honoured unless in use; otherwise the next number after the last one given, wrapping
// within 1..32767, skipping numbers freed less than an hour ago (the least recently freed if none).

const MAX_PORTS = 65280
const AUTO_LIMIT = 32768
const REUSE_AFTER_MS = 60 * 60 * 1000

/** Port-number bookkeeping for one bridge; times come from the engine's clock. */
export class OfportAllocator {
  /** ofport → Infinity while in use, else the time it was freed. */
  readonly #usage = new Map<number, number>()
  #last = 0

  /**
   * Returns the number for a new port: `request` if given, below 65280 and not in use, else the next
   * automatic one; undefined when every automatic number is in use.
   */
  allocate(now: number, request?: number): number | undefined {
    const wanted = request !== undefined && request >= 1 && request < MAX_PORTS && this.#usage.get(request) !== Infinity ? request : this.#next(now)
    if (wanted !== undefined) this.#usage.set(wanted, Infinity)
    return wanted
  }

  /** Marks `ofport` free as of `now` (it will not be handed out automatically for an hour). */
  free(ofport: number, now: number): void {
    if (this.#usage.get(ofport) === Infinity) this.#usage.set(ofport, now)
  }

  /** Whether `ofport` is in use. */
  inUse(ofport: number): boolean {
    return this.#usage.get(ofport) === Infinity
  }

  #next(now: number): number | undefined {
    let lru: number | undefined
    let lruAt = Infinity
    for (let tried = 1; tried < AUTO_LIMIT; tried++) {
      this.#last = this.#last + 1 >= AUTO_LIMIT ? 1 : this.#last + 1
      const usedAt = this.#usage.get(this.#last)
      if (usedAt === undefined) return this.#last
      if (usedAt < now - REUSE_AFTER_MS) {
        this.#usage.delete(this.#last)
        return this.#last
      }
      if (usedAt < lruAt) {
        lruAt = usedAt
        lru = this.#last
      }
    }
    return lru
  }
}
