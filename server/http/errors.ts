// How request-level failures appear in JSON-RPC 2.0 (the same mapping on POST /jsonrpc and /ws).
// `data` always carries the stream's `error` member verbatim — an OVSDB error object
// ({"error","details","syntax"}) or a bare string such as "unknown monitor" — so clients match on it
// exactly as on the stream; per-operation errors of `transact` stay inside `result`, as on the stream.
//
//   code     when                                                    message
//   -32700   the body or frame is not JSON                           "Parse error"
//   -32600   not a JSON-RPC 2.0 request (or an empty batch)          "Invalid Request"
//   -32601   "unknown method", or a session-only method on POST      "Method not found"
//   -32602   params not an array, or the stream's "syntax error"     "Invalid params"
//   -32603   the stream's "internal error"                           "Internal error"
//   -32000   any other stream error (unknown database, canceled, not allowed, lock refusals, ...)
//            message: the OVSDB error tag or the bare error string

import { JsonRpcError } from 'jsonrpc-lite'

/** JSON-RPC 2.0 error codes used by server/http, by meaning. */
export const RPC2_CODES = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  serverError: -32000,
} as const

/** Methods that need a lasting session: refused on POST /jsonrpc (use /ws). */
export const SESSION_METHODS = [
  'monitor',
  'monitor_cond',
  'monitor_cond_since',
  'monitor_cond_change',
  'monitor_cancel',
  'lock',
  'steal',
  'unlock',
  'set_db_change_aware',
] as const

/** The 2.0 error object for a 1.0 error reply's `error` member (see the table above). */
export function rpc2Error(streamError: unknown): JsonRpcError {
  const tag = typeof streamError === 'string' ? streamError : tagOf(streamError)
  if (tag === 'unknown method') return new JsonRpcError('Method not found', RPC2_CODES.methodNotFound, streamError)
  if (tag === 'syntax error') return new JsonRpcError('Invalid params', RPC2_CODES.invalidParams, streamError)
  if (tag === 'internal error') return new JsonRpcError('Internal error', RPC2_CODES.internalError, streamError)
  return new JsonRpcError(tag, RPC2_CODES.serverError, streamError)
}

/** The error for a session-only `method` sent to POST /jsonrpc. */
export function sessionOnlyError(method: string): JsonRpcError {
  return new JsonRpcError('Method not found', RPC2_CODES.methodNotFound, {
    error: 'unknown method',
    details: `${method} needs a lasting session: use the WebSocket endpoint /ws`,
  })
}

/** The error for params that are not positional (OVSDB methods take an array). */
export function paramsError(params: unknown): JsonRpcError {
  return new JsonRpcError('Invalid params', RPC2_CODES.invalidParams, { error: 'syntax error', details: 'params must be an array', syntax: params })
}

function tagOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && typeof (error as { error?: unknown }).error === 'string') return (error as { error: string }).error
  return 'error'
}
