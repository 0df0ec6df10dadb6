// Shared helpers for the storage tests: fixture schemas, temp directories, running transactions
// against an engine Database, and a comparable dump of every table's rows and bookkeeping.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { databaseSchemaFromJson, jsonToText, type DatabaseSchema } from '../../../schema/index.js'
import { rowToJson, transact, type Database, type Delta } from '../../../server/engine/index.js'

const FIXTURES = new URL('../../fixtures/schemas/', import.meta.url)

/** A schema from tests/fixtures/schemas/ (e.g. 'refs.ovsschema'). */
export function fixtureSchema(file: string): DatabaseSchema {
  return databaseSchemaFromJson(JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8')))
}

/** The shipped Open_vSwitch schema. */
export function vswitchSchema(): DatabaseSchema {
  return databaseSchemaFromJson(JSON.parse(readFileSync(new URL('../../../schema/vswitch.ovsschema', import.meta.url), 'utf8')))
}

/** A fresh temp directory, removed when the test ends. */
export function tempDir(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'sy-storage-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** Runs `ops` on `db`; returns the results and Delta, throwing when the transaction did not finish. */
export function run(db: Database, ops: unknown[]): { results: unknown[]; delta: Delta | null; durable: boolean; comments: string[] } {
  const outcome = transact(db, ops)
  if (outcome.kind !== 'done') throw new Error('transaction blocked')
  for (const result of outcome.results) {
    if (result !== null && typeof result === 'object' && 'error' in result) throw new Error(`transaction failed: ${jsonToText(outcome.results)}`)
  }
  return outcome
}

/** Every row of every table as exact JSON text (sorted by table, then UUID), `_version` included. */
export function dumpRows(db: Database): string[] {
  const lines: string[] = []
  for (const [name, table] of [...db.tables].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const columns = [{ name: '_uuid', type: UUID_TYPE, ephemeral: false, mutable: false }, { name: '_version', type: UUID_TYPE, ephemeral: false, mutable: false }, ...table.schema.columns.values()]
    for (const uuid of [...table.rows.keys()].sort()) lines.push(`${name} ${jsonToText(rowToJson(table.rows.get(uuid)!, columns))}`)
  }
  return lines
}

/** The engine's reference bookkeeping of every table, as comparable plain data. */
export function dumpBookkeeping(db: Database): unknown {
  const out: Record<string, unknown> = {}
  for (const [name, table] of db.tables) {
    out[name] = {
      refCounts: [...table.refCounts].sort(),
      weak: [...table.weakReferrers].map(([uuid, sources]) => [uuid, [...sources].sort()]).sort(),
      indexes: table.indexes.map((index) => [...index].sort()),
    }
  }
  return out
}

const UUID_TYPE = { key: { type: 'uuid' as const }, min: 1 as const, max: 1 }

/** A schema with every atomic type as scalar, optional, set and map, references, an index and ephemeral columns. */
export const STORE_SCHEMA_JSON = {
  name: 'Store',
  version: '1.0.0',
  tables: {
    Thing: {
      isRoot: true,
      indexes: [['name']],
      columns: {
        name: { type: 'string' },
        i: { type: 'integer' },
        r: { type: 'real' },
        b: { type: 'boolean' },
        u: { type: 'uuid' },
        oi: { type: { key: 'integer', min: 0, max: 1 } },
        ints: { type: { key: 'integer', min: 0, max: 'unlimited' } },
        reals: { type: { key: 'real', min: 0, max: 'unlimited' } },
        strs: { type: { key: 'string', min: 0, max: 'unlimited' } },
        ss: { type: { key: 'string', value: 'string', min: 0, max: 'unlimited' } },
        ir: { type: { key: 'integer', value: 'real', min: 0, max: 'unlimited' } },
        bu: { type: { key: 'boolean', value: 'uuid', min: 0, max: 'unlimited' } },
        part: { type: { key: { type: 'uuid', refTable: 'Part' }, min: 0, max: 'unlimited' } },
        seen: { type: { key: { type: 'uuid', refTable: 'Part', refType: 'weak' }, min: 0, max: 'unlimited' } },
        status: { type: { key: 'string', value: 'string', min: 0, max: 'unlimited' }, ephemeral: true },
      },
    },
    Part: {
      isRoot: false,
      columns: { n: { type: 'integer' }, note: { type: { key: 'string', min: 0, max: 1 }, ephemeral: true } },
    },
  },
}

/** The Store schema, parsed. */
export function storeSchema(): DatabaseSchema {
  return databaseSchemaFromJson(STORE_SCHEMA_JSON)
}
