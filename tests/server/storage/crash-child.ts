// The writer the crash test kills: opens (or creates) the store named on the command line and
// commits transactions forever, several per turn of the event loop (as concurrent clients would),
// some durable. Each transaction inserts both halves of a pair and bumps a counter, or deletes an
// older pair and leaves a tombstone; once its append resolves it prints `ack <txnId> <tag>`.

import { randomUUID } from 'node:crypto'
import { writeSync } from 'node:fs'
import { databaseSchemaFromJson } from '../../../schema/index.js'
import { transact, type Database } from '../../../server/engine/index.js'
import { openSqliteStore, type OpenedStore } from '../../../server/storage/index.js'

/** The crash test's schema: pairs of rows, tombstones of deleted pairs, and one counter row. */
export const CRASH_SCHEMA_JSON = {
  name: 'Crash',
  version: '1.0.0',
  tables: {
    Half: { isRoot: true, indexes: [['tag', 'side']], columns: { tag: { type: 'string' }, side: { type: 'string' }, payload: { type: { key: 'integer', min: 0, max: 'unlimited' } } } },
    Tombstone: { isRoot: true, indexes: [['tag']], columns: { tag: { type: 'string' } } },
    Counter: { isRoot: true, maxRows: 1, columns: { pairs: { type: 'integer' } } },
  },
}

const MAX_IN_FLIGHT = 8

function main(path: string, seed: string): void {
  const store = openSqliteStore(path, databaseSchemaFromJson(CRASH_SCHEMA_JSON), { auditLimit: 1e9 })
  ensureCounter(store)
  const tags: string[] = []
  let next = 0
  const tick = () => {
    const count = 1 + Math.floor(Math.random() * MAX_IN_FLIGHT)
    for (let i = 0; i < count; i++) {
      const tag = `${seed}-${next++}`
      const victim = tags.length > 4 && Math.random() < 0.2 ? tags.splice(Math.floor(Math.random() * tags.length), 1)[0] : undefined
      commit(store, victim === undefined ? insertPair(tag) : deletePair(victim), Math.random() < 0.1, victim ?? tag)
      if (victim === undefined) tags.push(tag)
    }
    setImmediate(tick)
  }
  writeSync(1, 'ready\n')
  tick()
}

function ensureCounter(store: OpenedStore): void {
  if (store.db.tables.get('Counter')!.rows.size > 0) return
  commit(store, [{ op: 'insert', table: 'Counter', row: { pairs: 0 } }], true, 'counter')
}

function insertPair(tag: string): unknown[] {
  const payload = ['set', [Date.now(), 2n ** 60n + BigInt(tag.length)]]
  return [
    { op: 'insert', table: 'Half', row: { tag, side: 'a', payload } },
    { op: 'insert', table: 'Half', row: { tag, side: 'b', payload } },
    { op: 'mutate', table: 'Counter', where: [], mutations: [['pairs', '+=', 1]] },
  ]
}

function deletePair(tag: string): unknown[] {
  return [
    { op: 'delete', table: 'Half', where: [['tag', '==', tag]] },
    { op: 'insert', table: 'Tombstone', row: { tag } },
  ]
}

function commit(store: OpenedStore, ops: unknown[], durable: boolean, tag: string): void {
  const outcome = transact(store.db as Database, [...ops, { op: 'commit', durable }])
  if (outcome.kind !== 'done' || outcome.delta === null) throw new Error(`transaction did not commit: ${JSON.stringify(outcome)}`)
  const txnId = randomUUID()
  void store.storage.append({ txnId, delta: outcome.delta, comments: [], peer: 'crash-child', durable })
    .then(() => writeSync(1, `ack ${txnId} ${tag}\n`))
}

if (process.argv[2] !== undefined) main(process.argv[2], process.argv[3] ?? 'x')
