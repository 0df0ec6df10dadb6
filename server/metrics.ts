// Counters the server's layers bump as things happen (bytes moved, transactions landed, slow
// readers dropped), kept in one process-wide registry that server/http renders for /metrics. The
// gauges (sessions, monitors, rows, history) are not here: they are read from the live state.

/** Upper bounds, in seconds, of the commit latency histogram's buckets (+Inf is implied). */
export const COMMIT_SECONDS_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] as const

/** A cumulative histogram in the Prometheus sense. */
export interface Histogram {
  /** Observations at or below each bound of COMMIT_SECONDS_BUCKETS, in that order. */
  readonly buckets: number[]
  count: number
  sum: number
}

/** The counters of one server process. */
export class ServerCounters {
  /** Bytes received and sent, by transport (`tcp`, `unix`, `ssl`, `ws`, `http`). */
  readonly bytesIn = new Map<string, number>()
  readonly bytesOut = new Map<string, number>()
  /** Sessions closed because their unsent output passed the backlog cap. */
  slowReadersDropped = 0
  /** Transactions answered without an error. */
  committed = 0
  /** Transactions answered with an error, by the first error's tag. */
  readonly failed = new Map<string, number>()
  /** Time from handing a transaction's outcome to storage until it is answered. */
  readonly commitSeconds: Histogram = { buckets: COMMIT_SECONDS_BUCKETS.map(() => 0), count: 0, sum: 0 }

  /** Adds `bytes` moved in `direction` over `transport` (transportOf a session's name, e.g. `tcp`). */
  countBytes(direction: 'in' | 'out', transport: string, bytes: number): void {
    const map = direction === 'in' ? this.bytesIn : this.bytesOut
    map.set(transport, (map.get(transport) ?? 0) + bytes)
  }

  /** Records one answered transaction: its results array and how long its landing took. */
  countTransaction(results: readonly unknown[], seconds: number): void {
    const tag = firstErrorTag(results)
    if (tag === undefined) this.committed++
    else this.failed.set(tag, (this.failed.get(tag) ?? 0) + 1)
    const histogram = this.commitSeconds
    histogram.count++
    histogram.sum += seconds
    COMMIT_SECONDS_BUCKETS.forEach((bound, i) => {
      if (seconds <= bound) histogram.buckets[i]++
    })
  }
}

/** The registry of this process. */
export const serverCounters = new ServerCounters()

/** The transport of a session named `peer`: the part before the first colon. */
export function transportOf(peer: string): string {
  const colon = peer.indexOf(':')
  return colon < 0 ? peer : peer.slice(0, colon)
}

function firstErrorTag(results: readonly unknown[]): string | undefined {
  for (const result of results) {
    if (typeof result === 'object' && result !== null && 'error' in result) return String((result as { error: unknown }).error)
  }
  return undefined
}
