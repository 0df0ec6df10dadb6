// Transactions per second over a Unix socket, one client and many: each transaction inserts one
// Iface row (a typical small write), closed loop, with the server's CPU time charged to the run.

import { BenchClient } from './bench-client.js'
import { BENCH_DB, IFACE_TABLE, ifaceRow } from './bench-rows.js'
import { openOnServer, type Runner } from './contest.js'
import { closedLoop, type Sample } from './driver.js'
import { envInt } from './env.js'
import { chargeCpu } from './proc-stats.js'
import type { ServerProcess } from './server-process.js'
import type { ServerSetup } from './servers.js'

/**
 * Milliseconds of the same load run before measuring (BENCH_WARMUP_MS, default 3000): a daemon's
 * steady state is what throughput means, and our server's JIT needs seconds to compile its hot
 * paths (1 measures it nearly cold; restart time is measured on its own).
 */
const WARMUP_MS = envInt('BENCH_WARMUP_MS', 3000)

/** Closed-loop insert runs against one server, with up to `clients` connections. */
export class TxnRateRunner implements Runner {
  private nextRow = 0

  private constructor(private readonly server: ServerProcess, private readonly conns: readonly BenchClient[]) {}

  /** Starts `setup`'s server, connects `clients` clients and runs a warm-up. */
  static open(setup: ServerSetup, clients: number): Promise<TxnRateRunner> {
    return openOnServer(setup, async (server) => {
      const conns = await BenchClient.connectMany(server.socketPath, clients)
      const runner = new TxnRateRunner(server, conns)
      await runner.run(clients, WARMUP_MS)
      return runner
    })
  }

  /** Runs `users` closed loops of one-row inserts for `durationMs` (at most `maxOps` in all). Rejects when one fails. */
  async run(users: number, durationMs: number, maxOps = 1_000_000): Promise<Sample> {
    const first = this.nextRow
    const { cpuMs, systemMs, result } = await chargeCpu(this.server.pid, () =>
      closedLoop(this.conns.slice(0, users), (client, _i, n) => client.transact(BENCH_DB, [{ op: 'insert', table: IFACE_TABLE, row: ifaceRow(first + n) }]), { durationMs, maxOps }))
    this.nextRow += result.ops
    return { ops: result.ops, elapsedMs: result.elapsedMs, cpuMs, systemMs }
  }

  async close(): Promise<void> {
    await Promise.all(this.conns.map((conn) => conn.close()))
    await this.server.stop()
  }
}
