// The monitor methods (RFC 7047 §4.1.5-4.1.7 and the monitor_cond, monitor_cond_since and
// monitor_cond_change extensions): parameter checks as ovsdb-server's jsonrpc-server.c makes them,
// then delegation to the database's MonitorHub, queued behind in-flight commits so that an initial
// snapshot never shows a change whose update is still to come.

import { OvsdbError, isJsonObject, jsonText, jsonToText } from '../../schema/index.js'
import type { Request } from '../../protocol/index.js'
import { BareError, LATER, enqueueAnswer, errorJson, lookupDatabase, type Handler, type RpcContext } from './context.js'
import type { Session } from './session.js'

/** Monitor protocol versions by request method. */
const VERSIONS = { monitor: 1, monitor_cond: 2, monitor_cond_since: 3 } as const
/** How many params each version takes: `[db, id, requests]`, plus `last_txn_id` for version 3. */
const PARAM_COUNTS = { 1: 3, 2: 3, 3: 4 } as const

/**
 * Whether `count` params suit `version`: exactly its count, except that `monitor` (version 1)
 * ignores params past the third, as ovsdb-server does (it checks the count of the others only;
 * with fewer than three it reads past the array, where we answer "invalid parameters").
 */
function fitsParams(version: 1 | 2 | 3, count: number): boolean {
  return version === 1 ? count >= PARAM_COUNTS[1] : count === PARAM_COUNTS[version]
}

/** `monitor`, `monitor_cond`, `monitor_cond_since`: the initial contents (v3: `[found, last_txn_id, updates]`). */
export const monitorMethod: Handler = (ctx, session, request) => {
  const hosted = lookupDatabase(ctx, request)
  const version = VERSIONS[request.method as keyof typeof VERSIONS]
  const [, id, requests, lastTxnId] = request.params
  if (!fitsParams(version, request.params.length)) throw invalidParameters(request)
  if (!isJsonObject(requests)) throw new OvsdbError('syntax error', 'monitor-requests must be object', jsonText(requests))
  const key = jsonToText(id)
  if (session.monitors.has(key)) throw new OvsdbError('syntax error', 'duplicate monitor ID', jsonText(id))
  session.monitors.set(key, hosted)
  enqueueAnswer(ctx, session, hosted, () => {
    let result: string[]
    try {
      result = hosted.hub.addText(session, id, version, requests, lastTxnId)
    } catch (error) {
      session.monitors.delete(key)
      return session.sendError(request.id, errorJson(ctx, request, error))
    }
    session.sendReplyPieces(request.id, result)
    const notice = hosted.hub.resumeNotice(session, id, lastTxnId)
    if (notice !== null) session.send(notice)
  })
  return LATER
}

/** `monitor_cond_change [old_id, new_id, requests]` → `{}` after the resulting update (sent under new_id). */
export const monitorCondChange: Handler = (ctx, session, request) => {
  const [oldId, newId, requests] = request.params
  if (request.params.length !== 3) throw invalidParameters(request)
  const oldKey = jsonToText(oldId)
  const newKey = jsonToText(newId)
  const hosted = session.monitors.get(oldKey)
  if (hosted === undefined) throw new OvsdbError('syntax error', 'unknown monitor session', jsonText(oldId))
  if (newKey !== oldKey && session.monitors.has(newKey)) throw new OvsdbError('syntax error', 'duplicate monitor ID', jsonText(newId))
  enqueueAnswer(ctx, session, hosted, () => {
    answer(ctx, session, request, () => {
      hosted.hub.changeConditions(session, oldId, newId, requests)
      session.monitors.delete(oldKey)
      session.monitors.set(newKey, hosted)
      return {}
    })
  })
  return LATER
}

/** `monitor_cancel [id]` → `{}`; bare errors "invalid parameters" and "unknown monitor". */
export const monitorCancel: Handler = (_ctx, session, request) => {
  if (request.params.length !== 1) throw new BareError('invalid parameters')
  const key = jsonToText(request.params[0])
  const hosted = session.monitors.get(key)
  if (hosted === undefined || !hosted.hub.cancel(session, request.params[0])) throw new BareError('unknown monitor')
  session.monitors.delete(key)
  return {}
}

function invalidParameters(request: Request): OvsdbError {
  return new OvsdbError('syntax error', 'invalid parameters', jsonText(request.params))
}

/** Sends `compute()`'s value as the reply, or its error as an error reply. */
function answer(ctx: RpcContext, session: Session, request: Request, compute: () => unknown): void {
  let result: unknown
  try {
    result = compute()
  } catch (error) {
    return session.sendError(request.id, errorJson(ctx, request, error))
  }
  session.sendReply(request.id, result)
}
