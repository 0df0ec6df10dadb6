// Runs transactions against our engine in-process, shaped like the wire: ops go through JSON text
// and the exact parser (so integers beyond 2^53 arrive as bigint, as from the framer), results are
// serialised with jsonToText and parsed back, so reals and big integers compare as sent.

import { databaseSchemaFromJson, jsonToText } from '../../schema/index.js'
import { Database, transact } from '../../server/engine/index.js'
import { parseJsonExact } from '../../protocol/index.js'
import type { Executor } from './replay.js'

/**
 * An executor over a fresh engine Database of `schemaJson`. A transaction the engine reports as
 * `blocked` with a timeout is re-run once with `elapsedMs` equal to that timeout, which is what
 * ovsdb-server's trigger does when the timeout expires; one blocked forever yields
 * `{"blocked": "forever"}`, which never matches a recording.
 */
export function engineExecutor(schemaJson: unknown): Executor {
  const db = new Database(databaseSchemaFromJson(schemaJson))
  return async (ops) => {
    const wireOps = parseJsonExact(jsonToText(ops)) as unknown[]
    let outcome = transact(db, wireOps)
    if (outcome.kind === 'blocked' && outcome.timeoutMs !== null) {
      outcome = transact(db, wireOps, { elapsedMs: outcome.timeoutMs })
    }
    if (outcome.kind === 'blocked') return { blocked: outcome.timeoutMs ?? 'forever' }
    return parseJsonExact(jsonToText(outcome.results))
  }
}
