// Transactions per second over a Unix socket, one client and many: each transaction inserts one
// Iface row (a typical small write), closed loop, with the server's CPU time per transaction.

import { BenchClient } from './bench-client.js'
import { BENCH_DB, IFACE_TABLE, ifaceRow } from './bench-rows.js'
import { closedLoop, type LoopLimits } from './driver.js'
import { chargeCpu } from './proc-stats.js'
import type { ServerProcess } from './server-process.js'

/** Throughput and server CPU of one closed-loop run. */
export interface TxnRate {
  readonly perSecond: number
  readonly cpuUsPerTxn: number
  /** Server CPU time of the whole run (ms; /proc counts it in clock ticks). */
  readonly cpuMs: number
}

const WARMUP_TXNS = 200

/**
 * Runs a warm-up, then one closed loop with a single client and one with `clients` clients, each
 * bounded by `limits`; resolves with both rates. Rejects when any transaction fails.
 */
export async function measureTxnRates(server: ServerProcess, clients: number, limits: LoopLimits): Promise<{ one: TxnRate; many: TxnRate }> {
  const conns = await Promise.all(Array.from({ length: clients }, () => BenchClient.connect(server.socketPath)))
  try {
    let base = 0
    const run = async (users: readonly BenchClient[], runLimits: LoopLimits): Promise<TxnRate> => {
      const first = base
      const { cpuMs, result } = await chargeCpu(server.pid, () =>
        closedLoop(users, (client, _i, n) => client.transact(BENCH_DB, [{ op: 'insert', table: IFACE_TABLE, row: ifaceRow(first + n) }]), runLimits))
      base += result.ops
      return { perSecond: result.opsPerSecond, cpuUsPerTxn: (cpuMs * 1000) / result.ops, cpuMs }
    }
    await run(conns, { durationMs: Infinity, maxOps: WARMUP_TXNS })
    return { one: await run(conns.slice(0, 1), limits), many: await run(conns, limits) }
  } finally {
    await Promise.all(conns.map((conn) => conn.close()))
  }
}
