// Maps JSON-RPC method names to their handlers (OVS ovsdb_jsonrpc_session_got_request/_notify).
// A request for any other method gets `{"error":"unknown method"}`; of notifications only
// `cancel` means anything. Error replies never carry `result`.

import type { Notification, Request } from '../../protocol/index.js'
import { LATER, errorJson, type Handler, type RpcContext } from './context.js'
import { convertMethod } from './convert-method.js'
import { echo, getSchema, getServerId, listDbs, setDbChangeAware, transactMethod } from './methods.js'
import { monitorCancel, monitorCondChange, monitorMethod } from './monitor-methods.js'
import type { Session } from './session.js'

/** The request methods the server answers, spelled as on the wire. */
export const SERVER_METHODS = [
  'list_dbs',
  'get_schema',
  'transact',
  'monitor',
  'monitor_cond',
  'monitor_cond_since',
  'monitor_cond_change',
  'monitor_cancel',
  'lock',
  'steal',
  'unlock',
  'echo',
  'get_server_id',
  'set_db_change_aware',
  'convert',
] as const
export type ServerMethod = (typeof SERVER_METHODS)[number]

const HANDLERS: Record<ServerMethod, Handler> = {
  list_dbs: listDbs,
  get_schema: getSchema,
  transact: transactMethod,
  monitor: monitorMethod,
  monitor_cond: monitorMethod,
  monitor_cond_since: monitorMethod,
  monitor_cond_change: monitorCondChange,
  monitor_cancel: monitorCancel,
  lock: (ctx, session, request) => ctx.locks.lock(session, request.params, 'lock'),
  steal: (ctx, session, request) => ctx.locks.lock(session, request.params, 'steal'),
  unlock: (ctx, session, request) => ctx.locks.unlock(session, request.params),
  echo,
  get_server_id: getServerId,
  set_db_change_aware: setDbChangeAware,
  convert: convertMethod,
}

/** The methods a read-only session may not call, and the bare error it gets (OVS jsonrpc-server.c). */
const LOCK_METHODS: readonly string[] = ['lock', 'steal', 'unlock']
const READ_ONLY_LOCK_ERROR = 'lock and unlock methods not allowed, DB server is read only.'

/** Answers `request` (now, or later for transact and monitors). */
export function dispatchRequest(ctx: RpcContext, session: Session, request: Request): void {
  const handler = Object.hasOwn(HANDLERS, request.method) ? HANDLERS[request.method as ServerMethod] : undefined
  if (handler === undefined) return session.sendError(request.id, 'unknown method')
  if (session.readOnly && LOCK_METHODS.includes(request.method)) return session.sendError(request.id, READ_ONLY_LOCK_ERROR)
  let result: unknown
  try {
    result = handler(ctx, session, request)
  } catch (error) {
    return session.sendError(request.id, errorJson(ctx, request, error))
  }
  if (result !== LATER) session.sendReply(request.id, result)
}

/** Handles a notification: `cancel [id]` cancels a blocked transaction; others are ignored. */
export function dispatchNotification(ctx: RpcContext, session: Session, message: Notification): void {
  if (message.method === 'cancel' && message.params.length === 1) ctx.runner.cancel(session, message.params[0])
}
