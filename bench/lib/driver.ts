// Closed-loop request drivers: each client sends its next request only after the previous answer,
// so throughput and per-request latency are the server's (plus one local round trip), bounded by a
// duration and an operation count so a slow server cannot make a benchmark run forever.

/** What a run did. */
export interface LoopResult {
  readonly ops: number
  readonly elapsedMs: number
  readonly opsPerSecond: number
  /** Wall-clock milliseconds per operation over the run (elapsed / ops: with N clients, not latency). */
  readonly msPerOp: number
}

/** Bounds of a run: it stops at whichever comes first (at least one operation always runs). */
export interface LoopLimits {
  readonly durationMs: number
  readonly maxOps: number
}

/**
 * Runs one closed loop per element of `clients`: `step(client, clientIndex, n)` is awaited, then
 * called again with the next global sequence number `n`, until `limits` are reached. Rejects with
 * the first step's failure.
 */
export async function closedLoop<C>(clients: readonly C[], step: (client: C, clientIndex: number, n: number) => Promise<unknown>, limits: LoopLimits): Promise<LoopResult> {
  let issued = 0
  const started = performance.now()
  const deadline = started + limits.durationMs
  const loop = async (client: C, index: number) => {
    while (issued < limits.maxOps && (issued === 0 || performance.now() < deadline)) {
      await step(client, index, issued++)
    }
  }
  await Promise.all(clients.map(loop))
  const elapsedMs = performance.now() - started
  return { ops: issued, elapsedMs, opsPerSecond: (issued * 1000) / elapsedMs, msPerOp: elapsedMs / issued }
}

/** One client, exactly `count` sequential calls of `step(n)`; the run's result. */
export function sequential(count: number, step: (n: number) => Promise<unknown>): Promise<LoopResult> {
  return closedLoop([null], (_client, _index, n) => step(n), { durationMs: Infinity, maxOps: count })
}

/** A measured stretch of work: operations done, wall time, and the server's CPU time meanwhile (in all, and of it in the kernel). */
export interface Sample {
  readonly ops: number
  readonly elapsedMs: number
  readonly cpuMs: number
  readonly systemMs: number
}

/** The median over `samples` of operations per second. */
export function medianRate(samples: readonly Sample[]): number {
  return median(samples.map((s) => (s.ops * 1000) / s.elapsedMs))
}

/** The median over `samples` of wall-clock milliseconds per operation. */
export function medianMsPerOp(samples: readonly Sample[]): number {
  return median(samples.map((s) => s.elapsedMs / s.ops))
}

/** Server CPU microseconds per operation over all `samples` together (CPU is counted in coarse ticks). */
export function cpuUsPerOp(samples: readonly Sample[]): number {
  const ops = samples.reduce((sum, s) => sum + s.ops, 0)
  return (samples.reduce((sum, s) => sum + s.cpuMs, 0) * 1000) / ops
}

/** Server system (kernel) CPU microseconds per operation over all `samples` together. */
export function systemUsPerOp(samples: readonly Sample[]): number {
  const ops = samples.reduce((sum, s) => sum + s.ops, 0)
  return (samples.reduce((sum, s) => sum + s.systemMs, 0) * 1000) / ops
}

/** Total server CPU milliseconds over `samples`. */
export function totalCpuMs(samples: readonly Sample[]): number {
  return samples.reduce((sum, s) => sum + s.cpuMs, 0)
}

/** The median of `values` (NaN when empty). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  if (sorted.length === 0) return NaN
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Resolves once `done()` is true (polled every millisecond); rejects with `what` after `timeoutMs`. */
export async function waitUntil(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
}
