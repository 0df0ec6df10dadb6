// The benchmark database (bench/fixtures/bench.ovsschema: a vswitch-like `Iface` table with an
// indexed `name`) and its rows: row i is the same for both servers, so both hold identical data.

import { join } from 'node:path'
import { REPO_ROOT } from './servers.js'

export const BENCH_SCHEMA_PATH = join(REPO_ROOT, 'bench', 'fixtures', 'bench.ovsschema')
export const BENCH_DB = 'Bench'
export const IFACE_TABLE = 'Iface'

/** Anything that runs a transaction and resolves with its results (a BenchClient, the in-process engine). */
export interface Transactor {
  transact(db: string, ops: readonly unknown[]): Promise<unknown[]>
}

/** The `name` (indexed) of Iface row `i`. */
export function ifaceName(i: number): string {
  return `tap${i.toString(16).padStart(8, '0')}`
}

/** The `mac` (not indexed, also unique) of Iface row `i`. */
export function ifaceMac(i: number): string {
  const hex = i.toString(16).padStart(8, '0')
  return `fa:16:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}:${hex.slice(6, 8)}`
}

/** Iface row `i` in OVSDB JSON notation (RFC 7047 §5.1), about 300 bytes as ovs-vswitchd's are. */
export function ifaceRow(i: number): Record<string, unknown> {
  return {
    name: ifaceName(i),
    ofport: i,
    tag: i % 4096,
    type: 'internal',
    mac: ifaceMac(i),
    admin_state: i % 2 === 0 ? 'up' : 'down',
    external_ids: ['map', [['attached-mac', ifaceMac(i)], ['iface-id', `port-${i}`], ['iface-status', 'active']]],
    statistics: ['map', [['rx_bytes', i * 7], ['rx_packets', i], ['tx_bytes', i * 5], ['tx_packets', i]]],
  }
}

/**
 * Inserts Iface rows `from` .. `from + count - 1` in transactions of at most `batch` rows;
 * resolves with their UUIDs in row order.
 */
export async function insertIfaces(db: Transactor, from: number, count: number, batch = 10_000): Promise<string[]> {
  const uuids: string[] = []
  for (let start = from; start < from + count; start += batch) {
    const end = Math.min(start + batch, from + count)
    const ops = []
    for (let i = start; i < end; i++) ops.push({ op: 'insert', table: IFACE_TABLE, row: ifaceRow(i) })
    const results = await db.transact(BENCH_DB, ops)
    for (const result of results) uuids.push(((result as { uuid: [string, string] }).uuid)[1])
  }
  return uuids
}

/** The `where` clause picking one row by UUID. */
export function byUuid(uuid: string): unknown[] {
  return [['_uuid', '==', ['uuid', uuid]]]
}
