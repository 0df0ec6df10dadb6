// Turns an IdlTxn into the operations of one `transact` (lib/ovsdb-idl.c ovsdb_idl_txn_commit):
// verify waits, the singleton-table wait, inserts/updates/deletes, partial-update mutates, the
// increment, the comment and the dry run's abort — and decides whether anything changes at all.

import { datumEquals, datumToJson, defaultDatum, isDefaultDatum } from './datum-util.js'
import type { DatabaseSchema, TableSchema } from '../../schema/index.js'
import { RealJson } from '../../schema/index.js'
import type { Operation } from '../transact.js'
import { whereUuid } from '../transact.js'
import type { IdlTxn, TxnRow } from './txn.js'

type IsRoot = (schema: DatabaseSchema, table: TableSchema) => boolean

/** One commit's operation list under construction. */
export class TxnOps {
  private readonly ops: Operation[] = []
  private readonly insertIndex = new Map<string, number>()
  private anyUpdates = false

  constructor(private readonly txn: IdlTxn) {}

  /** See IdlTxn.operations. */
  build(isRoot: IsRoot): { ops: Operation[]; insertIndex: Map<string, number>; incrementIndex: number | undefined } | undefined {
    for (const row of this.txn.rowsTouched.values()) if (row.prereqs.size > 0) this.addVerify(row)
    this.addSingletonWaits()
    for (const row of this.txn.rowsTouched.values()) this.addRowOps(row, isRoot)
    let incrementIndex: number | undefined
    const inc = this.txn.increment
    if (inc !== undefined && this.anyUpdates) {
      incrementIndex = this.ops.length
      const where = this.substitute(whereUuid(inc.uuid))
      this.ops.push({ op: 'mutate', table: inc.table, where, mutations: [[inc.column, '+=', 1]] })
      this.ops.push({ op: 'select', table: inc.table, where, columns: [inc.column] })
    }
    if (this.txn.comment !== '') this.ops.push({ op: 'comment', comment: this.txn.comment })
    if (this.txn.dryRun) this.ops.push({ op: 'abort' })
    if (!this.anyUpdates) return undefined
    return { ops: this.ops, insertIndex: this.insertIndex, incrementIndex }
  }

  private addVerify(row: TxnRow): void {
    const columns = [...row.prereqs].sort()
    const values: Record<string, unknown> = {}
    for (const column of columns) {
      const type = this.txn.type(row.table, column)
      values[column] = datumToJson(row.old!.get(column) ?? defaultDatum(type), type)
    }
    this.ops.push({ op: 'wait', table: row.table, timeout: 0, where: whereUuid(row.uuid), until: '==', columns, rows: [values] })
  }

  /** Inserting the only row of an empty maxRows=1 table first checks that it is still empty. */
  private addSingletonWaits(): void {
    for (const [name, table] of this.txn.replica.schema.tables) {
      if (table.maxRows !== 1) continue
      const initial = this.txn.replica.tables.get(name)?.size ?? 0
      const final = this.txn.rows(name).length
      if (initial === 0 && final === 1) this.ops.push({ op: 'wait', table: name, where: [], timeout: 0, until: '==', rows: [] })
    }
  }

  private addRowOps(row: TxnRow, isRoot: IsRoot): void {
    const schema = this.txn.replica.schema
    const table = schema.tables.get(row.table)!
    if (row.new === undefined) {
      if (isRoot(schema, table)) {
        this.ops.push({ op: 'delete', table: row.table, where: whereUuid(row.uuid) })
        this.anyUpdates = true
      }
      return
    }
    if (row.old === undefined || row.new !== row.old) this.addWrite(row)
    if (row.partial.size > 0) this.addMutate(row)
  }

  private addWrite(row: TxnRow): void {
    const values: Record<string, unknown> = {}
    for (const column of row.written) {
      const type = this.txn.type(row.table, column)
      const datum = row.new!.get(column)!
      if (row.old === undefined && isDefaultDatum(datum, type)) continue
      values[column] = this.substitute(datumToJson(datum, type))
      if (row.old !== undefined && !datumEquals(row.old.get(column) ?? defaultDatum(type), datum)) this.anyUpdates = true
    }
    if (row.old === undefined) {
      this.anyUpdates = true
      this.insertIndex.set(row.uuid, this.ops.length)
      const name = row.persistUuid ? { uuid: row.uuid } : { 'uuid-name': rowName(row.uuid) }
      this.ops.push({ op: 'insert', table: row.table, ...name, row: values })
    } else if (Object.keys(values).length > 0) {
      this.ops.push({ op: 'update', table: row.table, where: whereUuid(row.uuid), row: values })
    }
  }

  private addMutate(row: TxnRow): void {
    const mutations: unknown[] = []
    for (const [column, entries] of row.partial) {
      const type = this.txn.type(row.table, column)
      const keyJson = (atom: unknown): unknown => (type.key.type === 'uuid' ? ['uuid', atom] : atom)
      const valueJson = (atom: unknown): unknown => (type.value?.type === 'uuid' ? ['uuid', atom] : atom)
      if (type.value === undefined) {
        mutations.push([column, 'insert', ['set', [...entries.keys()].map(keyJson)]])
        continue
      }
      const current = this.txn.read(row.table, row.uuid, column)
      const changed = [...entries].filter(([key, e]) => !e.existed || current.values![current.keys.indexOf(key)] !== e.value)
      const deletes = changed.filter(([, e]) => e.existed).map(([key]) => keyJson(key))
      if (deletes.length > 0) mutations.push([column, 'delete', ['set', deletes]])
      if (changed.length > 0) mutations.push([column, 'insert', ['map', changed.map(([key, e]) => [keyJson(key), valueJson(e.value)])]])
    }
    if (mutations.length === 0) return
    this.anyUpdates = true
    this.ops.push(this.substitute({ op: 'mutate', table: row.table, where: whereUuid(row.uuid), mutations }) as Operation)
  }

  /** Replaces references to rows this transaction inserts by `["named-uuid", rowName]` (substitute_uuids). */
  private substitute(json: unknown): unknown {
    if (!Array.isArray(json)) {
      if (typeof json !== 'object' || json === null || json instanceof RealJson) return json
      return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, this.substitute(v)]))
    }
    if (json.length === 2 && json[0] === 'uuid' && typeof json[1] === 'string') {
      const row = this.txn.rowsTouched.get(json[1])
      if (row !== undefined && row.old === undefined && !row.persistUuid) return ['named-uuid', rowName(json[1])]
      return json
    }
    return json.map((element) => this.substitute(element))
  }
}

/** The uuid-name an inserted row carries: `row` + its provisional UUID with `_` for `-`. */
export function rowName(uuid: string): string {
  return `row${uuid.replace(/-/g, '_')}`
}
