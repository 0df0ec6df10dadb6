// A database: its schema and one committed Table per schema table. Transactions read it and, when
// they commit, change it in place (only the rows they touched); nothing else writes to it.

import { isRootTable, type DatabaseSchema } from '../../schema/index.js'
import { Table } from './table.js'

/** An in-memory OVSDB database holding the committed rows of every table of `schema`. */
export class Database {
  /** @internal committed tables by name */
  readonly tables: ReadonlyMap<string, Table>
  /** @internal whether each table is a root table (RFC 7047 §3.2: no isRoot anywhere → all root) */
  readonly roots: ReadonlySet<string>

  /** An empty database of `schema`. */
  constructor(readonly schema: DatabaseSchema) {
    const tables = new Map<string, Table>()
    for (const [name, table] of schema.tables) tables.set(name, new Table(table))
    this.tables = tables
    this.roots = new Set([...schema.tables.keys()].filter((name) => isRootTable(schema, name)))
  }
}
