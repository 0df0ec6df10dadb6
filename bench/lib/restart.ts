// Restart cost with a populated database: fill the Iface table once, then time each fresh start
// until a select of the last inserted row is answered, and read the server's RSS then.

import { BenchClient } from './bench-client.js'
import { BENCH_DB, IFACE_TABLE, byUuid, insertIfaces } from './bench-rows.js'
import type { Runner } from './contest.js'
import { rssKiB } from './proc-stats.js'
import type { ServerSetup } from './servers.js'

/** One restart: milliseconds from spawn to the answered select, and VmRSS then. */
export interface RestartSample {
  readonly ms: number
  readonly rssKiB: number
}

/** Restarts of one server on a database of `rows` Iface rows. */
export class RestartRunner implements Runner {
  private constructor(private readonly setup: ServerSetup, private readonly lastUuid: string, readonly populateMs: number) {}

  /** Starts `setup`'s server, inserts `rows` rows in transactions of 10k, and stops it. */
  static async open(setup: ServerSetup, rows: number): Promise<RestartRunner> {
    const server = await setup.start()
    const started = performance.now()
    try {
      const client = await BenchClient.connect(server.socketPath)
      const last = (await insertIfaces(client, 0, rows)).at(-1) ?? ''
      await client.close()
      return new RestartRunner(setup, last, performance.now() - started)
    } finally {
      await server.stop()
    }
  }

  /** Starts the server, selects the last row, reads RSS, stops it. Rejects when the row is missing. */
  async run(): Promise<RestartSample> {
    const started = performance.now()
    const server = await this.setup.start()
    try {
      const client = await BenchClient.connect(server.socketPath)
      const [reply] = await client.transact(BENCH_DB, [{ op: 'select', table: IFACE_TABLE, where: byUuid(this.lastUuid), columns: ['name'] }])
      const ms = performance.now() - started
      await client.close()
      if ((reply as { rows: unknown[] }).rows.length !== 1) throw new Error(`${this.setup.label} lost rows over a restart`)
      return { ms, rssKiB: rssKiB(server.pid) }
    } finally {
      await server.stop()
    }
  }

  /** Nothing runs between restarts. */
  async close(): Promise<void> {}
}
