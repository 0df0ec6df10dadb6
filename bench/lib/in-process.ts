// Our engine without a server: the fallback side of bench/engine-compare.ts while the server
// process cannot run. Requests and results go through JSON text, as they would on a socket, so
// only the socket and the session are missing from what it measures.

import { readFileSync } from 'node:fs'
import { databaseSchemaFromJson, jsonToText } from '../../schema/index.js'
import { Database, transact } from '../../server/engine/index.js'
import type { Transactor } from './bench-rows.js'

/** An in-memory Database of the schema at `schemaPath`, answering `transact` like a client would see it. */
export function inProcessEngine(schemaPath: string): Transactor {
  const db = new Database(databaseSchemaFromJson(JSON.parse(readFileSync(schemaPath, 'utf8'))))
  return {
    transact(name: string, ops: readonly unknown[]): Promise<unknown[]> {
      if (name !== db.schema.name) return Promise.reject(new Error(`unknown database ${name}`))
      const outcome = transact(db, JSON.parse(JSON.stringify(ops)) as unknown[])
      if (outcome.kind !== 'done' || outcome.results.some((r) => r !== null && typeof r === 'object' && 'error' in r)) {
        return Promise.reject(new Error(`transact failed: ${JSON.stringify(outcome)}`))
      }
      return Promise.resolve(JSON.parse(jsonToText(outcome.results)) as unknown[])
    },
  }
}
