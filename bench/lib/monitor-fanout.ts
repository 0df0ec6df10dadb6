// One writer and many monitors: every monitor follows the Counter table with `monitor_cond`
// (update2, as the IDLs ask), the writer updates one row sequentially, and the server's CPU time
// is charged per update until every monitor has seen the last value.

import { BenchClient } from './bench-client.js'
import { BENCH_DB, byUuid } from './bench-rows.js'
import { sequential, waitUntil } from './driver.js'
import { chargeCpu } from './proc-stats.js'
import type { ServerProcess } from './server-process.js'

/** What the fan-out cost. */
export interface Fanout {
  readonly cpuUsPerUpdate: number
  /** Server CPU time of the whole measured phase (ms; /proc counts it in clock ticks). */
  readonly cpuMs: number
  /** Wall-clock ms per update, from the first write until every monitor saw the last one. */
  readonly msPerUpdate: number
  /** update2 notifications received over all monitors (the server may merge back-to-back commits). */
  readonly notifications: number
}

const DRAIN_TIMEOUT_MS = 300_000
const WARMUP_UPDATES = 20

/**
 * Opens `monitors` monitor sessions and one writer on `server`, makes `updates` one-row updates
 * and waits until every monitor has received the final value. Rejects on a failed request or
 * when the monitors do not catch up within five minutes.
 */
export async function measureFanout(server: ServerProcess, monitors: number, updates: number): Promise<Fanout> {
  const writer = await BenchClient.connect(server.socketPath)
  const readers = await Promise.all(Array.from({ length: monitors }, () => BenchClient.connect(server.socketPath)))
  try {
    const [inserted] = await writer.transact(BENCH_DB, [{ op: 'insert', table: 'Counter', row: { name: 'c', value: 0 } }])
    const uuid = (inserted as { uuid: [string, string] }).uuid[1]
    const seen = readers.map(() => 0)
    let notifications = 0
    readers.forEach((reader, i) => {
      reader.onNotification = (method, params) => {
        if (method !== 'update2') return
        notifications++
        const value = counterValue(params[1], uuid)
        if (value !== null) seen[i] = value
      }
    })
    await Promise.all(readers.map((reader, i) => reader.call('monitor_cond', [BENCH_DB, `m${i}`, { Counter: [{ columns: ['name', 'value'] }] }])))
    const write = (value: number) => writer.transact(BENCH_DB, [{ op: 'update', table: 'Counter', where: byUuid(uuid), row: { value } }])
    const writeAll = async (from: number, count: number) => {
      await sequential(count, (n) => write(from + n + 1))
      await waitUntil(() => seen.every((value) => value === from + count), DRAIN_TIMEOUT_MS, 'every monitor to see the last update')
    }
    await writeAll(0, WARMUP_UPDATES)
    notifications = 0
    const started = performance.now()
    const { cpuMs } = await chargeCpu(server.pid, () => writeAll(WARMUP_UPDATES, updates))
    return { cpuUsPerUpdate: (cpuMs * 1000) / updates, cpuMs, msPerUpdate: (performance.now() - started) / updates, notifications }
  } finally {
    await Promise.all([writer, ...readers].map((client) => client.close()))
  }
}

/** The Counter row's new `value` in an update2 table-updates object, or null when it is not there. */
function counterValue(tableUpdates: unknown, uuid: string): number | null {
  const rows = (tableUpdates as { Counter?: Record<string, { modify?: { value?: unknown }; initial?: { value?: unknown } }> }).Counter
  const change = rows?.[uuid]
  const value = change?.modify?.value ?? change?.initial?.value
  return typeof value === 'number' ? value : null
}
