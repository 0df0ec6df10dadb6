// Handlers of the methods that need no monitor or lock machinery: list_dbs, get_schema, echo,
// get_server_id, set_db_change_aware and transact (RFC 7047 §4.1, ovsdb-server(7) extensions).

import { OvsdbError, jsonText } from '../../schema/index.js'
import { LATER, lookupDatabase, type Handler } from './context.js'

/** `list_dbs []` → names of every hosted database, `_Server` included. */
export const listDbs: Handler = (ctx) => [...ctx.databases.keys()]

/** `get_schema [db, ...]` → the schema JSON; params after the name are ignored (the Python IDL sends one). */
export const getSchema: Handler = (ctx, _session, request) => lookupDatabase(ctx, request).schemaJson

/** `echo [...]` → the params verbatim. */
export const echo: Handler = (_ctx, _session, request) => request.params

/** `get_server_id []` → this process's UUID. */
export const getServerId: Handler = (ctx) => ctx.serverId

/** `set_db_change_aware [bool]` → `{}`; `syntax error` unless exactly one boolean. */
export const setDbChangeAware: Handler = (_ctx, session, request) => {
  const [aware] = request.params
  if (request.params.length !== 1 || typeof aware !== 'boolean') {
    throw new OvsdbError('syntax error', 'set_db_change_aware: true or false parameter expected', jsonText(request.params))
  }
  session.changeAware = aware
  return {}
}

/** `transact [db, op...]` → answered later with the result array (see transact.ts). */
export const transactMethod: Handler = (ctx, session, request) => {
  const hosted = lookupDatabase(ctx, request)
  ctx.runner.submit(session, hosted, request.id, request.params)
  return LATER
}
