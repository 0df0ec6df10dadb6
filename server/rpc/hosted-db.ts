// What the RPC layer needs of each database it serves: the engine Database, its Storage and its
// MonitorHub. The two interfaces below are the subsets of server/storage's Storage and
// server/monitor's MonitorHub that rpc calls (their contracts are defined there); main.ts wires the
// real ones in, tests may pass stand-ins.

import type { DatabaseSchema, Uuid } from '../../schema/index.js'
import type { Database, Delta } from '../engine/index.js'
import type { SplicedMessage } from '../monitor/index.js'

/** One committed transaction handed to storage (see server/storage CommitRecord). */
export interface CommitRecordLike {
  txnId: Uuid
  delta: Delta
  comments: string[]
  peer: string
  durable: boolean
}

/** The part of server/storage's Storage that rpc uses. */
export interface StorageLike {
  /** Resolves once the record is in the file; records resolve in the order appended. */
  append(record: CommitRecordLike): Promise<void>
  compact(): void
  close(): void
}

/** Where a monitor's notifications go: the session (see server/monitor MonitorSink). */
export interface MonitorSinkLike {
  send(message: string | Buffer | SplicedMessage): void
}

/** The part of server/monitor's MonitorHub that rpc uses (same contract). */
export interface MonitorHubLike {
  add(sink: MonitorSinkLike, id: unknown, version: 1 | 2 | 3, requests: unknown, lastTxnId?: unknown): unknown
  /** `add` answering with its result's JSON text, in pieces (what sessions send). */
  addText(sink: MonitorSinkLike, id: unknown, version: 1 | 2 | 3, requests: unknown, lastTxnId?: unknown): string[]
  /** After a monitor_cond_since reply: an empty `update3` carrying its last id when the client asked from another, else null. */
  resumeNotice(sink: MonitorSinkLike, id: unknown, lastTxnId: unknown): string | null
  changeConditions(sink: MonitorSinkLike, oldId: unknown, newId: unknown, requests: unknown): void
  cancel(sink: MonitorSinkLike, id: unknown): boolean
  commit(txnId: Uuid, delta: Delta): void
  removeSink(sink: MonitorSinkLike): void
  readonly lastTxnId: Uuid
}

/** A database the server hosts. `schemaJson` is computed once: `get_schema` answers with it. */
export interface HostedDb {
  readonly name: string
  readonly schema: DatabaseSchema
  readonly schemaJson: unknown
  readonly db: Database
  readonly storage: StorageLike
  readonly hub: MonitorHubLike
  /**
   * Reopens the database's file, first replacing its contents with `converted` (a database of a
   * new schema) when given; the current storage must be closed. Absent for databases that cannot
   * be converted (`_Server`). `convert` then swaps schema, db, storage and hub of this object in place.
   */
  readonly reopen?: (converted?: Database) => { db: Database; storage: StorageLike; history: { txnId: Uuid; delta: Delta }[] }
}
