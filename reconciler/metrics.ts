// Counters the reconciler's parts bump as things happen (passes run and how long they took, engine
// steps that failed), kept in one process-wide registry, and their Prometheus text exposition
// (format 0.0.4) together with gauges read from the live state at scrape time (database connection,
// the ovs_vswitchd lock, BFD sessions by state). reconciler/http.ts serves it as GET /metrics.

import { BFD_STATES, type BfdState } from './bfd/index.js'

/** Upper bounds, in seconds, of the pass duration histogram's buckets (+Inf is implied). */
export const PASS_SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const

/** How a pass ended: it ran to its end, or it threw (a bug, logged; the loop retries it). */
export const PASS_RESULTS = ['ok', 'failed'] as const
export type PassResult = (typeof PASS_RESULTS)[number]

/** The engine steps whose failure is recorded (Interface:error or a bridge left uncreated) and retried. */
export const ENGINE_ERROR_KINDS = ['create-bridge', 'create-interface', 'change-interface'] as const
export type EngineErrorKind = (typeof ENGINE_ERROR_KINDS)[number]

/** The metric families, as exposed. */
export const RECONCILER_METRIC_NAMES = [
  'switchyard_reconciler_passes_total',
  'switchyard_reconciler_pass_duration_seconds',
  'switchyard_reconciler_engine_errors_total',
  'switchyard_reconciler_bfd_sessions',
  'switchyard_reconciler_lock_held',
  'switchyard_reconciler_database_connected',
] as const
type MetricName = (typeof RECONCILER_METRIC_NAMES)[number]

/** The counters of one reconciler process. */
export class ReconcilerCounters {
  /** Passes run, by how they ended (a pass that finds no database or no lock does nothing and counts as ok). */
  readonly passes = new Map<PassResult, number>(PASS_RESULTS.map((result) => [result, 0]))
  /** Wall time of each pass: cumulative bucket counts in the order of PASS_SECONDS_BUCKETS. */
  readonly passSeconds = { buckets: PASS_SECONDS_BUCKETS.map(() => 0), count: 0, sum: 0 }
  /** Engine steps that failed, by step kind. */
  readonly engineErrors = new Map<EngineErrorKind, number>(ENGINE_ERROR_KINDS.map((kind) => [kind, 0]))

  /** Runs `pass`, counting it and its wall time under how it ended; returns or rethrows what it does. */
  async timePass<T>(pass: () => Promise<T>): Promise<T> {
    const start = performance.now()
    let result: PassResult = 'failed'
    try {
      const outcome = await pass()
      result = 'ok'
      return outcome
    } finally {
      this.#observe(result, (performance.now() - start) / 1000)
    }
  }

  /** Counts one failed engine step of `kind`. */
  engineError(kind: EngineErrorKind): void {
    this.engineErrors.set(kind, (this.engineErrors.get(kind) ?? 0) + 1)
  }

  #observe(result: PassResult, seconds: number): void {
    this.passes.set(result, (this.passes.get(result) ?? 0) + 1)
    const histogram = this.passSeconds
    histogram.count++
    histogram.sum += seconds
    PASS_SECONDS_BUCKETS.forEach((bound, i) => {
      if (seconds <= bound) histogram.buckets[i]++
    })
  }
}

/** The registry of this process. */
export const reconcilerCounters = new ReconcilerCounters()

/** The live state a scrape reads besides the counters. */
export interface ReconcilerGauges {
  readonly connected: boolean
  readonly hasLock: boolean
  /** Live BFD sessions per state (states with none may be absent). */
  readonly bfdSessions: ReadonlyMap<BfdState, number>
}

/** The exposition text of `counters` and `gauges`; every label value is listed, zeros included. */
export function renderReconcilerMetrics(counters: ReconcilerCounters, gauges: ReconcilerGauges): string {
  const lines: string[] = []
  const family = (name: MetricName, type: 'counter' | 'gauge' | 'histogram', help: string) => lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`)
  family('switchyard_reconciler_passes_total', 'counter', 'Reconcile passes run, by result (failed: the pass threw and is retried).')
  for (const result of PASS_RESULTS) lines.push(`switchyard_reconciler_passes_total{result="${result}"} ${counters.passes.get(result) ?? 0}`)
  family('switchyard_reconciler_pass_duration_seconds', 'histogram', 'Wall time of a reconcile pass (reconfigure, BFD sync and status write).')
  const histogram = counters.passSeconds
  PASS_SECONDS_BUCKETS.forEach((bound, i) => lines.push(`switchyard_reconciler_pass_duration_seconds_bucket{le="${bound}"} ${histogram.buckets[i]}`))
  lines.push(`switchyard_reconciler_pass_duration_seconds_bucket{le="+Inf"} ${histogram.count}`)
  lines.push(`switchyard_reconciler_pass_duration_seconds_sum ${histogram.sum}`, `switchyard_reconciler_pass_duration_seconds_count ${histogram.count}`)
  family('switchyard_reconciler_engine_errors_total', 'counter', 'Engine steps that failed, by step kind.')
  for (const kind of ENGINE_ERROR_KINDS) lines.push(`switchyard_reconciler_engine_errors_total{kind="${kind}"} ${counters.engineErrors.get(kind) ?? 0}`)
  family('switchyard_reconciler_bfd_sessions', 'gauge', 'Live BFD sessions by local state.')
  for (const state of BFD_STATES) lines.push(`switchyard_reconciler_bfd_sessions{state="${state}"} ${gauges.bfdSessions.get(state) ?? 0}`)
  family('switchyard_reconciler_lock_held', 'gauge', 'Whether this process holds the ovs_vswitchd lock (1) or waits for it (0).')
  lines.push(`switchyard_reconciler_lock_held ${gauges.hasLock ? 1 : 0}`)
  family('switchyard_reconciler_database_connected', 'gauge', 'Whether this process has a live connection and replica of the database.')
  lines.push(`switchyard_reconciler_database_connected ${gauges.connected ? 1 : 0}`)
  return lines.join('\n') + '\n'
}
