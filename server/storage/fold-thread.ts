// The main thread's handle on the fold worker (fold-worker.ts): started on the first hand-over,
// transactions handed to it as they are logged, one batch (a `commit` of what was handed) in
// flight at a time, and a synchronous wait for it (Atomics.wait on a shared counter) for
// the moments the file must be complete now: close, compact, an explicit fold.

import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads'
import type { FoldWorkerData, FoldWorkerReport } from './fold-worker.js'
import type { PendingTxn } from './row-ops.js'

/** Running from TypeScript sources (tests, tsx): the worker then registers tsx itself, which workers do not inherit. */
const FROM_SOURCES = import.meta.url.endsWith('.ts')
/** The worker's module beside this one. */
const WORKER_URL = new URL(`./fold-worker${FROM_SOURCES ? '.ts' : '.js'}`, import.meta.url)
/** How long one wait for the worker may take before it is reported as stuck. */
const WAIT_LIMIT_MS = 60_000
/** How long close waits for the worker's connection to close (a dead worker never says so). */
const CLOSE_LIMIT_MS = 5_000

/** A fold worker for one store file. */
export class FoldThread {
  private worker: Worker | null = null
  private port: MessagePort | null = null
  private readonly state = new Int32Array(new SharedArrayBuffer(12))
  private posted = 0

  /** `onDone` hears each batch written; `onError` the failure of one (the worker writes no more). */
  constructor(
    private readonly path: string,
    private readonly keep: number,
    private readonly onDone: () => void,
    private readonly onError: (error: Error) => void,
  ) {}

  /** True while a batch is being written. */
  get busy(): boolean {
    return Atomics.load(this.state, 0) < this.posted && !this.failed
  }

  /** True once the worker failed to write a batch (before its report arrives); it writes nothing more. */
  get failed(): boolean {
    return Atomics.load(this.state, 1) !== 0
  }

  /** Sends `txns` (the oldest not sent yet) to the worker, starting it the first time, for its next batch. */
  hand(txns: readonly PendingTxn[]): void {
    this.worker ??= this.start()
    this.port!.postMessage(txns)
  }

  /** Has the worker write everything handed to it since its last batch as one batch; only when not busy. */
  commit(): void {
    this.worker ??= this.start()
    this.posted++
    this.port!.postMessage('commit')
  }

  /** Blocks until the batch in flight is written; throws when writing it failed. */
  waitIdle(): void {
    const deadline = Date.now() + WAIT_LIMIT_MS
    for (let seen = Atomics.load(this.state, 0); this.busy; seen = Atomics.load(this.state, 0)) {
      if (Date.now() > deadline) throw new Error(`the fold worker has not finished a batch in ${WAIT_LIMIT_MS} ms`)
      Atomics.wait(this.state, 0, seen, 100)
    }
    if (!this.failed) return
    for (let message = this.port && receiveMessageOnPort(this.port); message !== undefined && message !== null; message = receiveMessageOnPort(this.port!)) {
      const report = message.message as FoldWorkerReport
      if ('error' in report) throw new Error(report.error)
    }
    throw new Error('the fold worker failed to write a batch')
  }

  /**
   * Has the worker close its connection, and waits for that (call once idle): the file may be
   * replaced right after (convert), and a connection closing late would touch the new one's WAL.
   */
  close(): void {
    if (this.worker === null) return
    this.port!.postMessage('close')
    const deadline = Date.now() + CLOSE_LIMIT_MS
    while (Atomics.load(this.state, 2) === 0 && Date.now() < deadline) Atomics.wait(this.state, 2, 0, 100)
    this.port!.close()
    this.worker.unref()
    this.worker = null
  }

  private start(): Worker {
    const { port1, port2 } = new MessageChannel()
    this.port = port1
    port1.on('message', (report: FoldWorkerReport) => ('error' in report ? this.onError(new Error(report.error)) : this.onDone()))
    port1.unref()
    const workerData: FoldWorkerData = { path: this.path, keep: this.keep, signal: this.state.buffer as SharedArrayBuffer, port: port2 }
    const worker = FROM_SOURCES
      ? new Worker(`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL.href)}) })`, { eval: true, workerData, transferList: [port2] })
      : new Worker(WORKER_URL, { workerData, transferList: [port2] })
    worker.on('error', (error: unknown) => {
      Atomics.store(this.state, 1, 1)
      this.onError(error instanceof Error ? error : new Error(`the fold worker stopped: ${String((error as { message?: unknown } | null)?.message ?? error)}`))
    })
    return worker
  }
}
