// Shared test helpers for the engine: a small schema covering every column kind the engine
// treats specially (constraints, optional scalars, sets, maps, strong and weak references,
// immutable columns, an index, maxRows, root and non-root tables), and shorthands to run ops.
import { databaseSchemaFromJson } from '../../../schema/index.js'
import { Database, transact, type TransactContext, type TransactOutcome } from '../../../server/engine/index.js'

export const SCHEMA = {
  name: 'T',
  tables: {
    Root: {
      isRoot: true,
      maxRows: 4,
      indexes: [['name']],
      columns: {
        name: { type: 'string' },
        n: { type: { key: { type: 'integer', minInteger: 0, maxInteger: 10 } } },
        i: { type: 'integer' },
        r: { type: 'real' },
        b: { type: 'boolean' },
        u: { type: 'uuid' },
        oi: { type: { key: 'integer', min: 0, max: 1 } },
        iset: { type: { key: 'integer', min: 0, max: 'unlimited' } },
        rset: { type: { key: 'real', min: 0, max: 'unlimited' } },
        sset: { type: { key: 'string', min: 0, max: 2 } },
        smap: { type: { key: 'string', value: 'string', min: 0, max: 'unlimited' } },
        e: { type: { key: { type: 'string', enum: ['set', ['a', 'b']] }, min: 0, max: 1 } },
        im: { type: 'integer', mutable: false },
        kids: { type: { key: { type: 'uuid', refTable: 'Kid' }, min: 0, max: 'unlimited' } },
        weak: { type: { key: { type: 'uuid', refTable: 'Kid', refType: 'weak' }, min: 0, max: 'unlimited' } },
        weak1: { type: { key: { type: 'uuid', refTable: 'Kid', refType: 'weak' }, min: 0, max: 1 } },
        wmap: { type: { key: 'string', value: { type: 'uuid', refTable: 'Kid', refType: 'weak' }, min: 0, max: 'unlimited' } },
      },
    },
    Kid: {
      indexes: [['k1', 'k2']],
      columns: {
        k1: { type: 'string' },
        k2: { type: 'integer' },
        sub: { type: { key: { type: 'uuid', refTable: 'Sub' }, min: 0, max: 1 } },
        self: { type: { key: { type: 'uuid', refTable: 'Kid' }, min: 0, max: 1 } },
      },
    },
    Sub: { columns: { x: { type: 'integer' } } },
    Must: {
      isRoot: true,
      columns: {
        hold: { type: { key: { type: 'uuid', refTable: 'Kid' }, min: 0, max: 'unlimited' } },
        one: { type: { key: { type: 'uuid', refTable: 'Kid', refType: 'weak' }, min: 1, max: 1 } },
        many: { type: { key: { type: 'uuid', refTable: 'Kid', refType: 'weak' }, min: 1, max: 'unlimited' } },
      },
    },
  },
}

/** A fresh empty database of SCHEMA (or of `json`). */
export function newDb(json: unknown = SCHEMA): Database {
  return new Database(databaseSchemaFromJson(json))
}

/** Runs `ops`, which must complete (not block), and returns the outcome. */
export function done(db: Database, ops: unknown[], ctx?: TransactContext): Extract<TransactOutcome, { kind: 'done' }> {
  const outcome = transact(db, ops, ctx)
  if (outcome.kind !== 'done') throw new Error(`transaction blocked: ${JSON.stringify(outcome)}`)
  return outcome
}

/** Runs `ops` and returns the result array. */
export function run(db: Database, ops: unknown[], ctx?: TransactContext): unknown[] {
  return done(db, ops, ctx).results
}

/** The UUID an `insert` result carries. */
export function uuidOf(result: unknown): string {
  return (result as { uuid: [string, string] }).uuid[1]
}

/** Inserts one row and returns its UUID (the transaction must succeed). */
export function insert(db: Database, table: string, row: Record<string, unknown>, more: unknown[] = []): string {
  const results = run(db, [{ op: 'insert', table, row, 'uuid-name': 'it' }, ...more])
  if (results.length !== 1 + more.length) throw new Error(`insert failed: ${JSON.stringify(results)}`)
  return uuidOf(results[0])
}

/** The rows of `table` matching `where`, projected on `columns`. */
export function select(db: Database, table: string, where: unknown[] = [], columns?: string[]): Record<string, unknown>[] {
  const [result] = run(db, [{ op: 'select', table, where, ...(columns ? { columns } : {}) }])
  return (result as { rows: Record<string, unknown>[] }).rows
}

/** `["uuid", u]` */
export const ref = (uuid: string): [string, string] => ['uuid', uuid]
/** `["named-uuid", name]` */
export const named = (name: string): [string, string] => ['named-uuid', name]
/** `["set", items]` */
export const set = (...items: unknown[]): [string, unknown[]] => ['set', items]
/** `["map", pairs]` */
export const map = (...pairs: [unknown, unknown][]): [string, unknown[]] => ['map', pairs]
/** A `_uuid ==` condition. */
export const byUuid = (uuid: string): unknown[] => [['_uuid', '==', ref(uuid)]]
