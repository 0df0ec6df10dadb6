// The `wait` that IDL clients send for every column they verified (ovsdb_idl_txn_verify): one
// row by `_uuid`, one expected row naming exactly the projected columns, each value spelled as
// the server itself would spell it. ovs-vsctl sends one per Port of a bridge, and the bridge's
// whole `ports` set in another. This compares such a request against the stored datums as it
// stands, without parsing it into datums first; whatever it cannot vouch for goes the full way.

import { isUuid, type Atom, type AtomicType, type ColumnSchema, type Datum, type TableSchema, type Uuid } from '../../../schema/index.js'
import { rowDatum } from '../row.js'
import type { Execution } from './context.js'

/**
 * True when row `uuid` (see pinnedUuid) exists and `rowJson` gives exactly `columns`, each equal
 * to that row's datum in canonical order; false in every other case, where the caller parses and
 * compares as usual (reaching the same answer more slowly, or an error).
 */
export function verifiedInPlace(x: Execution, table: TableSchema, uuid: Uuid, columns: readonly ColumnSchema[], rowJson: unknown): boolean {
  if (typeof rowJson !== 'object' || rowJson === null || Array.isArray(rowJson)) return false
  const row = x.txn.get(table.name, uuid)
  if (row === undefined) return false
  const given = rowJson as Record<string, unknown>
  if (Object.keys(given).length !== columns.length) return false
  for (const column of columns) {
    if (column.name.startsWith('_') || !Object.hasOwn(given, column.name)) return false
    if (!spellsDatum(column, rowDatum(row, column.name), given[column.name])) return false
  }
  return true
}

/** U when `where` is `[["_uuid","==",["uuid",U]]]` with U a canonical UUID (such a condition always parses). */
export function pinnedUuid(where: readonly unknown[]): Uuid | undefined {
  if (where.length !== 1) return undefined
  const clause = where[0]
  if (!Array.isArray(clause) || clause.length !== 3 || clause[0] !== '_uuid' || clause[1] !== '==') return undefined
  const arg = clause[2] as unknown
  if (!Array.isArray(arg) || arg.length !== 2 || arg[0] !== 'uuid' || !isUuid(arg[1])) return undefined
  return arg[1]
}

/** True when `json` is `datum` written out: a bare atom for one element of a set, else `["set",[...]]` or `["map",[[k,v],...]]` in order. */
function spellsDatum(column: ColumnSchema, datum: Datum, json: unknown): boolean {
  const { key, value } = column.type
  if (value === undefined && datum.keys.length === 1 && spellsAtom(key.type, datum.keys[0], json)) return true
  if (!Array.isArray(json) || json.length !== 2 || json[0] !== (value === undefined ? 'set' : 'map')) return false
  const elements = json[1] as unknown
  if (!Array.isArray(elements) || elements.length !== datum.keys.length) return false
  for (let i = 0; i < elements.length; i++) {
    if (value === undefined) {
      if (!spellsAtom(key.type, datum.keys[i], elements[i])) return false
      continue
    }
    const pair = elements[i] as unknown
    if (!Array.isArray(pair) || pair.length !== 2) return false
    if (!spellsAtom(key.type, datum.keys[i], pair[0]) || !spellsAtom(value.type, datum.values![i], pair[1])) return false
  }
  return true
}

/** True when `json` is exactly how `atom` of `type` is written (`["uuid",U]` for a UUID). */
function spellsAtom(type: AtomicType, atom: Atom, json: unknown): boolean {
  if (type !== 'uuid') return json === atom
  return Array.isArray(json) && json.length === 2 && json[0] === 'uuid' && json[1] === atom
}
