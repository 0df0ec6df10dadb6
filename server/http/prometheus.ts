// Prometheus text exposition (format 0.0.4) of the server: counters from server/metrics.ts and
// gauges read from the live state (sessions by transport, monitors, rows per table, history length).

import { COMMIT_SECONDS_BUCKETS, transportOf, type ServerCounters } from '../metrics.js'
import { MonitorHub } from '../monitor/index.js'
import type { HostedDb } from '../rpc/hosted-db.js'
import type { Session } from '../rpc/session.js'

/** The metric families, as exposed. */
export const METRIC_NAMES = [
  'switchyard_sessions',
  'switchyard_monitors',
  'switchyard_transactions_committed_total',
  'switchyard_transactions_failed_total',
  'switchyard_commit_duration_seconds',
  'switchyard_rows',
  'switchyard_history_transactions',
  'switchyard_received_bytes_total',
  'switchyard_sent_bytes_total',
  'switchyard_slow_readers_dropped_total',
] as const

/** Every transport a session can have, reported even at zero. */
const TRANSPORTS = ['tcp', 'ssl', 'unix', 'ws', 'http'] as const

/** The state a scrape reads. */
export interface ScrapeSource {
  readonly counters: ServerCounters
  readonly sessions: ReadonlySet<Session>
  readonly databases: readonly HostedDb[]
}

/** The exposition text of `source`. */
export function renderMetrics(source: ScrapeSource): string {
  const lines: string[] = []
  const family = (name: (typeof METRIC_NAMES)[number], type: 'counter' | 'gauge' | 'histogram', help: string) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`)
  }
  const sessions = countSessions(source.sessions)
  family('switchyard_sessions', 'gauge', 'Open sessions by transport.')
  for (const [transport, count] of sessions.byTransport) lines.push(`switchyard_sessions{transport="${transport}"} ${count}`)
  family('switchyard_monitors', 'gauge', 'Client monitors (monitor, monitor_cond, monitor_cond_since) open.')
  lines.push(`switchyard_monitors ${sessions.monitors}`)
  renderTransactions(source.counters, family, lines)
  family('switchyard_rows', 'gauge', 'Committed rows per table.')
  for (const hosted of source.databases) {
    for (const [table, contents] of hosted.db.tables) lines.push(`switchyard_rows{db="${label(hosted.name)}",table="${label(table)}"} ${contents.rows.size}`)
  }
  family('switchyard_history_transactions', 'gauge', 'Transactions kept for monitor_cond_since.')
  for (const hosted of source.databases) {
    if (hosted.hub instanceof MonitorHub) lines.push(`switchyard_history_transactions{db="${label(hosted.name)}"} ${hosted.hub.historyLength}`)
  }
  family('switchyard_received_bytes_total', 'counter', 'Bytes received from clients, by transport.')
  for (const transport of transportsOf(source.counters.bytesIn)) lines.push(`switchyard_received_bytes_total{transport="${transport}"} ${source.counters.bytesIn.get(transport) ?? 0}`)
  family('switchyard_sent_bytes_total', 'counter', 'Bytes sent to clients, by transport.')
  for (const transport of transportsOf(source.counters.bytesOut)) lines.push(`switchyard_sent_bytes_total{transport="${transport}"} ${source.counters.bytesOut.get(transport) ?? 0}`)
  family('switchyard_slow_readers_dropped_total', 'counter', 'Sessions dropped because their unsent output passed the backlog cap.')
  lines.push(`switchyard_slow_readers_dropped_total ${source.counters.slowReadersDropped}`)
  return lines.join('\n') + '\n'
}

type Family = (name: (typeof METRIC_NAMES)[number], type: 'counter' | 'gauge' | 'histogram', help: string) => void

function renderTransactions(counters: ServerCounters, family: Family, lines: string[]): void {
  family('switchyard_transactions_committed_total', 'counter', 'Transactions answered without an error.')
  lines.push(`switchyard_transactions_committed_total ${counters.committed}`)
  family('switchyard_transactions_failed_total', 'counter', 'Transactions answered with an error, by the error tag.')
  for (const [tag, count] of [...counters.failed].sort(([a], [b]) => (a < b ? -1 : 1))) {
    lines.push(`switchyard_transactions_failed_total{error="${label(tag)}"} ${count}`)
  }
  family('switchyard_commit_duration_seconds', 'histogram', 'Time from a transaction outcome to its answer (storage commit included).')
  const histogram = counters.commitSeconds
  COMMIT_SECONDS_BUCKETS.forEach((bound, i) => lines.push(`switchyard_commit_duration_seconds_bucket{le="${bound}"} ${histogram.buckets[i]}`))
  lines.push(`switchyard_commit_duration_seconds_bucket{le="+Inf"} ${histogram.count}`)
  lines.push(`switchyard_commit_duration_seconds_sum ${histogram.sum}`, `switchyard_commit_duration_seconds_count ${histogram.count}`)
}

function countSessions(sessions: ReadonlySet<Session>): { byTransport: Map<string, number>; monitors: number } {
  const byTransport = new Map<string, number>(TRANSPORTS.map((transport) => [transport, 0]))
  let monitors = 0
  for (const session of sessions) {
    const transport = transportOf(session.name)
    byTransport.set(transport, (byTransport.get(transport) ?? 0) + 1)
    monitors += session.monitors.size
  }
  return { byTransport, monitors }
}

function transportsOf(counts: ReadonlyMap<string, number>): string[] {
  return [...new Set([...TRANSPORTS, ...counts.keys()])]
}

/** A label value escaped as the exposition format requires. */
function label(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
}
