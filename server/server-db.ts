// The `_Server` database (ovsdb/_server.ovsschema 1.2.0, ovsdb-server(5)): a `Database` row per
// hosted database, `_Server` included, saying it is a standalone, connected leader and carrying its
// schema as JSON text — the C IDL (ovs-vsctl, ovs-vswitchd) reads the data schema from there.
// Clients may only read it; the server writes it once at startup, before anyone connects.

import { readFileSync } from 'node:fs'
import { databaseSchemaFromJson, databaseSchemaToJson, jsonText, type DatabaseSchema } from '../schema/index.js'
import { transact, type Database } from './engine/index.js'
import { packagePath } from './rpc/package-path.js'

/** The name clients use for it. */
export const SERVER_DB_NAME = '_Server'

/** The `_Server` schema shipped in the package (schema/_server.ovsschema). */
export function loadServerSchema(): DatabaseSchema {
  return databaseSchemaFromJson(JSON.parse(readFileSync(packagePath('schema', '_server.ovsschema'), 'utf8')))
}

/**
 * Inserts one `Database` row per entry of `hosted` into `db` (an empty `_Server` database):
 * name, model "standalone", connected and leader true, and the schema as ovsdb-server writes it
 * (JSON text with sorted members). Throws Error when the engine refuses the rows.
 */
export function fillServerDatabase(db: Database, hosted: readonly { name: string; schema: DatabaseSchema }[]): void {
  const ops = hosted.map(({ name, schema }) => ({
    op: 'insert',
    table: 'Database',
    row: { name, model: 'standalone', connected: true, leader: true, schema: jsonText(databaseSchemaToJson(schema)) },
  }))
  const outcome = transact(writableView(db), ops)
  if (outcome.kind !== 'done' || outcome.delta === null) throw new Error(`cannot fill ${SERVER_DB_NAME}: ${JSON.stringify(outcome)}`)
}

/**
 * The same tables under a schema name without the leading underscore: the engine refuses writes
 * to reserved (`_`-prefixed) databases from clients, and has no separate door for the server.
 */
function writableView(db: Database): Database {
  return { schema: { ...db.schema, name: db.schema.name.slice(1) }, tables: db.tables, roots: db.roots }
}
