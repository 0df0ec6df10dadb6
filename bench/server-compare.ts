// Issue 4's server numbers beside the real ovsdb-server 3.1, in one run: transactions/s with one
// and with many clients, monitor fan-out CPU, restart time and RSS on a populated database, and
// server CPU per `ovs-vsctl --no-wait add-port` process. Ratios are switchyard ÷ ovsdb-server.
// Run: npx tsx bench/server-compare.ts (after `npm run build`; see bench/README.md for the knobs).

import { BENCH_SCHEMA_PATH } from './lib/bench-rows.js'
import { envInt } from './lib/env.js'
import { measureFanout, type Fanout } from './lib/monitor-fanout.js'
import { printRatioTable, printRunHeader, type ResultRow } from './lib/ratio-table.js'
import { measureRestart, type RestartCost } from './lib/restart.js'
import { ourBuildStaleness, ourServerSetup, ourServerUnavailable, realServerSetup, withServer, type ServerSetup } from './lib/servers.js'
import { measureTxnRates, type TxnRate } from './lib/txn-rate.js'
import { measureAddPorts, vswitchSchemaPath, type VsctlCost } from './lib/vsctl-ports.js'

const TXN_MS = envInt('BENCH_TXN_MS', 5000)
const CLIENTS = envInt('BENCH_CLIENTS', 16)
const MONITORS = envInt('BENCH_MONITORS', 100)
const UPDATES = envInt('BENCH_MONITOR_UPDATES', 1000)
const ROWS = envInt('BENCH_ROWS', 100_000)
const RESTARTS = envInt('BENCH_RESTARTS', 3)
const PORTS = envInt('BENCH_PORTS', 1000)
const VSCTL_PARALLEL = envInt('BENCH_VSCTL_PARALLEL', 1)

/** One scenario's numbers for each server; ours is null when it could not run, with the reason. */
interface Pair<T> {
  theirs: T
  ours: T | null
  why: string | null
}

async function main(): Promise<void> {
  printRunHeader('server-compare (issue 4)')
  console.log(`${TXN_MS} ms per throughput run, ${CLIENTS} clients; ${MONITORS} monitors x ${UPDATES} updates; ${ROWS} rows x ${RESTARTS} restarts; ${PORTS} add-port (${VSCTL_PARALLEL} at a time)`)
  const unavailable = ourServerUnavailable()
  const stale = ourBuildStaleness()
  if (unavailable !== null) console.log(`WARNING: switchyard cannot run (${unavailable}); only ovsdb-server is measured`)
  if (stale !== null) console.log(`WARNING: ${stale}`)
  const txns = await both('transactions/s', BENCH_SCHEMA_PATH, (setup) => withServer(setup, (server) => measureTxnRates(server, CLIENTS, { durationMs: TXN_MS, maxOps: 1_000_000 })))
  const fanout = await both('monitor fan-out', BENCH_SCHEMA_PATH, (setup) => withServer(setup, (server) => measureFanout(server, MONITORS, UPDATES)))
  const restart = await both('restart', BENCH_SCHEMA_PATH, (setup) => measureRestart(setup, ROWS, RESTARTS))
  const vsctl = await both('ovs-vsctl add-port', vswitchSchemaPath(), (setup) => withServer(setup, (server) => measureAddPorts(server, setup.dir, PORTS, VSCTL_PARALLEL)))
  printRatioTable('server-compare: ratio = switchyard / ovsdb-server', [...txnRows(txns), ...fanoutRows(fanout), ...restartRows(restart), ...vsctlRows(vsctl)])
}

/** Runs `scenario` on a fresh ovsdb-server, then on a fresh switchyard; a failure on our side is kept as its reason. */
async function both<T>(name: string, schemaPath: string, scenario: (setup: ServerSetup) => Promise<T>): Promise<Pair<T>> {
  console.log(`${name}: ovsdb-server...`)
  const theirs = await scenario(realServerSetup(schemaPath))
  const unavailable = ourServerUnavailable()
  if (unavailable !== null) return { theirs, ours: null, why: unavailable }
  console.log(`${name}: switchyard...`)
  try {
    return { theirs, ours: await scenario(ourServerSetup(schemaPath)), why: null }
  } catch (error) {
    console.log(`${name}: switchyard FAILED: ${error instanceof Error ? error.message : String(error)}`)
    return { theirs, ours: null, why: `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` }
  }
}

function pick<T>(pair: Pair<T>, metric: string, value: (side: T) => number, target?: ResultRow['target'], note?: string): ResultRow {
  const notes = [note, pair.why].filter((text): text is string => text !== undefined && text !== null)
  return { metric, theirs: value(pair.theirs), ours: pair.ours === null ? null : value(pair.ours), target, note: notes.length === 0 ? undefined : notes.join('; ') }
}

/** States the total CPU time behind a per-operation figure, since /proc counts in clock ticks. */
function cpuNote<T>(pair: Pair<T>, cpuMs: (side: T) => number): string {
  const ours = pair.ours === null ? 'n/a' : `${Math.round(cpuMs(pair.ours))} ms`
  return `server CPU in total: ovsdb-server ${Math.round(cpuMs(pair.theirs))} ms, switchyard ${ours} (counted in clock ticks)`
}

function txnRows(pair: Pair<{ one: TxnRate; many: TxnRate }>): ResultRow[] {
  return [
    pick(pair, 'transactions/s, 1 client', (s) => s.one.perSecond, { op: '>=', value: 1 }),
    pick(pair, `transactions/s, ${CLIENTS} clients`, (s) => s.many.perSecond, { op: '>=', value: 1.2 }),
    pick(pair, 'server CPU per txn, 1 client (µs)', (s) => s.one.cpuUsPerTxn, undefined, cpuNote(pair, (s) => s.one.cpuMs)),
    pick(pair, `server CPU per txn, ${CLIENTS} clients (µs)`, (s) => s.many.cpuUsPerTxn, undefined, cpuNote(pair, (s) => s.many.cpuMs)),
  ]
}

function fanoutRows(pair: Pair<Fanout>): ResultRow[] {
  return [
    pick(pair, `server CPU per update, ${MONITORS} monitors (µs)`, (s) => s.cpuUsPerUpdate, { op: '<=', value: 0.5 }, `includes the writer's own transaction; ${cpuNote(pair, (s) => s.cpuMs)}`),
    pick(pair, `wall time per update to ${MONITORS} monitors (ms)`, (s) => s.msPerUpdate),
    pick(pair, `update2 notifications per monitor per update`, (s) => s.notifications / (MONITORS * UPDATES)),
  ]
}

function restartRows(pair: Pair<RestartCost>): ResultRow[] {
  return [
    pick(pair, `restart with ${ROWS} rows (ms, median of ${RESTARTS})`, (s) => s.restartMs, { op: '<=', value: 0.5 }, 'spawn until a select of the last row is answered'),
    pick(pair, `RSS after restart, ${ROWS} rows (MiB)`, (s) => s.rssMiB, { op: '<=', value: 1.5 }),
    pick(pair, `populate ${ROWS} rows, 10k per txn (ms)`, (s) => s.populateMs),
  ]
}

function vsctlRows(pair: Pair<VsctlCost>): ResultRow[] {
  return [
    pick(pair, `server CPU per ovs-vsctl add-port, ${PORTS} ports (µs)`, (s) => s.cpuUsPerCommand, { op: '<=', value: 0.7 }, cpuNote(pair, (s) => s.cpuMs)),
    pick(pair, 'wall time per ovs-vsctl add-port (ms)', (s) => s.msPerCommand),
  ]
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
