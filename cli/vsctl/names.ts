// How ovs-vsctl resolves names (lib/db-ctl-base.c): table and column names by case-insensitive
// unique prefix with `-` for `_`, and records by UUID, `.`, name columns (directly or through a
// referring table, utilities/ovs-vsctl.c `tables[]`) or a UUID prefix of 4+ characters.

import type { DatabaseSchema, TableSchema } from '../../schema/index.js'
import { uuidFromText } from '../../schema/index.js'
import type { IdlTxn } from '../../client/index.js'
import { VsctlError } from './errors.js'

/** How a record of a table may be named: a column of `nameTable`, optionally through `uuidColumn`. */
export interface RowId {
  readonly nameTable: string
  readonly nameColumn: string
  readonly uuidColumn?: string
}

/** ovs-vsctl's row ids (ovs-vsctl.c `tables[]`). */
export const ROW_IDS: Readonly<Record<string, RowId>> = {
  Bridge: { nameTable: 'Bridge', nameColumn: 'name' },
  Controller: { nameTable: 'Bridge', nameColumn: 'name', uuidColumn: 'controller' },
  Interface: { nameTable: 'Interface', nameColumn: 'name' },
  Mirror: { nameTable: 'Mirror', nameColumn: 'name' },
  Manager: { nameTable: 'Manager', nameColumn: 'target' },
  NetFlow: { nameTable: 'Bridge', nameColumn: 'name', uuidColumn: 'netflow' },
  Port: { nameTable: 'Port', nameColumn: 'name' },
  QoS: { nameTable: 'Port', nameColumn: 'name', uuidColumn: 'qos' },
  sFlow: { nameTable: 'Bridge', nameColumn: 'name', uuidColumn: 'sflow' },
  Flow_Table: { nameTable: 'Flow_Table', nameColumn: 'name' },
  IPFIX: { nameTable: 'Bridge', nameColumn: 'name', uuidColumn: 'ipfix' },
  AutoAttach: { nameTable: 'Bridge', nameColumn: 'name', uuidColumn: 'auto_attach' },
  Flow_Sample_Collector_Set: { nameTable: 'Flow_Sample_Collector_Set', nameColumn: 'id' },
}

/** The table `name` names (score_partial_match over the tables in name order); throws VsctlError. */
export function getTable(schema: DatabaseSchema, name: string): TableSchema {
  const names = [...schema.tables.keys()].sort(compareC)
  const best = bestMatches(names, name)
  if (best.length === 0) throw new VsctlError(`unknown table "${name}"`)
  if (best.length > 1) throw new VsctlError(`"${name}" matches multiple table names: ${best.join(', ')}`)
  return schema.tables.get(best[0])!
}

/** The column of `table` that `name` names; throws VsctlError with ovs-vsctl's wording. */
export function getColumn(table: TableSchema, name: string): string {
  const names = [...table.columns.keys()].sort(compareC)
  const best = bestMatches(names, name)
  if (best.length === 0) throw new VsctlError(`${table.name} does not contain a column whose name matches "${name}"`)
  if (best.length > 1) throw new VsctlError(`${table.name} contains more than one column whose name matches "${name}": ${best.join(', ')}`)
  return best[0]
}

/**
 * The row of `table` that `recordId` names, or undefined (ctl_get_row). Throws VsctlError for an
 * ambiguous name or UUID prefix, and "no row ..." when `mustExist` and nothing matches. Verifies
 * the referring column when a name goes through one.
 */
export function getRow(txn: IdlTxn, table: TableSchema, recordId: string, mustExist: boolean): string | undefined {
  let row: string | undefined
  const uuid = uuidFromText(recordId)
  if (uuid !== undefined && txn.exists(table.name, uuid)) row = uuid
  if (row === undefined && recordId === '.') {
    const rows = txn.rows(table.name)
    if (rows.length === 1) row = rows[0]
  }
  const id = ROW_IDS[table.name]
  if (row === undefined && id !== undefined) row = rowById(txn, table, id, recordId)
  if (row === undefined && partialUuidLength(recordId) >= 4) {
    for (const candidate of txn.rows(table.name)) {
      if (!candidate.startsWith(recordId)) continue
      if (row !== undefined) throw new VsctlError(`${table.name} contains 2 or more rows whose UUIDs begin with ${recordId}: at least ${row} and ${candidate}`)
      row = candidate
    }
  }
  if (mustExist && row === undefined) throw new VsctlError(`no row "${recordId}" in table ${table.name}`)
  return row
}

function rowById(txn: IdlTxn, table: TableSchema, id: RowId, recordId: string): string | undefined {
  const type = txn.type(id.nameTable, id.nameColumn)
  if (type.key.type === 'integer' && !/^\d+$/.test(recordId)) return undefined
  let referrer: string | undefined
  for (const candidate of txn.rows(id.nameTable)) {
    const datum = txn.read(id.nameTable, candidate, id.nameColumn)
    if (datum.keys.length !== 1 || !nameEquals(datum.keys[0], recordId)) continue
    if (referrer !== undefined) throw new VsctlError(`multiple rows in ${id.nameTable} match "${recordId}"`)
    referrer = candidate
  }
  if (referrer === undefined || id.uuidColumn === undefined) return referrer
  txn.verify(id.nameTable, referrer, id.uuidColumn)
  const target = txn.read(id.nameTable, referrer, id.uuidColumn)
  if (target.keys.length !== 1) return undefined
  const uuid = target.keys[0] as string
  return txn.exists(table.name, uuid) ? uuid : undefined
}

function nameEquals(name: unknown, recordId: string): boolean {
  if (typeof name !== 'string') return BigInt(name as number) === BigInt(/^\d+$/.test(recordId) ? recordId : '0')
  if (name === recordId) return true
  return recordId.length >= 4 && uuidFromText(name) !== undefined && name.startsWith(recordId)
}

/** Length of `s` when it is a prefix of a UUID's text form, else 0 (uuid_is_partial_string). */
function partialUuidLength(s: string): number {
  const template = 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx'
  if (s.length > template.length) return 0
  for (let i = 0; i < s.length; i++) {
    const ok = template[i] === 'x' ? /[0-9a-fA-F]/.test(s[i]) : s[i] === '-'
    if (!ok) return 0
  }
  return s.length
}

/** score_partial_match: exact names win, then case/`-`-insensitive full names, then longest prefixes. */
function bestMatches(names: readonly string[], s: string): string[] {
  let bestScore = 0
  let best: string[] = []
  for (const name of names) {
    const score = matchScore(name, s)
    if (score === 0 || score < bestScore) continue
    if (score > bestScore) best = []
    best.push(name)
    bestScore = score
  }
  return best
}

function matchScore(name: string, s: string): number {
  if (name === s) return Number.MAX_SAFE_INTEGER
  const fold = (c: string | undefined): string | undefined => (c === '-' ? '_' : c?.toLowerCase())
  for (let i = 0; ; i++) {
    if (fold(name[i]) !== fold(s[i])) return i >= s.length ? i : 0
    if (i >= name.length) return Number.MAX_SAFE_INTEGER - 1
  }
}

/** strcmp order. */
export function compareC(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
