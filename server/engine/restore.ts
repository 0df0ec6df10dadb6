// Loading committed rows into an empty Database without running transactions, for storage at
// start-up (rows as they were persisted, `_version` included). Rebuilds the index maps, the
// strong reference counts and the weak-referrer index in one pass over the loaded rows.

import { isStrongRef, isWeakRef, type Uuid } from '../../schema/index.js'
import type { Database } from './database.js'
import { freezeRow, type Row } from './row.js'

/** A persisted row and the table it belongs to. */
export interface StoredRow {
  readonly table: string
  readonly row: Row
}

/**
 * Adds `rows` to `db` as committed rows. The caller vouches for them (they were committed
 * before): no constraint, reference or index check is made. Throws a plain Error for an unknown
 * table or a UUID loaded twice into one table.
 */
export function restoreRows(db: Database, rows: Iterable<StoredRow>): void {
  const loaded: StoredRow[] = []
  for (const { table, row } of rows) {
    const committed = db.tables.get(table)
    if (committed === undefined) throw new Error(`restoreRows: unknown table ${table}`)
    if (committed.rows.has(row.uuid)) throw new Error(`restoreRows: ${table} row ${row.uuid} loaded twice`)
    const frozen = Object.isFrozen(row) ? row : freezeRow({ uuid: row.uuid, version: row.version, fields: { ...row.fields } })
    committed.rows.set(row.uuid, frozen)
    committed.schema.indexes.forEach((_, i) => committed.indexes[i].set(committed.indexKey(frozen, i), row.uuid))
    loaded.push({ table, row: frozen })
  }
  for (const { table, row } of loaded) countReferences(db, table, row)
}

function countReferences(db: Database, table: string, row: Row): void {
  const source = { table, uuid: row.uuid }
  for (const column of db.tables.get(table)!.schema.columns.values()) {
    const datum = row.fields[column.name]
    for (const [base, atoms] of [[column.type.key, datum.keys], [column.type.value, datum.values ?? []]] as const) {
      if (base === undefined || base.refTable === undefined) continue
      const target = db.tables.get(base.refTable)!
      for (const atom of atoms) {
        const uuid = atom as Uuid
        if (!target.rows.has(uuid)) continue
        if (isWeakRef(base)) target.addWeakReferrer(uuid, source, 1)
        else if (isStrongRef(base) && uuid !== row.uuid) target.refCounts.set(uuid, (target.refCounts.get(uuid) ?? 0) + 1)
      }
    }
  }
}
