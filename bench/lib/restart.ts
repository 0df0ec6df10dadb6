// Restart cost with a populated database: fill the Iface table, stop the server, then time how long
// each fresh start takes until a select of the last inserted row is answered, and its RSS then.

import { BenchClient } from './bench-client.js'
import { BENCH_DB, IFACE_TABLE, byUuid, insertIfaces } from './bench-rows.js'
import { median } from './driver.js'
import { rssKiB } from './proc-stats.js'
import type { ServerSetup } from './servers.js'

/** Medians over the restarts. */
export interface RestartCost {
  readonly populateMs: number
  readonly restartMs: number
  readonly rssMiB: number
}

/**
 * Starts `setup`, inserts `rows` Iface rows, stops it, then restarts it `restarts` times, each time
 * timing spawn → first answered select of the last row and reading VmRSS. Removes the files at the end.
 */
export async function measureRestart(setup: ServerSetup, rows: number, restarts: number): Promise<RestartCost> {
  try {
    const server = await setup.start()
    const started = performance.now()
    let last: string
    try {
      const client = await BenchClient.connect(server.socketPath)
      last = (await insertIfaces(client, 0, rows)).at(-1) ?? ''
      await client.close()
    } finally {
      await server.stop()
    }
    const populateMs = performance.now() - started
    const times: number[] = []
    const rss: number[] = []
    for (let k = 0; k < restarts; k++) {
      const { ms, kib } = await timeRestart(setup, last)
      times.push(ms)
      rss.push(kib)
    }
    return { populateMs, restartMs: median(times), rssMiB: median(rss) / 1024 }
  } finally {
    setup.remove()
  }
}

async function timeRestart(setup: ServerSetup, lastUuid: string): Promise<{ ms: number; kib: number }> {
  const started = performance.now()
  const server = await setup.start()
  try {
    const client = await BenchClient.connect(server.socketPath)
    const [reply] = await client.transact(BENCH_DB, [{ op: 'select', table: IFACE_TABLE, where: byUuid(lastUuid), columns: ['name'] }])
    const ms = performance.now() - started
    await client.close()
    if ((reply as { rows: unknown[] }).rows.length !== 1) throw new Error(`${setup.label} lost rows over a restart`)
    return { ms, kib: rssKiB(server.pid) }
  } finally {
    await server.stop()
  }
}
