// The `convert` method (OVS 2.9+; ovsdb/trigger.c, ovsdb.c ovsdb_replace): `[db, schema]` → `{}`.
// The database is converted (convert-db.ts) once no commit is in flight, its file rewritten with
// the new schema and rows, and the hosted database swapped in place. Then, as ovsdb-server does,
// every session not `set_db_change_aware` is disconnected, aware ones get `monitor_canceled` for
// their monitors of that database and `canceled` for its blocked transactions, and `_Server`'s
// Database row carries the new schema.

import { CONVERTED, CONVERT_FILE, OvsdbError, databaseSchemaFromJson, jsonText, schemaAfter, schemaJsonInOvsOrder, type DatabaseSchema } from '../../schema/index.js'
import { transact, type Database } from '../engine/index.js'
import { LATER, enqueueAnswer, errorJson, lookupDatabase, type RpcContext } from './context.js'
import { convertDatabase } from '../storage/index.js'
import type { HostedDb } from './hosted-db.js'
import type { Request } from '../../protocol/index.js'
import type { Session } from './session.js'
import { WatchedHub } from './watched-hub.js'

/** The `_Server` database's name. */
const SERVER_DB = '_Server'

/** Handles `convert`; answers once converted, or with the conversion's error (a JSON-RPC error). */
export function convertMethod(ctx: RpcContext, session: Session, request: Request): typeof LATER {
  const hosted = lookupDatabase(ctx, request)
  if (request.params.length !== 2) throw new OvsdbError('syntax error', 'array expected', jsonText(request.params))
  const schema = databaseSchemaFromJson(request.params[1])
  if (schema.name !== hosted.name) {
    throw new OvsdbError('invalid parameters', `new schema name (${schema.name}) does not match database name (${hosted.name})`)
  }
  if (hosted.reopen === undefined) throw new OvsdbError('not allowed', `database ${hosted.name} cannot be converted`)
  enqueueAnswer(ctx, session, hosted, () => {
    let converted: Database
    try {
      // The file keeps the schema in the order ovsdb-server's file would; get_schema prints it as
      // ovsdb-server does until it restarts (schema/ovs-schema-order.ts).
      converted = convertDatabase(hosted.db, schemaAfter(schema, CONVERT_FILE))
      replaceDatabase(hosted, converted, schemaJsonInOvsOrder(schema, CONVERTED))
    } catch (error) {
      return session.sendError(request.id, errorJson(ctx, request, error))
    }
    ctx.log.info('rpc', `${session.name}: converted database ${hosted.name} to schema version ${schema.version || '(none)'}`)
    afterConversion(ctx, hosted, () => session.sendReply(request.id, {}))
  })
  return LATER
}

/**
 * Rewrites `hosted`'s file with `converted` and swaps the reopened store in, `schemaJson` to answer
 * get_schema with; on failure keeps the old one.
 */
function replaceDatabase(hosted: HostedDb, converted: Database, schemaJson: unknown): void {
  const reopen = hosted.reopen!
  hosted.storage.close()
  let store
  try {
    store = reopen(converted)
  } catch (error) {
    swap(hosted, reopen(), hosted.schemaJson)
    throw error
  }
  swap(hosted, store, schemaJson)
}

function swap(hosted: HostedDb, store: ReturnType<NonNullable<HostedDb['reopen']>>, schemaJson: unknown): void {
  const hub = new WatchedHub(store.db.schema.name, store.db, store.history)
  if (hosted.hub instanceof WatchedHub) hub.adoptWatchers(hosted.hub)
  const schema: DatabaseSchema = store.db.schema
  Object.assign(hosted, { schema, schemaJson, db: store.db, storage: store.storage, hub })
}

/**
 * Tells every session of the change (see the file header) and updates `_Server`, in ovsdb-server's
 * order: aware sessions hear of their canceled monitors, then of their canceled blocked
 * transactions, before `reply` answers the conversion, and the others (the converting one too,
 * when not aware) are disconnected after it.
 */
function afterConversion(ctx: RpcContext, hosted: HostedDb, reply: () => void): void {
  for (const session of ctx.sessions) {
    if (!session.changeAware) continue
    for (const [idText, monitored] of [...session.monitors]) {
      if (monitored !== hosted) continue
      session.monitors.delete(idText)
      session.send(`{"id":null,"method":"monitor_canceled","params":[${idText}]}`)
    }
  }
  for (const trigger of ctx.runner.triggers.onDatabase(hosted)) {
    ctx.runner.triggers.finish(trigger)
    trigger.session.pendingTransacts.delete(trigger.idKey)
    if (trigger.session.changeAware) trigger.session.sendError(trigger.id, 'canceled')
  }
  reply()
  for (const session of [...ctx.sessions]) {
    if (!session.changeAware) session.close(`disconnecting (committed ${hosted.name} database schema conversion)`, 'info')
  }
  updateServerRow(ctx, hosted)
}

/** Writes the new schema into `_Server`'s Database row for `hosted`, through `_Server`'s commit order. */
function updateServerRow(ctx: RpcContext, hosted: HostedDb): void {
  const server = ctx.databases.get(SERVER_DB)
  if (server === undefined) return
  const committer = ctx.runner.committer(server)
  committer.enqueue(false, () => {
    const writable = { schema: { ...server.db.schema, name: 'Server' }, tables: server.db.tables, roots: server.db.roots } as Database
    const row = { schema: jsonText(hosted.schemaJson) }
    const outcome = transact(writable, [{ op: 'update', table: 'Database', where: [['name', '==', hosted.name]], row }])
    if (outcome.kind === 'done') committer.land(outcome, 'server', () => undefined)
  })
}
