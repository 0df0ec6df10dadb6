// Shared helpers for the monitor tests: the fixture schema, an engine Database whose committed
// transactions feed a MonitorHub the way server/rpc does, and a MonitorSink that records texts.

import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { databaseSchemaFromJson, jsonToText, type DatabaseSchema } from '../../../schema/index.js'
import { parseJsonExact } from '../../../protocol/index.js'
import { Database, transact, type Delta } from '../../../server/engine/index.js'
import { MonitorHub, type MonitorHubOptions, type MonitorSink, type SplicedMessage } from '../../../server/monitor/index.js'

/** The fixture schema's path (the differential test hands it to ovsdb-tool). */
export const SCHEMA_PATH = new URL('./monitor.ovsschema', import.meta.url).pathname

/** The fixture schema: tables A (every column shape) and B (referenced by A.refs). */
export function monitorSchema(): DatabaseSchema {
  return databaseSchemaFromJson(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')))
}

/** A sink that keeps every message sent to it, as text, and the messages themselves. */
export class Collector implements MonitorSink {
  readonly texts: string[] = []
  readonly messages: (string | Buffer | SplicedMessage)[] = []

  send(message: string | Buffer | SplicedMessage): void {
    this.messages.push(message)
    this.texts.push(typeof message === 'string' ? message : (Buffer.isBuffer(message) ? message : message.bytes()).toString('utf8'))
  }

  /** The texts received since the last call, parsed. */
  take(): unknown[] {
    const parsed = this.texts.map((text) => parseJsonExact(text))
    this.texts.length = 0
    return parsed
  }
}

/** A database and its hub; `txn` runs ops, commits them to the hub, and returns the results. */
export interface Bench {
  readonly db: Database
  readonly hub: MonitorHub
  /** Transaction ids committed so far, oldest first. */
  readonly txnIds: string[]
  /** The committed transactions as storage would hand them to a restarted hub, oldest first. */
  readonly records: { txnId: string; delta: Delta }[]
  txn(...ops: unknown[]): unknown[]
  /** Inserts one row into `table` and returns its UUID. */
  insert(table: string, row: Record<string, unknown>): string
}

/** A fresh empty database of the fixture schema with a hub over it. */
export function bench(options?: MonitorHubOptions): Bench {
  const db = new Database(monitorSchema())
  const hub = new MonitorHub('Mon', db, [], options)
  const txnIds: string[] = []
  const records: { txnId: string; delta: Delta }[] = []
  const txn = (...ops: unknown[]): unknown[] => {
    const outcome = transact(db, ops)
    if (outcome.kind !== 'done') throw new Error('transaction blocked')
    if (outcome.results.some((r) => r !== null && typeof r === 'object' && 'error' in r)) {
      throw new Error(`transaction failed: ${jsonToText(outcome.results)}`)
    }
    if (outcome.delta !== null) {
      const txnId = randomUUID()
      txnIds.push(txnId)
      records.push({ txnId, delta: outcome.delta })
      hub.commit(txnId, outcome.delta)
    }
    return outcome.results
  }
  const insert = (table: string, row: Record<string, unknown>): string => {
    const [result] = txn({ op: 'insert', table, row }) as [{ uuid: [string, string] }]
    return result.uuid[1]
  }
  return { db, hub, txnIds, records, txn, insert }
}

/** An `update` op on rows of `table` where `column == value`. */
export function update(table: string, column: string, value: unknown, row: Record<string, unknown>): unknown {
  return { op: 'update', table, where: [[column, '==', value]], row }
}

/** A `delete` op on rows of `table` where `column == value`. */
export function remove(table: string, column: string, value: unknown): unknown {
  return { op: 'delete', table, where: [[column, '==', value]] }
}

/** The `_version` of row `uuid` of `table`, as `["uuid", …]` JSON. */
export function versionOf(b: Bench, table: string, uuid: string): unknown {
  return ['uuid', b.db.tables.get(table)!.rows.get(uuid)!.version]
}
