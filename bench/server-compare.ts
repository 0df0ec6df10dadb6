// Issue 4's server numbers beside the real ovsdb-server 3.1, in one run: transactions/s with one
// and with many clients, monitor fan-out CPU, restart time and RSS on a populated database, and
// server CPU per `ovs-vsctl --no-wait add-port` process. Both servers run at once and are measured
// in alternating rounds. Ratios are switchyard ÷ ovsdb-server.
// Run: npx tsx bench/server-compare.ts (after `npm run build`; see bench/README.md for the knobs).

import { BENCH_SCHEMA_PATH } from './lib/bench-rows.js'
import { runContest, type Outcome } from './lib/contest.js'
import { cpuUsPerOp, median, medianMsPerOp, medianRate, systemUsPerOp, totalCpuMs, type Sample } from './lib/driver.js'
import { envInt } from './lib/env.js'
import { FanoutRunner, type FanoutSample } from './lib/monitor-fanout.js'
import { printRatioTable, printRunHeader, type RatioTarget, type ResultRow } from './lib/ratio-table.js'
import { RestartRunner, type RestartSample } from './lib/restart.js'
import { ourBuildStaleness, ourServerSetup, ourServerUnavailable, realServerSetup, type ServerSetup } from './lib/servers.js'
import { TxnRateRunner } from './lib/txn-rate.js'
import { VsctlRunner, vswitchSchemaPath } from './lib/vsctl-ports.js'

const ROUNDS = envInt('BENCH_ROUNDS', 5)
const TXN_MS = envInt('BENCH_TXN_MS', 5000)
const CLIENTS = envInt('BENCH_CLIENTS', 16)
const MONITORS = envInt('BENCH_MONITORS', 100)
const UPDATES = envInt('BENCH_MONITOR_UPDATES', 5000)
const ROWS = envInt('BENCH_ROWS', 100_000)
const RESTARTS = envInt('BENCH_RESTARTS', 3)
const PORTS = envInt('BENCH_PORTS', 1000)
const VSCTL_PARALLEL = envInt('BENCH_VSCTL_PARALLEL', 1)
/** `BENCH_ONLY=txn,fanout,restart,vsctl` runs only those scenarios (all when unset). */
const ONLY = new Set((process.env.BENCH_ONLY ?? 'txn,fanout,restart,vsctl').split(',').map((name) => name.trim()))

async function main(): Promise<void> {
  printRunHeader('server-compare (issue 4)')
  console.log(`${ROUNDS} interleaved rounds; ${TXN_MS} ms per throughput run, ${CLIENTS} clients; ${MONITORS} monitors x ${UPDATES} updates; ${ROWS} rows x ${RESTARTS} restarts; ${PORTS} add-port (${VSCTL_PARALLEL} at a time)`)
  const unavailable = ourServerUnavailable()
  if (unavailable !== null) console.log(`WARNING: switchyard cannot run (${unavailable}); only ovsdb-server is measured`)
  const stale = ourBuildStaleness()
  if (stale !== null) console.log(`WARNING: ${stale}`)
  const rows: ResultRow[] = []
  const perRound = (total: number) => Math.max(1, Math.round(total / ROUNDS))
  if (ONLY.has('txn')) {
    console.log('transactions/s...')
    const one = await runContest(setups(BENCH_SCHEMA_PATH), (setup) => TxnRateRunner.open(setup, 1), ROUNDS, (runner) => runner.run(1, perRound(TXN_MS)))
    const many = await runContest(setups(BENCH_SCHEMA_PATH), (setup) => TxnRateRunner.open(setup, CLIENTS), ROUNDS, (runner) => runner.run(CLIENTS, perRound(TXN_MS)))
    rows.push(...txnRows(one, many))
  }
  if (ONLY.has('fanout')) {
    console.log('monitor fan-out...')
    rows.push(...fanoutRows(await runContest(setups(BENCH_SCHEMA_PATH), (setup) => FanoutRunner.open(setup, MONITORS), ROUNDS, (runner) => runner.run(perRound(UPDATES)))))
  }
  if (ONLY.has('restart')) await restartScenario(rows)
  if (ONLY.has('vsctl')) {
    console.log('ovs-vsctl add-port...')
    rows.push(...vsctlRows(await runContest(setups(vswitchSchemaPath()), (setup) => VsctlRunner.open(setup), ROUNDS, (runner) => runner.run(perRound(PORTS), VSCTL_PARALLEL))))
  }
  printRatioTable('server-compare: ratio = switchyard / ovsdb-server', rows)
}

