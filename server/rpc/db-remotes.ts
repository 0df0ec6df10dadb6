// `db:DB,TABLE,COLUMN` remotes (ovsdb-server(1), ovsdb-server.c query_db_remotes): the remotes a
// column of a hosted database names — every string of a string or set-of-string column, or the
// `target` of each row a uuid column references (with its `inactivity_probe`, `max_backoff` and
// `read_only` options). Reading the column is pure; DbRemotes (db-remote-set.ts) applies it.

import type { Datum, TableSchema } from '../../schema/index.js'
import type { Row } from '../engine/index.js'
import type { HostedDb } from './hosted-db.js'

/** One remote named by the database, with the options its row gives (null: the server's default). */
export interface DbRemote {
  readonly target: string
  readonly probeIntervalMs: number | null
  readonly maxBackoffMs: number | null
  readonly readOnly: boolean
}

/** Where a `db:` remote reads from, once its database, table and column exist. */
export interface DbColumnRef {
  readonly spec: string
  readonly hosted: HostedDb
  readonly table: string
  readonly column: string
  /** The referenced table (uuid columns), whose rows carry `target`; null for string columns. */
  readonly refTable: string | null
}

/** The prefix that marks a database-column remote. */
export const DB_REMOTE_PREFIX = 'db:'

/** True when `spec` is a `db:` remote. */
export function isDbRemote(spec: string): boolean {
  return spec.startsWith(DB_REMOTE_PREFIX)
}

/** Checks only the `db:DB,TABLE,COLUMN` shape (the database may not be open yet); returns the error text or null. */
export function dbRemoteSyntaxError(spec: string): string | null {
  const parts = spec.slice(DB_REMOTE_PREFIX.length).split(',')
  return parts.length >= 3 && parts.slice(0, 3).every((part) => part !== '') ? null : `"${spec}": invalid syntax`
}

/**
 * Resolves `spec` against the hosted databases. Returns the column, or an error text spelled as
 * ovsdb-server's (`"db:X,Y,Z": no database named X`, `... no table named Y`,
 * `... table "Y" has no column "Z"`, and for columns of another type that ovsdb-server silently
 * ignores, `... is not string or set of strings or reference to rows`).
 */
export function resolveDbColumn(spec: string, databases: ReadonlyMap<string, HostedDb>): DbColumnRef | string {
  const syntax = dbRemoteSyntaxError(spec)
  if (syntax !== null) return syntax
  const [dbName, table, column] = spec.slice(DB_REMOTE_PREFIX.length).split(',')
  const hosted = databases.get(dbName)
  if (hosted === undefined) return `"${spec}": no database named ${dbName}`
  const tableSchema = hosted.schema.tables.get(table)
  if (tableSchema === undefined) return `"${spec}": no table named ${table}`
  const type = tableSchema.columns.get(column)?.type
  if (type === undefined) return `"${spec}": table "${table}" has no column "${column}"`
  if (type.value === undefined && type.key.type === 'string') return { spec, hosted, table, column, refTable: null }
  if (type.value === undefined && type.key.type === 'uuid' && type.key.refTable !== undefined) {
    return { spec, hosted, table, column, refTable: type.key.refTable }
  }
  return `"${spec}": table "${table}" column "${column}" is not string or set of strings or reference to rows`
}

/** The remotes `ref` names now, in the database's current committed state, by target. */
export function readDbRemotes(ref: DbColumnRef): Map<string, DbRemote> {
  const remotes = new Map<string, DbRemote>()
  for (const row of ref.hosted.db.tables.get(ref.table)?.rows.values() ?? []) {
    for (const key of row.fields[ref.column].keys) {
      if (ref.refTable === null) {
        if (!remotes.has(key as string)) remotes.set(key as string, { target: key as string, probeIntervalMs: null, maxBackoffMs: null, readOnly: false })
        continue
      }
      const target = referencedRows(ref).get(key as string)
      const remote = target === undefined ? undefined : remoteOfRow(target, ref.hosted.schema.tables.get(ref.refTable)!)
      if (remote !== undefined) remotes.set(remote.target, remote)
    }
  }
  return remotes
}

/** The rows a uuid column of `ref` points into (its refTable), by uuid. */
export function referencedRows(ref: DbColumnRef): ReadonlyMap<string, Row> {
  return ref.refTable === null ? new Map() : (ref.hosted.db.tables.get(ref.refTable)?.rows ?? new Map<string, Row>())
}

/** A Manager-like row's remote: `target` is required; the options are read when the table has them. */
function remoteOfRow(row: Row, table: TableSchema): DbRemote | undefined {
  const target = scalar(row, table, 'target', 'string')
  if (typeof target !== 'string') return undefined
  const probe = scalar(row, table, 'inactivity_probe', 'integer')
  const backoff = scalar(row, table, 'max_backoff', 'integer')
  return {
    target,
    probeIntervalMs: probe === undefined ? null : Number(probe),
    maxBackoffMs: backoff === undefined ? null : Number(backoff),
    readOnly: scalar(row, table, 'read_only', 'boolean') === true,
  }
}

/** The single value of an optional or required scalar column of `type`; undefined when empty or absent. */
function scalar(row: Row, table: TableSchema, column: string, type: string): Datum['keys'][number] | undefined {
  const schema = table.columns.get(column)
  if (schema === undefined || schema.type.key.type !== type || schema.type.value !== undefined || schema.type.max !== 1) return undefined
  return row.fields[column].keys[0]
}
