// Engine micro-benchmarks: µs per one-row insert/update/delete transaction into tables of 0, 10k,
// 100k and 1M rows; select by _uuid, by an indexed and by a non-indexed column on 100k rows; and
// one 10k-row insert transaction. Run with `npx tsx bench/engine.ts`; prints our numbers only
// (the side-by-side run against ovsdb-server comes later), as wall-clock and as CPU time, since
// CPU time stays meaningful on a busy machine.

import { databaseSchemaFromJson } from '../schema/index.js'
import { Database, transact } from '../server/engine/index.js'

const SCHEMA = databaseSchemaFromJson({
  name: 'Bench',
  tables: {
    Port: {
      isRoot: true,
      indexes: [['name']],
      columns: {
        name: { type: 'string' },
        tag: { type: { key: 'integer', min: 0, max: 1 } },
        other_config: { type: { key: 'string', value: 'string', min: 0, max: 'unlimited' } },
      },
    },
  },
})

const OPS_PER_MEASURE = 1000

function run(db: Database, ops: unknown[]): unknown[] {
  const outcome = transact(db, ops)
  if (outcome.kind !== 'done' || outcome.results.length !== ops.length) throw new Error(`failed: ${JSON.stringify(outcome)}`)
  return outcome.results
}

function row(i: number): Record<string, unknown> {
  return { name: `port${i}`, tag: i % 4096, other_config: ['map', [['k', `v${i}`]]] }
}

/** A database whose Port table holds `size` rows, and their UUIDs. */
function filled(size: number): { db: Database; uuids: string[] } {
  const db = new Database(SCHEMA)
  const uuids: string[] = []
  for (let start = 0; start < size; start += 10_000) {
    const ops = []
    for (let i = start; i < Math.min(size, start + 10_000); i++) ops.push({ op: 'insert', table: 'Port', row: row(i) })
    for (const result of run(db, ops)) uuids.push((result as { uuid: [string, string] }).uuid[1])
  }
  return { db, uuids }
}

/** Wall-clock and CPU µs per call of `body(i)`. */
interface Timing {
  wall: number
  cpu: number
}

/** The median (by wall time) of three rounds of `count` calls of `body(i)`, after a warm-up round. */
function measure(count: number, body: (i: number) => void): Timing {
  let next = 0
  const round = (): Timing => {
    const cpu = process.cpuUsage()
    const start = process.hrtime.bigint()
    for (let i = 0; i < count; i++) body(next++)
    const used = process.cpuUsage(cpu)
    return { wall: Number(process.hrtime.bigint() - start) / 1000 / count, cpu: (used.user + used.system) / count }
  }
  round()
  return [round(), round(), round()].sort((a, b) => a.wall - b.wall)[1]
}

function report(name: string, timing: Timing): void {
  console.log(`${name.padEnd(52)} ${timing.wall.toFixed(1).padStart(10)} µs wall ${timing.cpu.toFixed(1).padStart(10)} µs cpu`)
}

/** One-row insert, update and delete transactions; update and delete work on the rows the inserts added. */
function rowOps(size: number): void {
  const { db } = filled(size)
  const label = `${size.toLocaleString('en')} rows`
  const added: string[] = []
  report(`insert 1 row, table of ${label}`, measure(OPS_PER_MEASURE, (i) => {
    const [result] = run(db, [{ op: 'insert', table: 'Port', row: row(size + i) }])
    added.push((result as { uuid: [string, string] }).uuid[1])
  }))
  report(`update 1 row by _uuid, table of ${label}`, measure(OPS_PER_MEASURE, (i) => {
    run(db, [{ op: 'update', table: 'Port', where: [['_uuid', '==', ['uuid', added[i]]]], row: { tag: i % 4096 } }])
  }))
  report(`delete 1 row by _uuid, table of ${label}`, measure(OPS_PER_MEASURE, (i) => {
    run(db, [{ op: 'delete', table: 'Port', where: [['_uuid', '==', ['uuid', added[i]]]] }])
  }))
}

function selects(): void {
  const size = 100_000
  const { db, uuids } = filled(size)
  const selectBy = (where: unknown[]) => run(db, [{ op: 'select', table: 'Port', where }])
  report('select by _uuid, 100,000 rows', measure(OPS_PER_MEASURE, (i) => {
    selectBy([['_uuid', '==', ['uuid', uuids[(i * 7919) % size]]]])
  }))
  report('select by indexed column (name), 100,000 rows', measure(OPS_PER_MEASURE, (i) => {
    selectBy([['name', '==', `port${(i * 7919) % size}`]])
  }))
  report('select by non-indexed column (tag), 100,000 rows', measure(10, (i) => {
    selectBy([['tag', '==', i]])
  }))
}

function bulkInsert(): void {
  report('one transaction inserting 10,000 rows (total)', measure(1, () => {
    const db = new Database(SCHEMA)
    run(db, Array.from({ length: 10_000 }, (_, i) => ({ op: 'insert', table: 'Port', row: row(i) })))
  }))
}

for (const size of [0, 10_000, 100_000, 1_000_000]) rowOps(size)
selects()
bulkInsert()
