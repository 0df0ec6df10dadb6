// Runs one `transact` request's operations (OVS ovsdb/execution.c ovsdb_execute_compose): the one
// place that catches per-operation errors. The failing op's slot gets the error object, later
// slots null, and nothing is committed; otherwise commit-time checks run and a failure there is
// appended as one extra result.

import { OvsdbError } from '../../schema/index.js'
import type { Database } from './database.js'
import { applyCommit } from './commit.js'
import type { Delta } from './delta.js'
import { internalError, ovsdbError } from './errors.js'
import { precommit } from './integrity.js'
import { executeAbort } from './ops/abort.js'
import { executeAssert } from './ops/assert.js'
import { executeComment } from './ops/comment.js'
import { executeCommit } from './ops/commit.js'
import type { Execution, OpExecutor } from './ops/context.js'
import { executeDelete } from './ops/delete.js'
import { executeInsert } from './ops/insert.js'
import { executeMutate } from './ops/mutate.js'
import { executeSelect } from './ops/select.js'
import { executeUpdate } from './ops/update.js'
import { executeWait } from './ops/wait.js'
import { OpParser } from './parser.js'
import { Transaction } from './transaction.js'
import { randomUuid } from './uuid.js'

/** What the calling session brings to a transaction. */
export interface TransactContext {
  /** Lock names the calling session owns (for `assert`). */
  locksHeld?: ReadonlySet<string>
  /** Milliseconds since the transaction first arrived (for `wait` timeouts); default 0. */
  elapsedMs?: number
  /** The remote is read-only: write operations fail with `not allowed` (ovsdb-server --remote read-only). */
  readOnly?: boolean
}

/**
 * The answer to one transact request: `done` with the JSON-ready result array (and, on success,
 * the Delta applied to the database, the `durable` request and the comments), or `blocked` by an
 * unsatisfied `wait` whose timeout (ms; null = forever) has not elapsed.
 */
export type TransactOutcome =
  | { kind: 'done'; results: unknown[]; delta: Delta | null; durable: boolean; comments: string[] }
  | { kind: 'blocked'; timeoutMs: number | null }

/** Operations as spelled on the wire (RFC 7047 §5.2), with whether each only reads. */
export const OPERATIONS = ['insert', 'select', 'update', 'mutate', 'delete', 'wait', 'commit', 'abort', 'comment', 'assert'] as const
export type Operation = (typeof OPERATIONS)[number]

const EXECUTORS: Record<Operation, { run: OpExecutor; readOnly: boolean }> = {
  insert: { run: executeInsert, readOnly: false },
  select: { run: executeSelect, readOnly: true },
  update: { run: executeUpdate, readOnly: false },
  mutate: { run: executeMutate, readOnly: false },
  delete: { run: executeDelete, readOnly: false },
  wait: { run: executeWait, readOnly: true },
  commit: { run: executeCommit, readOnly: false },
  abort: { run: executeAbort, readOnly: true },
  comment: { run: executeComment, readOnly: true },
  assert: { run: executeAssert, readOnly: true },
}

/**
 * Executes `ops` (the transact params after the database name) against `db` (RFC 7047 §4.1.3).
 * On success `db` holds the changes and `delta` describes them; on any error nothing changed.
 */
export function transact(db: Database, ops: readonly unknown[], ctx: TransactContext = {}): TransactOutcome {
  const txn = new Transaction(db)
  const x = newExecution(txn, ctx)
  const results: unknown[] = []
  for (let i = 0; i < ops.length; i++) {
    const error = runOperation(x, ops[i], `ovsdb operation ${i + 1} of ${ops.length}`, results, ctx.readOnly ?? false)
    if (error?.tag === 'not supported') return { kind: 'blocked', timeoutMs: x.timeoutMs === Infinity ? null : x.timeoutMs }
    if (error !== undefined) {
      results.push(error.toJSON())
      while (results.length < ops.length) results.push(null)
      return { kind: 'done', results, delta: null, durable: false, comments: [] }
    }
  }
  try {
    const delta = precommit(txn) ? applyCommit(txn) : null
    return { kind: 'done', results, delta, durable: x.durable, comments: x.comments }
  } catch (error) {
    results.push(asOvsdbError(error).toJSON())
    return { kind: 'done', results, delta: null, durable: false, comments: [] }
  }
}

/** Runs one operation, pushing its result; returns its error instead when it fails. */
function runOperation(x: Execution, op: unknown, name: string, results: unknown[], readOnly: boolean): OvsdbError | undefined {
  const parser = new OpParser(op, name)
  const opName = parser.member('op', ['id']) as string | undefined
  let error: OvsdbError | undefined
  let result: Record<string, unknown> | undefined
  const executor = opName === undefined ? undefined : EXECUTORS[opName as Operation]
  if (opName !== undefined && executor === undefined) parser.raise(`No operation "${opName}"`)
  if (executor !== undefined) {
    try {
      result = executor.run(x, parser)
    } catch (caught) {
      error = asOvsdbError(caught)
    }
  }
  error = parser.finish() ?? error
  if (error === undefined && executor !== undefined && !executor.readOnly) error = writeRefusal(x, opName!, readOnly)
  if (error === undefined) results.push(result)
  return error
}

/** The `not allowed` error for a write on a read-only remote or a reserved (`_`-prefixed) database. */
function writeRefusal(x: Execution, op: string, readOnly: boolean): OvsdbError | undefined {
  if (readOnly) return ovsdbError('not allowed', `${op} operation not allowed when database server is in read only mode`)
  const name = x.txn.db.schema.name
  if (name.startsWith('_')) return ovsdbError('not allowed', `${op} operation not allowed on table in reserved database ${name}`)
  return undefined
}

function newExecution(txn: Transaction, ctx: TransactContext): Execution {
  return {
    txn,
    resolve: (name) => {
      let symbol = txn.symbols.get(name)
      if (symbol === undefined) {
        symbol = { uuid: randomUuid(), created: false }
        txn.symbols.set(name, symbol)
      }
      return symbol.uuid
    },
    locksHeld: ctx.locksHeld ?? new Set(),
    elapsedMs: ctx.elapsedMs ?? 0,
    timeoutMs: Infinity,
    durable: false,
    comments: [],
  }
}

function asOvsdbError(error: unknown): OvsdbError {
  return error instanceof OvsdbError ? error : internalError(error)
}
