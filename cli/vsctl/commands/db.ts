// Generic database read commands (lib/db-ctl-base.c): comment, get (with --id and map keys),
// list and find (tables of rows with --columns), and wait-until (retried until true).

import { atomToString } from '../../../schema/index.js'
import type { TableSchema } from '../../../schema/index.js'
import type { Context } from '../context.js'
import { VsctlError } from '../errors.js'
import { getColumn, getRow, getTable, ROW_IDS, compareC } from '../names.js'
import type { OutputTable } from '../output.js'
import type { CommandSpec, PrereqContext } from '../spec.js'
import { atomFromString, datumToString } from '../values.js'
import { checkCondition, parseColumnArg, wrap } from './db-column.js'

/** pre_get_table: the table, and the columns its records may be named by. */
export function preGetTable(ctx: PrereqContext, name: string): TableSchema {
  const table = getTable(ctx.schema, name)
  ctx.prereqs.addTable(table.name)
  const id = ROW_IDS[table.name]
  if (id !== undefined) {
    ctx.prereqs.addColumn(id.nameTable, id.nameColumn)
    if (id.uuidColumn !== undefined) ctx.prereqs.addColumn(id.nameTable, id.uuidColumn)
  }
  return table
}

/** pre_parse_column_key_value: replicates the column an argument names. */
export function preColumnArg(ctx: PrereqContext, table: TableSchema, arg: string): void {
  const name = wrap(() => parseToken0(arg))
  if (name === '') throw new VsctlError(`${arg}: missing column name`)
  ctx.prereqs.addColumn(table.name, getColumn(table, name))
}

function parseToken0(arg: string): string {
  let end = 0
  while (end < arg.length && !':=, []{}!<>'.includes(arg[end])) end += arg[end] === '\\' ? 2 : 1
  return arg.slice(0, end).replace(/\\(.)/g, '$1')
}

const isUuidColumn = (arg: string): boolean => arg.toLowerCase() === '_uuid' || arg.toLowerCase() === '-uuid'

function preGet(ctx: PrereqContext): void {
  const table = preGetTable(ctx, ctx.argv[1])
  for (const arg of ctx.argv.slice(3)) if (!isUuidColumn(arg)) preColumnArg(ctx, table, arg)
}

function get(ctx: Context): void {
  const id = ctx.options.get('--id')
  const mustExist = !ctx.has('--if-exists')
  if (id !== undefined && !mustExist) throw new VsctlError('--if-exists and --id may not be specified together')
  const table = getTable(ctx.schema, ctx.argv[1])
  const row = getRow(ctx.txn, table, ctx.argv[2], mustExist)
  if (row === undefined) return
  if (id !== undefined) defineGetSymbol(ctx, id, row)
  for (const arg of ctx.argv.slice(3)) {
    if (isUuidColumn(arg)) {
      ctx.output += `${row}\n`
      continue
    }
    const { column, key } = parseColumnArg(arg, table)
    ctx.txn.verify(table.name, row, column)
    const datum = ctx.txn.read(table.name, row, column)
    const type = ctx.txn.type(table.name, column)
    if (key !== undefined) {
      if (type.value === undefined) throw new VsctlError(`cannot specify key to get for non-map column ${column}`)
      const keyAtom = wrap(() => atomFromString(key, type.key, ctx.state.symtab))
      const i = datum.keys.indexOf(keyAtom)
      if (i < 0 && mustExist) throw new VsctlError(`no key "${key}" in ${table.name} record "${ctx.argv[2]}" column ${column}`)
      if (i >= 0) ctx.output += atomToString(datum.values![i], type.value.type)
    } else {
      ctx.output += datumToString(datum, type)
    }
    ctx.output += '\n'
  }
}

function defineGetSymbol(ctx: Context, id: string, row: string): void {
  if (!id.startsWith('@')) throw new VsctlError(`row id "${id}" does not begin with "@"`)
  const fresh = !ctx.state.symtab.symbols.has(id)
  const symbol = ctx.state.symtab.insert(id)
  if (symbol.created) throw new VsctlError(`row id "${id}" may only be specified on one --id option`)
  symbol.created = true
  if (!fresh) throw new VsctlError(`row id "${id}" specified on "get" command was used before it was defined`)
  symbol.uuid = row
  symbol.strongRef = true
}

