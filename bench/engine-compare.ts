// Issue 3's engine numbers beside the real ovsdb-server 3.1, in one run: select by `_uuid`, by the
// indexed `name` and by the unindexed `mac` on a table of BENCH_ROWS rows, and one-row insert,
// update and delete at several table sizes, all over a Unix socket with one closed-loop client.
// Run: npx tsx bench/engine-compare.ts (after `npm run build`; see bench/README.md for the knobs).

import { BenchClient } from './lib/bench-client.js'
import { BENCH_DB, BENCH_SCHEMA_PATH, IFACE_TABLE, byUuid, ifaceMac, ifaceName, ifaceRow, insertIfaces, type Transactor } from './lib/bench-rows.js'
import { alternate } from './lib/contest.js'
import { closedLoop, median, sequential } from './lib/driver.js'
import { envInt } from './lib/env.js'
import { inProcessEngine } from './lib/in-process.js'
import { formatNumber, printRatioTable, printRunHeader, type ResultRow } from './lib/ratio-table.js'
import { ourBuildStaleness, ourServerSetup, ourServerUnavailable, realServerSetup, type ServerSetup } from './lib/servers.js'

const ROWS = envInt('BENCH_ROWS', 100_000)
const MID_ROWS = Math.min(envInt('BENCH_MID_ROWS', 10_000), ROWS)
const WRITE_OPS = envInt('BENCH_WRITE_OPS', 1000)
const SELECT_MS = envInt('BENCH_SELECT_MS', 3000)
const ROUNDS = envInt('BENCH_ROUNDS', 5)
const SELECT_MAX = 20_000
/** Rows measured by the write phase are numbered from here, apart from the population. */
const SCRATCH_BASE = 0x40000000

/** Per-op costs of one-row writes (µs). */
interface WriteCost {
  insert: number
  update: number
  remove: number
}

/** What one side measured. */
interface SideNumbers {
  /** µs per one-row insert, update, delete by table size (medians over rounds). */
  writes: Map<number, WriteCost>
  /** ms of the single MID_ROWS-row insert transaction. */
  bulkInsertMs: number
  /** ms per select by _uuid, by indexed name, by unindexed mac, on ROWS rows (medians over rounds). */
  selects: { uuid: number; indexed: number; unindexed: number }
}

/** A side of the comparison: something that answers transactions, and how to let it go. */
interface Side {
  readonly db: Transactor
  close(): Promise<void>
}

async function main(): Promise<void> {
  printRunHeader('engine-compare (issue 3)')
  console.log(`rows: ${ROWS}; sizes 0, ${MID_ROWS}, ${ROWS}; ${WRITE_OPS} one-row writes per size and ${SELECT_MS} ms per select kind, in ${ROUNDS} interleaved rounds`)
  const stale = ourBuildStaleness()
  if (stale !== null) console.log(`WARNING: ${stale}`)
  const unavailable = ourServerUnavailable()
  const oursHow = unavailable === null ? 'over its Unix socket' : `IN-PROCESS (engine only, JSON text round trip, no socket): ${unavailable}`
  console.log(`switchyard measured ${oursHow}`)
  const sides = [await openServer(realServerSetup(BENCH_SCHEMA_PATH))]
  try {
    sides.push(unavailable === null ? await openServer(ourServerSetup(BENCH_SCHEMA_PATH)) : { db: inProcessEngine(BENCH_SCHEMA_PATH), close: async () => {} })
    const [theirs, ours] = await measureSides(sides.map((side) => side.db))
    report(theirs, ours, oursHow)
  } finally {
    for (const side of sides) await side.close()
  }
}

async function openServer(setup: ServerSetup): Promise<Side> {
  try {
    const server = await setup.start()
    const client = await BenchClient.connect(server.socketPath)
    console.log(`${setup.label} started (pid ${server.pid})`)
    return { db: client, close: async () => { await client.close(); await server.stop(); setup.remove() } }
  } catch (error) {
    setup.remove()
    throw error
  }
}

/** Grows both sides through the sizes in step, measuring each in alternating rounds. */
async function measureSides(dbs: readonly Transactor[]): Promise<SideNumbers[]> {
  const numbers = dbs.map(() => ({ writes: new Map<number, WriteCost>(), bulkInsertMs: 0, selects: { uuid: 0, indexed: 0, unindexed: 0 } }))
  const uuids = dbs.map(() => [] as string[])
  const perRound = Math.max(1, Math.round(WRITE_OPS / ROUNDS))
  const writesAt = async (size: number) => {
    const rounds = await inRounds(dbs, (db) => measureWrites(db, perRound))
    rounds.forEach((costs, i) => numbers[i].writes.set(size, medianCost(costs)))
  }
  await inRounds(dbs, (db) => measureWrites(db, perRound))
  await writesAt(0)
  for (const [i, db] of dbs.entries()) {
    const started = performance.now()
    uuids[i].push(...(await insertIfaces(db, 0, MID_ROWS, MID_ROWS)))
    numbers[i].bulkInsertMs = performance.now() - started
  }
  await writesAt(MID_ROWS)
  for (const [i, db] of dbs.entries()) uuids[i].push(...(await insertIfaces(db, MID_ROWS, ROWS - MID_ROWS)))
  await writesAt(ROWS)
  const selects = await inRounds(dbs, (db, i) => measureSelects(db, uuids[i]))
  selects.forEach((rounds, i) => {
    numbers[i].selects = { uuid: median(rounds.map((r) => r.uuid)), indexed: median(rounds.map((r) => r.indexed)), unindexed: median(rounds.map((r) => r.unindexed)) }
  })
  return numbers
}

