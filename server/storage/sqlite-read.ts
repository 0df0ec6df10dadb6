// Reading a store file back at startup: every row of `rows` as an engine Row (in insertion order,
// so a restarted database iterates its tables as the running one did) and the newest transactions
// of `history` with their Deltas rebuilt.

import type { DatabaseSchema, Uuid } from '../../schema/index.js'
import type { Delta, Row } from '../engine/index.js'
import { deltaFromJson } from './delta-codec.js'
import { fieldsFromJson, frozenRow } from './row-codec.js'
import type { SqliteDatabase } from './sqlite-driver.js'
import type { HistoryEntry } from './storage.js'
import { parseStoredJson } from './stored-json.js'

/** Rows read per query: small pages let the garbage of each page die young, which V8 collects cheaply. */
const PAGE_ROWS = 2000

/** The stored rows as [table, Row] pairs. Throws when a row does not fit `schema`. */
export function* readRows(sqlite: SqliteDatabase, schema: DatabaseSchema): Generator<[string, Row]> {
  const page = sqlite.prepare('SELECT id, tbl, uuid, version, data FROM rows WHERE id > ? ORDER BY id LIMIT ?').raw()
  let last = 0
  for (;;) {
    const rows = page.all(last, PAGE_ROWS) as [number, string, Uuid, Uuid, string][]
    for (const [id, name, uuid, version, data] of rows) {
      const table = schema.tables.get(name)
      if (table === undefined) throw new Error(`stored row ${uuid} belongs to unknown table "${name}"`)
      const json = parseStoredJson(data) as Record<string, unknown>
      yield [name, frozenRow(uuid, version, fieldsFromJson(table, json))]
      last = id
    }
    if (rows.length < PAGE_ROWS) return
  }
}

/**
 * The newest `limit` transactions of `history` after seq `start`, oldest first. Each Delta is
 * decoded on first use (most restarts never serve a monitor_cond_since from old history), and
 * each entry's row count is read from its JSON alone, so bounding the history decodes nothing.
 */
export function readHistory(sqlite: SqliteDatabase, schema: DatabaseSchema, start: number, limit: number): HistoryEntry[] {
  const newest = sqlite.prepare('SELECT txn_id, delta FROM history WHERE seq > ? ORDER BY seq DESC LIMIT ?').raw()
  const entries: HistoryEntry[] = []
  for (const [txnId, delta] of newest.iterate(start, limit) as IterableIterator<[Uuid, string]>) {
    entries.push(lazyEntry(txnId, delta, schema))
  }
  return entries.reverse()
}

/** An entry whose Delta is decoded on first use; its row count needs only a JSON parse of the text. */
function lazyEntry(txnId: Uuid, text: string, schema: DatabaseSchema): HistoryEntry {
  let delta: Delta | undefined
  let rows: number | undefined
  return {
    txnId,
    get delta(): Delta {
      delta ??= deltaFromJson(parseStoredJson(text), schema)
      return delta
    },
    get rows(): number {
      rows ??= countRows(parseStoredJson(text) as Record<string, Record<Uuid, unknown>>)
      return rows
    },
  }
}

/** The rows a stored Delta's JSON changes: one member per row under each table. */
function countRows(json: Record<string, Record<Uuid, unknown>>): number {
  let rows = 0
  for (const name in json) rows += Object.keys(json[name]).length
  return rows
}
