// An IDL session (lib/ovsdb-idl.c): connects, replicates the registered tables and columns with a
// monitor, and commits IdlTxns, mapping the reply to the C IDL's statuses — success (with the
// inserted rows' real UUIDs and the incremented counter), unchanged, try again (a verify failed),
// or error (the first failed operation, as sorted JSON text).

import { jsonText, jsonToText, type DatabaseSchema, type Integer } from '../../schema/index.js'
import { connectRemotes, type ConnectOptions, type Remote } from '../connection.js'
import { startMonitor, type MonitorSelect } from '../monitor.js'
import { RpcError, RpcSession } from '../rpc.js'
import { transact } from '../transact.js'
import { Replica } from './replica.js'
import type { IdlTxn } from './txn.js'

/** How a commit ended (enum ovsdb_idl_txn_status). */
export type CommitResult =
  | { readonly status: 'unchanged' }
  | { readonly status: 'success'; readonly inserted: ReadonlyMap<string, string>; readonly increment: Integer | undefined }
  | { readonly status: 'try-again' }
  | { readonly status: 'error'; readonly error: string }

/** A connected, replicating IDL. */
export class Idl {
  /** Bumped each time a batch of changes is applied; a verify failure is retried only after it moves. */
  seqno = 0
  private readonly waiters: (() => void)[] = []

  private constructor(readonly session: RpcSession, readonly remote: Remote, readonly replica: Replica) {}

  /**
   * Connects to the first answering remote, starts monitoring `select` of `schema.name`, and
   * resolves once the initial contents are replicated. Rejects with ConnectError, RpcError or
   * SessionClosedError.
   */
  static async open(remotes: readonly Remote[], schema: DatabaseSchema, select: MonitorSelect, options: ConnectOptions = {}): Promise<Idl> {
    const { socket, remote } = await connectRemotes(remotes, options)
    const idl = new Idl(new RpcSession(socket), remote, new Replica(schema, select))
    await startMonitor(idl.session, schema.name, select, (changes) => {
      idl.replica.apply(changes)
      idl.seqno++
      for (const wake of idl.waiters.splice(0)) wake()
    })
    return idl
  }

  /** Resolves once `seqno` exceeds `seen` (immediately if it already does), or the session ends. */
  waitForChange(seen: number): Promise<void> {
    if (this.seqno > seen || this.session.closed) return Promise.resolve()
    return new Promise((resolve) => {
      this.waiters.push(resolve)
      this.session.onClose(() => resolve())
    })
  }

  /** Sends `txn` (unless it changes nothing) and interprets the reply; rejects only if the session fails. */
  async commit(txn: IdlTxn): Promise<CommitResult> {
    const built = txn.operations()
    if (built === undefined) return { status: 'unchanged' }
    let results: unknown[]
    try {
      results = await transact(this.session, this.replica.schema.name, built.ops)
    } catch (error) {
      if (error instanceof RpcError) return { status: 'error', error: jsonToText(error.error) }
      throw error
    }
    const outcome = classify(results)
    if (outcome !== undefined) return outcome
    const inserted = new Map<string, string>()
    for (const [uuid, index] of built.insertIndex) inserted.set(uuid, ((results[index] as { uuid: [string, string] }).uuid)[1])
    const increment = built.incrementIndex === undefined ? undefined : readIncrement(results[built.incrementIndex + 1])
    return { status: 'success', inserted, increment }
  }

  /** Closes the session. */
  close(): void {
    this.session.close()
  }
}

/** Hard errors win over soft ones; `timed out` (a verify) and nulls after a failure mean try again. */
function classify(results: readonly unknown[]): CommitResult | undefined {
  let soft = false
  let hard: string | undefined
  for (const result of results) {
    if (result === null) {
      soft = true
      continue
    }
    const error = (result as { error?: unknown }).error
    if (error === undefined || error === 'aborted') continue
    if (error === 'timed out' || error === 'unknown database') soft = true
    else hard ??= jsonText(result)
  }
  if (hard !== undefined) return { status: 'error', error: hard }
  return soft ? { status: 'try-again' } : undefined
}

function readIncrement(select: unknown): Integer | undefined {
  const rows = (select as { rows?: Record<string, unknown>[] }).rows
  const value = rows?.[0] === undefined ? undefined : Object.values(rows[0])[0]
  return typeof value === 'number' || typeof value === 'bigint' ? value : undefined
}

