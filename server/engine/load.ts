// Puts already-committed rows (read back from storage) into an empty Database with the same
// bookkeeping commit.ts keeps: index maps, strong reference counts and the weak-referrer index, so
// a loaded database behaves exactly like one built by transactions (GC, ref counts, uniqueness).

import { isStrongRef, isWeakRef, type BaseType, type Datum, type TableSchema, type Uuid } from '../../schema/index.js'
import type { Database } from './database.js'
import { freezeRow, type Row } from './row.js'
import type { Table } from './table.js'

/**
 * Adds `rows` (table name, row with every declared column) to `db`, whose tables must be empty.
 * Throws a plain Error naming the row when a table is unknown, a UUID repeats, two rows share an
 * index key, or a strong reference points at a missing row: storage holding such rows is corrupt.
 * Weak references to missing rows are kept but not indexed, as commit.ts does.
 */
export function loadRows(db: Database, rows: Iterable<readonly [string, Row]>): void {
  for (const [name, row] of rows) {
    const table = db.tables.get(name)
    if (table === undefined) throw new Error(`cannot load row ${row.uuid}: no table "${name}" in schema ${db.schema.name}`)
    if (table.rows.has(row.uuid)) throw new Error(`cannot load ${name} row ${row.uuid}: duplicate UUID`)
    table.rows.set(row.uuid, Object.isFrozen(row) ? row : freezeRow({ ...row, fields: { ...row.fields } }))
  }
  for (const [name, table] of db.tables) {
    for (const row of table.rows.values()) {
      if (table.indexes.length > 0) indexRow(table, name, row)
      countReferences(db, name, table, row)
    }
  }
}

function indexRow(table: Table, name: string, row: Row): void {
  table.schema.indexes.forEach((columns, i) => {
    const key = table.indexKey(row, i)
    const holder = table.indexes[i].get(key)
    if (holder !== undefined) {
      throw new Error(`cannot load ${name} rows ${holder} and ${row.uuid}: same value for index on ${columns.join(', ')}`)
    }
    table.indexes[i].set(key, row.uuid)
  })
}

/** A column holding references: which of its key and value atoms refer to which table. */
interface RefColumn {
  readonly name: string
  readonly key?: BaseType
  readonly value?: BaseType
}

const refColumnsCache = new WeakMap<TableSchema, RefColumn[]>()

/** The columns of `table` whose keys or values are references (computed once per schema). */
function refColumns(table: TableSchema): RefColumn[] {
  let columns = refColumnsCache.get(table)
  if (columns === undefined) {
    columns = []
    for (const { name, type } of table.columns.values()) {
      const key = type.key.refTable === undefined ? undefined : type.key
      const value = type.value?.refTable === undefined ? undefined : type.value
      if (key !== undefined || value !== undefined) columns.push({ name, key, value })
    }
    refColumnsCache.set(table, columns)
  }
  return columns
}

/** Adds the strong references `row` holds to its targets' counts and its weak ones to their referrers. */
function countReferences(db: Database, name: string, table: Table, row: Row): void {
  for (const column of refColumns(table.schema)) {
    const datum = row.fields[column.name]
    if (column.key !== undefined) countAtoms(db, name, row, column.name, column.key, datum.keys)
    if (column.value !== undefined) countAtoms(db, name, row, column.name, column.value, datum.values!)
  }
}

function countAtoms(db: Database, name: string, row: Row, column: string, base: BaseType, atoms: Datum['keys']): void {
  if (atoms.length === 0) return
  const target = db.tables.get(base.refTable!)!
  const strong = isStrongRef(base)
  for (const atom of atoms) {
    const uuid = atom as Uuid
    if (strong) {
      if (!target.rows.has(uuid)) {
        throw new Error(`cannot load ${name} row ${row.uuid}: column ${column} references missing ${base.refTable} row ${uuid}`)
      }
      if (uuid !== row.uuid) target.refCounts.set(uuid, (target.refCounts.get(uuid) ?? 0) + 1)
    } else if (isWeakRef(base) && target.rows.has(uuid)) {
      target.addWeakReferrer(uuid, { table: name, uuid: row.uuid }, 1)
    }
  }
}