/** The columns `--columns` names (all, after `_uuid`, when absent); undefined stands for `_uuid`. */
export function parseColumnNames(table: TableSchema, names: string | undefined): (string | undefined)[] {
  if (names === undefined) return [undefined, ...[...table.columns.keys()].sort(compareC)]
  const columns = names.split(/[, ]+/).filter((n) => n !== '').map((n) => (n.toLowerCase() === '_uuid' ? undefined : getColumn(table, n)))
  if (columns.length === 0) throw new VsctlError('must specify at least one column name')
  return columns
}

function preList(ctx: PrereqContext, conditionsFrom: number | undefined): void {
  const table = preGetTable(ctx, ctx.argv[1])
  for (const column of parseColumnNames(table, ctx.options.get('--columns'))) if (column !== undefined) ctx.prereqs.addColumn(table.name, column)
  if (conditionsFrom !== undefined) for (const arg of ctx.argv.slice(conditionsFrom)) preColumnArg(ctx, table, arg)
}

function makeTable(ctx: Context, columns: (string | undefined)[]): OutputTable {
  ctx.table = { headings: columns.map((c) => c ?? '_uuid'), rows: [] }
  return ctx.table
}

function addRecord(ctx: Context, out: OutputTable, table: TableSchema, columns: (string | undefined)[], row: string): void {
  out.rows.push(columns.map((column) => {
    if (column === undefined) return { datum: { keys: [row] }, type: { key: { type: 'uuid' }, min: 1, max: 1 } }
    return { datum: ctx.txn.read(table.name, row, column), type: ctx.txn.type(table.name, column) }
  }))
}

function list(ctx: Context): void {
  const table = getTable(ctx.schema, ctx.argv[1])
  const columns = parseColumnNames(table, ctx.options.get('--columns'))
  const out = makeTable(ctx, columns)
  const records = ctx.argv.length > 2
    ? ctx.argv.slice(2).map((id) => getRow(ctx.txn, table, id, !ctx.has('--if-exists')))
    : ctx.txn.rows(table.name)
  for (const row of records) if (row !== undefined) addRecord(ctx, out, table, columns, row)
}

function find(ctx: Context): void {
  const table = getTable(ctx.schema, ctx.argv[1])
  const columns = parseColumnNames(table, ctx.options.get('--columns'))
  const out = makeTable(ctx, columns)
  for (const row of ctx.txn.rows(table.name)) {
    if (ctx.argv.slice(2).every((arg) => checkCondition(ctx, table, row, arg))) addRecord(ctx, out, table, columns, row)
  }
}

function preWaitUntil(ctx: PrereqContext): void {
  const table = preGetTable(ctx, ctx.argv[1])
  for (const arg of ctx.argv.slice(3)) preColumnArg(ctx, table, arg)
}

function waitUntil(ctx: Context): void {
  const table = getTable(ctx.schema, ctx.argv[1])
  const row = getRow(ctx.txn, table, ctx.argv[2], false)
  if (row === undefined || !ctx.argv.slice(3).every((arg) => checkCondition(ctx, table, row, arg))) ctx.tryAgain = true
}

export const DB_READ_COMMANDS: readonly CommandSpec[] = [
  { name: 'comment', minArgs: 0, maxArgs: Infinity, args: '[ARG]...', options: '', mode: 'ro' },
  { name: 'get', minArgs: 2, maxArgs: Infinity, args: 'TABLE RECORD [COLUMN[:KEY]]...', options: '--if-exists,--id=', mode: 'ro', prereq: preGet, run: get },
  { name: 'list', minArgs: 1, maxArgs: Infinity, args: 'TABLE [RECORD]...', options: '--if-exists,--columns=', mode: 'ro', prereq: (ctx) => preList(ctx, undefined), run: list },
  { name: 'find', minArgs: 1, maxArgs: Infinity, args: 'TABLE [COLUMN[:KEY]=VALUE]...', options: '--columns=', mode: 'ro', prereq: (ctx) => preList(ctx, 2), run: find },
  { name: 'wait-until', minArgs: 2, maxArgs: Infinity, args: 'TABLE RECORD [COLUMN[:KEY]=VALUE]...', options: '', mode: 'ro', prereq: preWaitUntil, run: waitUntil },
]
