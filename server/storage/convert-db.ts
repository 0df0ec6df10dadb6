// Converts a database to a new schema as ovsdb-server does (ovsdb/file.c ovsdb_convert): every row
// of every table the new schema keeps, with its UUID, each column both schemas have carried over
// through its JSON form (so a value the new type refuses is an error), new columns at their
// defaults; then the usual commit checks (references, maxRows, indexes, garbage collection). A value
// the new type refuses fails with the error that insert would give, `syntax` (the value) included.

import { OvsdbError, datumToJson, type DatabaseSchema, type ErrorTag } from '../../schema/index.js'
import { Database, transact } from '../engine/index.js'

/**
 * A new Database of `schema` holding `source`'s rows converted. `source` is not changed. Throws
 * the OvsdbError the conversion fails with (e.g. `constraint violation`, `syntax error`,
 * `referential integrity violation`), as `convert` answers it.
 */
export function convertDatabase(source: Database, schema: DatabaseSchema): Database {
  const target = new Database(schema)
  const ops: unknown[] = []
  for (const [name, table] of source.tables) {
    const kept = schema.tables.get(name)
    if (kept === undefined) continue
    const columns = [...source.schema.tables.get(name)!.columns.values()].filter((column) => kept.columns.has(column.name))
    for (const row of table.rows.values()) {
      const json: Record<string, unknown> = {}
      for (const column of columns) json[column.name] = datumToJson(row.fields[column.name], column.type)
      ops.push({ op: 'insert', table: name, uuid: row.uuid, row: json })
    }
  }
  if (ops.length === 0) return target
  const outcome = transact(target, ops)
  if (outcome.kind !== 'done') throw new OvsdbError('internal error', 'conversion blocked')
  const failure = outcome.results.find((result) => typeof result === 'object' && result !== null && 'error' in result) as
    | { error: ErrorTag; details?: string; syntax?: string }
    | undefined
  if (failure !== undefined) throw new OvsdbError(failure.error, failure.details, failure.syntax)
  return target
}
