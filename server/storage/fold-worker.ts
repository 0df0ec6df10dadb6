// The fold worker: a thread with its own connection to the store file (opened with the first
// batch, so that failing to open it is reported like a failed batch) that writes batches of
// logged transactions into it (see fold-thread.ts), so the thread that answers clients does not
// spend its time in SQLite. Transactions arrive in hand-overs as they are logged; a `commit`
// message writes those received since the last one as a batch. After each batch it bumps the
// shared batch counter (or sets the error flag, after which it writes nothing more) and wakes a
// waiting main thread, then reports on its port.

import { workerData, type MessagePort } from 'node:worker_threads'
import { openSqliteFile, type SqliteDatabase } from './sqlite-driver.js'
import { configureConnection } from './sqlite-file.js'
import { SqliteWriter } from './sqlite-write.js'
import type { PendingTxn } from './row-ops.js'

/** What the main thread starts the worker with. */
export interface FoldWorkerData {
  readonly path: string
  readonly keep: number
  /** Int32 [batches written, failed (0/1), connection closed (0/1)]. */
  readonly signal: SharedArrayBuffer
  /** Batches arrive here and reports leave here. */
  readonly port: MessagePort
}

/** Messages from the worker. */
export type FoldWorkerReport = { readonly written: number } | { readonly error: string }

const { path, keep, signal, port } = workerData as FoldWorkerData
const state = new Int32Array(signal)
let sqlite: SqliteDatabase | null = null
let writer: SqliteWriter | null = null
/** Transactions handed over since the last batch. */
let handed: PendingTxn[] = []

port.on('message', (message: readonly PendingTxn[] | 'commit' | 'close') => {
  if (message === 'close') {
    sqlite?.close()
    Atomics.store(state, 2, 1)
    Atomics.notify(state, 2)
    port.close()
    return
  }
  if (Atomics.load(state, 1) !== 0) return
  if (message !== 'commit') {
    for (const txn of message) handed.push(txn)
    return
  }
  const batch = handed
  handed = []
  try {
    if (writer === null) {
      sqlite = openSqliteFile(path)
      configureConnection(sqlite)
      writer = new SqliteWriter(sqlite, keep)
    }
    writer.write(batch)
    Atomics.add(state, 0, 1)
    port.postMessage({ written: batch.length } satisfies FoldWorkerReport)
  } catch (error) {
    Atomics.store(state, 1, 1)
    port.postMessage({ error: (error as Error).message } satisfies FoldWorkerReport)
  } finally {
    Atomics.notify(state, 0)
  }
})