/** ROUNDS rounds of `measure` on every side, alternating; each side's results in round order. */
async function inRounds<T>(dbs: readonly Transactor[], measure: (db: Transactor, side: number) => Promise<T>): Promise<T[][]> {
  const results = dbs.map(() => [] as T[])
  await alternate(dbs.length, ROUNDS, async (i) => { results[i].push(await measure(dbs[i], i)) })
  return results
}

function medianCost(costs: readonly WriteCost[]): WriteCost {
  return { insert: median(costs.map((c) => c.insert)), update: median(costs.map((c) => c.update)), remove: median(costs.map((c) => c.remove)) }
}

/** Inserts `count` scratch rows one per transaction, updates each, deletes each: µs per op of each kind. */
async function measureWrites(db: Transactor, count: number): Promise<WriteCost> {
  const uuids: string[] = []
  const insert = await sequential(count, async (n) => {
    const [result] = await db.transact(BENCH_DB, [{ op: 'insert', table: IFACE_TABLE, row: ifaceRow(SCRATCH_BASE + n) }])
    uuids.push((result as { uuid: [string, string] }).uuid[1])
  })
  const update = await sequential(count, (n) =>
    db.transact(BENCH_DB, [{ op: 'update', table: IFACE_TABLE, where: byUuid(uuids[n]), row: { admin_state: 'down', ofport: n + 1 } }]))
  const remove = await sequential(count, (n) => db.transact(BENCH_DB, [{ op: 'delete', table: IFACE_TABLE, where: byUuid(uuids[n]) }]))
  return { insert: insert.msPerOp * 1000, update: update.msPerOp * 1000, remove: remove.msPerOp * 1000 }
}

/** Milliseconds per one-row select of random rows by each kind of condition; checks one row comes back. */
async function measureSelects(db: Transactor, uuids: readonly string[]): Promise<SideNumbers['selects']> {
  const durationMs = Math.max(1, Math.round(SELECT_MS / ROUNDS))
  let seed = 12345
  const run = async (where: (i: number) => unknown[]) => {
    const result = await closedLoop([db], async () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0
      const i = seed % uuids.length
      const [reply] = await db.transact(BENCH_DB, [{ op: 'select', table: IFACE_TABLE, where: where(i) }])
      const rows = (reply as { rows: { name: string }[] }).rows
      if (rows.length !== 1 || rows[0].name !== ifaceName(i)) throw new Error(`select of row ${i} returned ${JSON.stringify(rows)}`)
    }, { durationMs, maxOps: SELECT_MAX })
    return result.msPerOp
  }
  return {
    uuid: await run((i) => byUuid(uuids[i])),
    indexed: await run((i) => [['name', '==', ifaceName(i)]]),
    unindexed: await run((i) => [['mac', '==', ifaceMac(i)]]),
  }
}

function report(theirs: SideNumbers, ours: SideNumbers, oursHow: string): void {
  const rows: ResultRow[] = [
    { metric: `select by _uuid, ${ROWS} rows (ms)`, theirs: theirs.selects.uuid, ours: ours.selects.uuid },
    { metric: `select by indexed name, ${ROWS} rows (ms)`, theirs: theirs.selects.indexed, ours: ours.selects.indexed, target: { op: '<=', value: 0.02 }, note: 'target: at least 50x faster than ovsdb-server, i.e. ratio <= 0.02x' },
    { metric: `select by unindexed mac, ${ROWS} rows (ms)`, theirs: theirs.selects.unindexed, ours: ours.selects.unindexed },
    { metric: `one ${MID_ROWS}-row insert transaction (ms)`, theirs: theirs.bulkInsertMs, ours: ours.bulkInsertMs },
  ]
  for (const [size, t] of theirs.writes) {
    const o = ours.writes.get(size)
    rows.push({ metric: `insert 1 row @${size} rows (µs)`, theirs: t.insert, ours: o?.insert ?? null })
    rows.push({ metric: `update 1 row @${size} rows (µs)`, theirs: t.update, ours: o?.update ?? null })
    rows.push({ metric: `delete 1 row @${size} rows (µs)`, theirs: t.remove, ours: o?.remove ?? null })
  }
  printRatioTable(`engine-compare: switchyard ${oursHow}; ratio = switchyard / ovsdb-server (lower is faster)`, rows)
  console.log('\nflatness (per-op cost at the largest size / at size 0; 1.0 is flat):')
  for (const [label, side] of [['ovsdb-server', theirs], ['switchyard', ours]] as const) {
    const [small, large] = [side.writes.get(0), side.writes.get(ROWS)]
    if (small === undefined || large === undefined) continue
    const growth = (key: 'insert' | 'update' | 'remove') => formatNumber(large[key] / small[key])
    console.log(`  ${label.padEnd(12)} insert ${growth('insert')}x, update ${growth('update')}x, delete ${growth('remove')}x`)
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
