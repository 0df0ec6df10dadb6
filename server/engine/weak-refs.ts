// Commit pass for weak references (OVS ovsdb/transaction.c assess_weak_refs): references to rows
// that are deleted, or never existed, are removed from the referring rows, which become modified;
// a column left with fewer than its minimum elements fails the transaction. The pass keeps OVS's
// order: a deleted row hands its referrers their removals when it is visited, so (as in 3.1) a
// referrer visited earlier keeps the dangling reference in a set or map column (a column of at
// most one element is re-checked whole, so there the reference always goes).

import { ZERO_UUID, isWeakRef, type Atom, type BaseType, type ColumnSchema, type Datum } from '../../schema/index.js'
import { subtract } from './datum-ops.js'
import { ovsdbError } from './errors.js'
import type { DeletedRef, Transaction, TxnRow } from './transaction.js'
import { forEachTxnRow } from './txn-rows.js'

/** Removes weak references to missing rows; throws `constraint violation` when a column drops below its minimum. */
export function assessWeakRefs(txn: Transaction): void {
  forEachTxnRow(txn, (row) => {
    if (row.old !== null && row.new === null) handOverReferrers(txn, row)
    if (row.new !== null) assessRow(txn, row)
  })
}

/** True when the column's keys or values are weak references. */
export function hasWeakRefs(column: ColumnSchema): boolean {
  return isWeakRef(column.type.key) || isWeakRef(column.type.value)
}

/** Tells every committed row that refers weakly to deleted `row` to drop those references. */
function handOverReferrers(txn: Transaction, row: TxnRow): void {
  for (const source of row.table.committed.weakReferrersOf(row.uuid)) {
    txn.findOrMake(source.table, source.uuid)?.deletedRefs.push({ table: row.table.name, uuid: row.uuid })
  }
}

function assessRow(txn: Transaction, row: TxnRow): void {
  const draft = row.new!
  for (const column of row.table.schema.columns.values()) {
    if (!hasWeakRefs(column)) continue
    const before = draft.fields[column.name]
    let datum = dropDeleted(before, column, row.deletedRefs)
    const added = addedSince(row, column, datum)
    const missing = missingTargets(txn, added, column)
    datum = subtract(datum, missing.datum, column.type, true)
    if (datum.keys.length === before.keys.length) continue
    draft.fields[column.name] = datum
    row.changed.add(column.name)
    if (datum.keys.length < column.type.min) throw emptied(row, column, before.keys.length - datum.keys.length, missing.zero)
  }
  row.deletedRefs.length = 0
}

/**
 * The elements of `datum` to check for existence: all of them for an inserted row or a column
 * holding at most one element (OVS ovsdb_datum_added_removed treats non-composite types as
 * wholly replaced), otherwise those not in the old row.
 */
function addedSince(row: TxnRow, column: ColumnSchema, datum: Datum): Datum {
  if (row.old === null || column.type.max <= 1) return datum
  return subtract(datum, row.old.fields[column.name], column.type, true)
}

/** `datum` without the elements that refer to rows in `deleted`. */
function dropDeleted(datum: Datum, column: ColumnSchema, deleted: readonly DeletedRef[]): Datum {
  if (deleted.length === 0) return datum
  const { key, value } = column.type
  const gone = (base: BaseType | undefined, atom: Atom) =>
    isWeakRef(base) && deleted.some((ref) => ref.table === base!.refTable && ref.uuid === atom)
  const keep = datum.keys.map((atom, i) => !gone(key, atom) && !(value !== undefined && gone(value, datum.values![i])))
  if (keep.every(Boolean)) return datum
  const keys = datum.keys.filter((_, i) => keep[i])
  return datum.values === undefined ? { keys } : { keys, values: datum.values.filter((_, i) => keep[i]) }
}

/** The elements of `added` whose weak target does not exist, and whether one of them was the zero UUID. */
function missingTargets(txn: Transaction, added: Datum, column: ColumnSchema): { datum: Datum; zero: boolean } {
  const { key, value } = column.type
  const keys: Atom[] = []
  const values: Atom[] = []
  let zero = false
  const exists = (base: BaseType | undefined, atom: Atom) => {
    if (!isWeakRef(base) || txn.get(base!.refTable!, atom as string) !== undefined) return true
    if (atom === ZERO_UUID) zero = true
    return false
  }
  for (let i = 0; i < added.keys.length; i++) {
    const keyFound = exists(key, added.keys[i])
    const valueFound = value === undefined || exists(value, added.values![i])
    if (keyFound && valueFound) continue
    keys.push(added.keys[i])
    if (value !== undefined) values.push(added.values![i])
  }
  return { datum: value === undefined ? { keys } : { keys, values }, zero }
}

function emptied(row: TxnRow, column: ColumnSchema, removed: number, zero: boolean): Error {
  const table = row.table.name
  if (zero && row.old === null) {
    return ovsdbError(
      'constraint violation',
      `Weak reference column "${column.name}" in "${table}" row ${row.uuid} (inserted within this transaction) ` +
        'contained all-zeros UUID (probably as the default value for this column) but deleting this value caused ' +
        'a constraint volation because this column is not allowed to be empty.',
    )
  }
  const inserted = row.old === null ? '(inserted within this transaction) ' : ''
  return ovsdbError(
    'constraint violation',
    `Deletion of ${removed} weak reference(s) to deleted (or never-existing) rows from column "${column.name}" in ` +
      `"${table}" row ${row.uuid} ${inserted}caused this column to become empty, but constraints on this column ` +
      'disallow an empty column.',
  )
}
