// Puts already-committed rows (read back from storage) into an empty Database with the same
// bookkeeping commit.ts keeps: index maps, strong reference counts and the weak-referrer index, so
// a loaded database behaves exactly like one built by transactions (GC, ref counts, uniqueness).

import { isStrongRef, isWeakRef, type BaseType, type Datum, type Uuid } from '../../schema/index.js'
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
      indexRow(table, name, row)
      countReferences(db, name, row)
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

/** Adds the strong references `row` holds to its targets' counts and its weak ones to their referrers. */
function countReferences(db: Database, name: string, row: Row): void {
  const schema = db.tables.get(name)!.schema
  for (const column of schema.columns.values()) {
    const { key, value } = column.type
    const datum = row.fields[column.name]
    countAtoms(db, name, row, column.name, key, datum.keys)
    if (value !== undefined) countAtoms(db, name, row, column.name, value, datum.values!)
  }
}

function countAtoms(db: Database, name: string, row: Row, column: string, base: BaseType, atoms: Datum['keys']): void {
  if (base.refTable === undefined || atoms.length === 0) return
  const target = db.tables.get(base.refTable)!
  for (const atom of atoms) {
    const uuid = atom as Uuid
    if (isStrongRef(base)) {
      if (!target.rows.has(uuid)) {
        throw new Error(`cannot load ${name} row ${row.uuid}: column ${column} references missing ${base.refTable} row ${uuid}`)
      }
      if (uuid !== row.uuid) target.refCounts.set(uuid, (target.refCounts.get(uuid) ?? 0) + 1)
    } else if (isWeakRef(base) && target.rows.has(uuid)) {
      target.addWeakReferrer(uuid, { table: name, uuid: row.uuid }, 1)
    }
  }
}
