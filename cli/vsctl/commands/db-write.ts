// Generic database write commands (lib/db-ctl-base.c): set, add, remove, clear, create (with
// --id=@name or a UUID) and destroy (records or --all).

import { compareAtoms, isRootTable, makeDatum, uuidFromText } from '../../../schema/index.js'
import type { Atom, ColumnType, Datum } from '../../../schema/index.js'
import type { Context } from '../context.js'
import { VsctlError } from '../errors.js'
import { getColumn, getRow, getTable } from '../names.js'
import type { CommandSpec, PrereqContext } from '../spec.js'
import { datumFromString, ValueError } from '../values.js'
import { checkMutable, setColumn, wrap } from './db-column.js'
import { preColumnArg, preGetTable } from './db.js'

function preSet(ctx: PrereqContext): void {
  const table = preGetTable(ctx, ctx.argv[1])
  for (const arg of ctx.argv.slice(3)) preColumnArg(ctx, table, arg)
}

function set(ctx: Context): void {
  const table = getTable(ctx.schema, ctx.argv[1])
  const row = getRow(ctx.txn, table, ctx.argv[2], !ctx.has('--if-exists'))
  if (row === undefined) return
  for (const arg of ctx.argv.slice(3)) setColumn(ctx, table, row, arg, ctx.lastCommand)
  ctx.invalidateCache()
}

function preColumnCommand(ctx: PrereqContext): void {
  const table = preGetTable(ctx, ctx.argv[1])
  ctx.prereqs.addColumn(table.name, getColumn(table, ctx.argv[3]))
}

/** The table, column and row an add/remove command names, checked mutable; undefined row with --if-exists. */
function target(ctx: Context): { table: string; column: string; row: string | undefined; type: ColumnType } {
  const table = getTable(ctx.schema, ctx.argv[1])
  const column = getColumn(table, ctx.argv[3])
  const row = getRow(ctx.txn, table, ctx.argv[2], !ctx.has('--if-exists'))
  if (row !== undefined) checkMutable(ctx, table, row, column)
  return { table: table.name, column, row, type: ctx.txn.type(table.name, column) }
}

function add(ctx: Context): void {
  const { table, column, row, type } = target(ctx)
  if (row === undefined) return
  const entries = new Map<Atom, Atom | undefined>()
  const start = ctx.lastCommand ? { keys: [] } : ctx.txn.read(table, row, column)
  start.keys.forEach((key, i) => entries.set(key, start.values?.[i]))
  for (const arg of ctx.argv.slice(4)) {
    const more = wrap(() => datumFromString(arg, { ...type, min: 1, max: Infinity }, ctx.state.symtab))
    more.keys.forEach((key, i) => { if (!entries.has(key)) entries.set(key, more.values?.[i]) })
  }
  const merged = toDatum(entries, type)
  if (!ctx.lastCommand && merged.keys.length > type.max) {
    throw new VsctlError(`"add" operation would put ${merged.keys.length} ${type.value === undefined ? 'values' : 'pairs'} in column ${column} of table ${table} but the maximum number is ${type.max}`)
  }
  if (ctx.lastCommand) {
    if (merged.keys.length > 0) ctx.txn.writePartial(table, row, column, merged)
  } else {
    ctx.txn.verify(table, row, column)
    ctx.txn.write(table, row, column, merged)
  }
  ctx.invalidateCache()
}

function remove(ctx: Context): void {
  const { table, column, row, type } = target(ctx)
  if (row === undefined) return
  const old = ctx.txn.read(table, row, column)
  const entries = new Map<Atom, Atom | undefined>()
  old.keys.forEach((key, i) => entries.set(key, old.values?.[i]))
  for (const arg of ctx.argv.slice(4)) {
    const loose: ColumnType = { ...type, min: 1, max: Infinity }
    let removed: Datum
    let keysOnly = false
    try {
      removed = datumFromString(arg, loose, ctx.state.symtab)
    } catch (error) {
      if (!(error instanceof ValueError) || type.value === undefined) throw wrapError(error)
      removed = wrap(() => datumFromString(arg, { key: type.key, min: 1, max: Infinity }, ctx.state.symtab))
      keysOnly = true
    }
    removed.keys.forEach((key, i) => {
      if (entries.has(key) && (keysOnly || type.value === undefined || entries.get(key) === removed.values![i])) entries.delete(key)
    })
  }
  if (entries.size < type.min) {
    throw new VsctlError(`"remove" operation would put ${entries.size} ${type.value === undefined ? 'values' : 'pairs'} in column ${column} of table ${table} but the minimum number is ${type.min}`)
  }
  ctx.txn.verify(table, row, column)
  ctx.txn.write(table, row, column, toDatum(entries, type))
  ctx.invalidateCache()
}

function wrapError(error: unknown): unknown {
  return error instanceof ValueError ? new VsctlError(error.message) : error
}