/** Restart time and RSS on a populated database; adds its rows to `rows`. */
async function restartScenario(rows: ResultRow[]): Promise<void> {
  console.log('restart...')
  const populate = new Map<string, number>()
  const restarts = await runContest(setups(BENCH_SCHEMA_PATH), async (setup) => {
    const runner = await RestartRunner.open(setup, ROWS)
    populate.set(setup.label, runner.populateMs)
    return runner
  }, RESTARTS, (runner) => runner.run())
  rows.push(...restartRows(restarts, populate))
}

/** A fresh ovsdb-server setup, and a fresh switchyard one when ours can run. */
function setups(schemaPath: string): ServerSetup[] {
  const real = realServerSetup(schemaPath)
  return ourServerUnavailable() === null ? [real, ourServerSetup(schemaPath)] : [real]
}

/** A table row from the outcomes (ovsdb-server first): `value` of each side's samples, or n/a with the reason. */
function row<T>(outcomes: readonly Outcome<T>[], metric: string, value: (samples: T[]) => number, target?: RatioTarget, note?: string): ResultRow {
  const [theirs, ours] = outcomes
  const why = ours === undefined ? ourServerUnavailable() : ours.error
  const notes = [note, why === null ? undefined : `switchyard: ${why}`].filter((text) => text !== undefined)
  const usable = ours !== undefined && ours.error === null && ours.samples.length > 0
  return { metric, theirs: value(theirs.samples), ours: usable ? value(ours.samples) : null, target, note: notes.length === 0 ? undefined : notes.join('; ') }
}

/** States the total CPU time behind a per-operation figure, since /proc counts in clock ticks. */
function cpuNote(outcomes: readonly Outcome<Sample>[]): string {
  const [theirs, ours] = outcomes.map((o) => `${Math.round(totalCpuMs(o.samples))} ms`)
  return `server CPU in total: ovsdb-server ${theirs}, switchyard ${ours ?? 'n/a'} (counted in clock ticks)`
}

function txnRows(one: Outcome<Sample>[], many: Outcome<Sample>[]): ResultRow[] {
  return [
    row(one, 'transactions/s, 1 client (median round)', medianRate, { op: '>=', value: 1 }),
    row(many, `transactions/s, ${CLIENTS} clients (median round)`, medianRate, { op: '>=', value: 1.2 }),
    row(one, 'server CPU per txn, 1 client (µs)', cpuUsPerOp, undefined, cpuNote(one)),
    row(many, `server CPU per txn, ${CLIENTS} clients (µs)`, cpuUsPerOp, undefined, cpuNote(many)),
    row(many, `  of which system (kernel) time (µs)`, systemUsPerOp),
  ]
}

function fanoutRows(fanout: Outcome<FanoutSample>[]): ResultRow[] {
  const perUpdate = (samples: FanoutSample[]) => samples.reduce((sum, s) => sum + s.notifications, 0) / (MONITORS * samples.reduce((sum, s) => sum + s.ops, 0))
  return [
    row(fanout, `server CPU per update, ${MONITORS} monitors (µs)`, cpuUsPerOp, { op: '<=', value: 0.5 }, `includes the writer's own transaction; ${cpuNote(fanout)}`),
    row(fanout, `  of which system (kernel) time (µs)`, systemUsPerOp),
    row(fanout, `wall time per update to ${MONITORS} monitors (ms, median round)`, medianMsPerOp),
    row(fanout, 'update2 notifications per monitor per update', perUpdate, undefined, 'below 1: the server merged commits made between two flushes'),
  ]
}

function restartRows(restarts: Outcome<RestartSample>[], populate: ReadonlyMap<string, number>): ResultRow[] {
  const populateRow: Outcome<number>[] = restarts.map((o) => ({ ...o, samples: populate.has(o.label) ? [populate.get(o.label) ?? 0] : [] }))
  return [
    row(restarts, `restart with ${ROWS} rows (ms, median of ${RESTARTS})`, (s) => median(s.map((x) => x.ms)), { op: '<=', value: 0.5 }, 'spawn until a select of the last row is answered'),
    row(restarts, `RSS after restart, ${ROWS} rows (MiB)`, (s) => median(s.map((x) => x.rssKiB)) / 1024, { op: '<=', value: 1.5 }),
    row(populateRow, `populate ${ROWS} rows, 10k per txn (ms)`, (s) => s[0]),
  ]
}

function vsctlRows(vsctl: Outcome<Sample>[]): ResultRow[] {
  return [
    row(vsctl, `server CPU per ovs-vsctl add-port, ${PORTS} ports (µs)`, cpuUsPerOp, { op: '<=', value: 0.7 }, cpuNote(vsctl)),
    row(vsctl, `  of which system (kernel) time (µs)`, systemUsPerOp),
    row(vsctl, 'wall time per ovs-vsctl add-port (ms, median round)', medianMsPerOp),
  ]
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
