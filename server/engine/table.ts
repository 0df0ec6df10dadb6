// One committed table (OVS ovsdb/table.h): rows by UUID, a map per schema index from index key to
// row, and the reverse-reference bookkeeping that keeps commit cost proportional to the rows a
// transaction touches: strong reference counts per row and, per row, who refers to it weakly.

import type { TableSchema, Uuid } from '../../schema/index.js'
import { datumKey } from './datum-ops.js'
import { rowDatum, type Row } from './row.js'

/** A referring row: its table's name and its UUID. */
export interface RowRef {
  readonly table: string
  readonly uuid: Uuid
}

/** The committed state of one table. Only `commit.ts` (through Table's methods) changes it. */
export class Table {
  /** Committed rows by UUID. */
  readonly rows = new Map<Uuid, Row>()
  /** One map per `schema.indexes` entry: index key → UUID of the row holding it. */
  readonly indexes: Map<string, Uuid>[]
  /** Strong references to each row from other rows (self-references excluded); absent = 0. */
  readonly refCounts = new Map<Uuid, number>()
  /** Rows holding weak references to each row: target UUID → "table\nuuid" → number of atoms. */
  readonly weakReferrers = new Map<Uuid, Map<string, number>>()

  constructor(readonly schema: TableSchema) {
    this.indexes = schema.indexes.map(() => new Map<string, Uuid>())
  }

  /** The row's key in index number `i`. */
  indexKey(row: Row, i: number): string {
    let key = ''
    for (const column of this.schema.indexes[i]) key += datumKey(rowDatum(row, column)) + '|'
    return key
  }

  /** The committed row with index `i` key `key`, if any. */
  findByIndex(i: number, key: string): Row | undefined {
    const uuid = this.indexes[i].get(key)
    return uuid === undefined ? undefined : this.rows.get(uuid)
  }

  /** Records `count` more (or fewer, when negative) weak references from `source` to `target`. */
  addWeakReferrer(target: Uuid, source: RowRef, count: number): void {
    const key = `${source.table}\n${source.uuid}`
    let sources = this.weakReferrers.get(target)
    if (sources === undefined) {
      if (count <= 0) return
      sources = new Map()
      this.weakReferrers.set(target, sources)
    }
    const total = (sources.get(key) ?? 0) + count
    if (total > 0) sources.set(key, total)
    else sources.delete(key)
    if (sources.size === 0) this.weakReferrers.delete(target)
  }

  /** The rows that refer weakly to `target`. */
  weakReferrersOf(target: Uuid): RowRef[] {
    const sources = this.weakReferrers.get(target)
    if (sources === undefined) return []
    return [...sources.keys()].map((key) => {
      const cut = key.indexOf('\n')
      return { table: key.slice(0, cut), uuid: key.slice(cut + 1) }
    })
  }
}