function toDatum(entries: Map<Atom, Atom | undefined>, type: ColumnType): Datum {
  const keys = [...entries.keys()].sort((a, b) => compareAtoms(a, b, type.key.type))
  return makeDatum(keys, type.value === undefined ? undefined : keys.map((k) => entries.get(k)!), type)
}

function preClear(ctx: PrereqContext): void {
  const table = preGetTable(ctx, ctx.argv[1])
  for (const name of ctx.argv.slice(3)) ctx.prereqs.addColumn(table.name, getColumn(table, name))
}

function clear(ctx: Context): void {
  const table = getTable(ctx.schema, ctx.argv[1])
  const row = getRow(ctx.txn, table, ctx.argv[2], !ctx.has('--if-exists'))
  if (row === undefined) return
  for (const name of ctx.argv.slice(3)) {
    const column = getColumn(table, name)
    checkMutable(ctx, table, row, column)
    const type = ctx.txn.type(table.name, column)
    if (type.min > 0) throw new VsctlError(`"clear" operation cannot be applied to column ${column} of table ${table.name}, which is not allowed to be empty`)
    ctx.txn.write(table.name, row, column, type.value === undefined ? { keys: [] } : { keys: [], values: [] })
  }
  ctx.invalidateCache()
}

function preCreate(ctx: PrereqContext): void {
  const table = getTable(ctx.schema, ctx.argv[1])
  if (!ctx.options.has('--id') && !isRootTable(ctx.schema, table)) {
    ctx.warn('db_ctl_base', `applying "create" command to table ${table.name} without --id option will have no effect`)
  }
}

function create(ctx: Context): void {
  const id = ctx.options.get('--id')
  const table = getTable(ctx.schema, ctx.argv[1])
  let row: string
  if (id !== undefined && uuidFromText(id) !== undefined) {
    row = ctx.txn.insert(table.name, uuidFromText(id), true)
  } else if (id !== undefined) {
    if (!id.startsWith('@')) throw new VsctlError(`row id "${id}" does not begin with "@"`)
    const symbol = ctx.state.symtab.insert(id)
    if (symbol.created) throw new VsctlError(`row id "${id}" may only be specified on one --id option`)
    symbol.created = true
    if (isRootTable(ctx.schema, table)) symbol.strongRef = true
    row = ctx.txn.insert(table.name, symbol.uuid)
  } else {
    row = ctx.txn.insert(table.name)
  }
  for (const arg of ctx.argv.slice(2)) setColumn(ctx, table, row, arg, false)
  ctx.output += row
}

function postCreate(ctx: Context, inserted: ReadonlyMap<string, string>): void {
  const real = inserted.get(ctx.output)
  if (real !== undefined) ctx.output = real
  ctx.output += '\n'
}

function preDestroy(ctx: PrereqContext): void {
  preGetTable(ctx, ctx.argv[1])
}

function destroy(ctx: Context): void {
  const mustExist = !ctx.has('--if-exists')
  const all = ctx.has('--all')
  const table = getTable(ctx.schema, ctx.argv[1])
  if (all && ctx.argv.length > 2) throw new VsctlError('--all and records argument should not be specified together')
  if (all && !mustExist) throw new VsctlError('--all and --if-exists should not be specified together')
  if (!all && ctx.argv.length === 2) {
    ctx.state.log.warn('db_ctl_base', 'either --all or records argument should be specified')
    return
  }
  if (all) {
    for (const row of ctx.txn.rows(table.name)) ctx.txn.delete(table.name, row)
  } else {
    for (const id of ctx.argv.slice(2)) {
      const row = getRow(ctx.txn, table, id, mustExist)
      if (row !== undefined) ctx.txn.delete(table.name, row)
    }
  }
  ctx.invalidateCache()
}

export const DB_WRITE_COMMANDS: readonly CommandSpec[] = [
  { name: 'set', minArgs: 3, maxArgs: Infinity, args: 'TABLE RECORD COLUMN[:KEY]=VALUE...', options: '--if-exists', mode: 'rw', prereq: preSet, run: set },
  { name: 'add', minArgs: 4, maxArgs: Infinity, args: 'TABLE RECORD COLUMN [KEY=]VALUE...', options: '--if-exists', mode: 'rw', prereq: preColumnCommand, run: add },
  { name: 'remove', minArgs: 4, maxArgs: Infinity, args: 'TABLE RECORD COLUMN KEY|VALUE|KEY=VALUE...', options: '--if-exists', mode: 'rw', prereq: preColumnCommand, run: remove },
  { name: 'clear', minArgs: 3, maxArgs: Infinity, args: 'TABLE RECORD COLUMN...', options: '--if-exists', mode: 'rw', prereq: preClear, run: clear },
  { name: 'create', minArgs: 2, maxArgs: Infinity, args: 'TABLE COLUMN[:KEY]=VALUE...', options: '--id=', mode: 'rw', prereq: preCreate, run: create, postprocess: postCreate },
  { name: 'destroy', minArgs: 1, maxArgs: Infinity, args: 'TABLE [RECORD]...', options: '--if-exists,--all', mode: 'rw', prereq: preDestroy, run: destroy },
]
