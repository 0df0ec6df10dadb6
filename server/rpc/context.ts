// What request handlers see of the server: its databases, locks, transaction runner and identity,
// plus the small conventions handlers use to answer (a value, later, or a thrown error).

import { OvsdbError, jsonText } from '../../schema/index.js'
import type { Request } from '../../protocol/index.js'
import type { HostedDb } from './hosted-db.js'
import type { LockTable } from './locks.js'
import type { Logger } from './log.js'
import type { Session } from './session.js'
import type { TransactRunner } from './transact.js'

/** Server state shared by every handler. */
export interface RpcContext {
  /** Hosted databases by name, in `list_dbs` order (`_Server` last). */
  readonly databases: ReadonlyMap<string, HostedDb>
  readonly locks: LockTable
  readonly runner: TransactRunner
  /** This process's id, answered by `get_server_id`. */
  readonly serverId: string
  readonly log: Logger
  /** Every open session (a schema conversion disconnects or notifies them). */
  readonly sessions: ReadonlySet<Session>
}

/** Returned by a handler that answers later (or never) itself. */
export const LATER: unique symbol = Symbol('answered later')

/** A request handler: returns the reply's `result`, or LATER; throws OvsdbError or BareError. */
export type Handler = (ctx: RpcContext, session: Session, request: Request) => unknown

/**
 * For a handler returning LATER: runs `answer` (which sends the reply) in `hosted`'s commit order
 * once no commit is in flight, if the session is still open; the session's later messages wait
 * for it (Session.defer).
 */
export function enqueueAnswer(ctx: RpcContext, session: Session, hosted: HostedDb, answer: () => void): void {
  const release = session.defer()
  ctx.runner.committer(hosted).enqueue(true, () => {
    try {
      if (session.isOpen) answer()
    } finally {
      release()
    }
  })
}

/** An error reply whose `error` member is a bare string, e.g. "unknown monitor". */
export class BareError extends Error {
  constructor(readonly error: string) {
    super(error)
    this.name = 'BareError'
  }
}

/**
 * The database named by `params[0]` (OVS ovsdb_jsonrpc_lookup_db). Throws `syntax error`
 * "<method> request params must begin with <db-name>" or `unknown database`
 * "<method> request specifies unknown database <name>", with the params as `syntax`.
 */
export function lookupDatabase(ctx: RpcContext, request: Request): HostedDb {
  const name = request.params[0]
  if (typeof name !== 'string') {
    throw new OvsdbError('syntax error', `${request.method} request params must begin with <db-name>`, jsonText(request.params))
  }
  const hosted = ctx.databases.get(name)
  if (hosted === undefined) {
    throw new OvsdbError('unknown database', `${request.method} request specifies unknown database ${name}`, jsonText(request.params))
  }
  return hosted
}

/** The `error` member for a failure: OvsdbError's object, BareError's string, else `internal error` (logged). */
export function errorJson(ctx: RpcContext, request: Request, error: unknown): unknown {
  if (error instanceof OvsdbError) return error.toJSON()
  if (error instanceof BareError) return error.error
  ctx.log.error('rpc', `${request.method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  return new OvsdbError('internal error', error instanceof Error ? error.message : String(error)).toJSON()
}
