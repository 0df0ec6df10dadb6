// One writer and many monitors: every monitor follows the Counter table with `monitor_cond`
// (update2, as the IDLs ask), the writer updates one row sequentially, and the server's CPU time
// is charged from the first write until every monitor has seen the last value.

import { BenchClient } from './bench-client.js'
import { BENCH_DB, byUuid } from './bench-rows.js'
import { openOnServer, type Runner } from './contest.js'
import { sequential, waitUntil, type Sample } from './driver.js'
import { envInt } from './env.js'
import { chargeCpu } from './proc-stats.js'
import type { ServerProcess } from './server-process.js'
import type { ServerSetup } from './servers.js'

/** A fan-out run; `notifications` counts update2 messages over all monitors (the server may merge commits). */
export interface FanoutSample extends Sample {
  readonly notifications: number
}

const DRAIN_TIMEOUT_MS = 300_000
/** Updates made before measuring (BENCH_WARMUP_UPDATES, default 3000): see txn-rate.ts on warming up. */
const WARMUP_UPDATES = envInt('BENCH_WARMUP_UPDATES', 3000)

/** One writer and `monitors` monitor sessions on one server. */
export class FanoutRunner implements Runner {
  private value = 0
  private notifications = 0
  private readonly seen: number[]

  private constructor(private readonly server: ServerProcess, private readonly writer: BenchClient, private readonly readers: readonly BenchClient[], private readonly uuid: string) {
    this.seen = readers.map(() => 0)
    readers.forEach((reader, i) => {
      reader.onNotification = (method, params) => {
        if (method !== 'update2') return
        this.notifications++
        const value = counterValue(params[1], uuid)
        if (value !== null) this.seen[i] = value
      }
    })
  }

  /** Starts `setup`'s server, inserts the Counter row, opens the monitors and runs a warm-up. */
  static open(setup: ServerSetup, monitors: number): Promise<FanoutRunner> {
    return openOnServer(setup, async (server) => {
      const writer = await BenchClient.connect(server.socketPath)
      const readers = await BenchClient.connectMany(server.socketPath, monitors)
      const [inserted] = await writer.transact(BENCH_DB, [{ op: 'insert', table: 'Counter', row: { name: 'c', value: 0 } }])
      const runner = new FanoutRunner(server, writer, readers, (inserted as { uuid: [string, string] }).uuid[1])
      await Promise.all(readers.map((reader, i) => reader.call('monitor_cond', [BENCH_DB, `m${i}`, { Counter: [{ columns: ['name', 'value'] }] }])))
      await runner.run(WARMUP_UPDATES)
      return runner
    })
  }

  /** Makes `updates` sequential one-row updates and waits until every monitor has the last value. */
  async run(updates: number): Promise<FanoutSample> {
    const from = this.value
    this.notifications = 0
    const started = performance.now()
    const { cpuMs, systemMs } = await chargeCpu(this.server.pid, async () => {
      await sequential(updates, (n) => this.writer.transact(BENCH_DB, [{ op: 'update', table: 'Counter', where: byUuid(this.uuid), row: { value: from + n + 1 } }]))
      this.value = from + updates
      await waitUntil(() => this.seen.every((value) => value === this.value), DRAIN_TIMEOUT_MS, 'every monitor to see the last update')
    })
    return { ops: updates, elapsedMs: performance.now() - started, cpuMs, systemMs, notifications: this.notifications }
  }

  async close(): Promise<void> {
    await Promise.all([this.writer, ...this.readers].map((client) => client.close()))
    await this.server.stop()
  }
}

/** The Counter row's new `value` in an update2 table-updates object, or null when it is not there. */
function counterValue(tableUpdates: unknown, uuid: string): number | null {
  const rows = (tableUpdates as { Counter?: Record<string, { modify?: { value?: unknown } }> }).Counter
  const value = rows?.[uuid]?.modify?.value
  return typeof value === 'number' ? value : null
}
