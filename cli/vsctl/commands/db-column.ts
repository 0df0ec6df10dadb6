// Column arguments of the database commands (lib/db-ctl-base.c parse_column_key_value,
// set_column, check_condition): `COLUMN[:KEY][OP VALUE]` with abbreviated column names, writing
// one column or one map key, and evaluating find/wait-until conditions.

import { compareDatums, makeDatum } from '../../../schema/index.js'
import type { ColumnType, Datum, TableSchema } from '../../../schema/index.js'
import type { Context } from '../context.js'
import { VsctlError } from '../errors.js'
import { getColumn } from '../names.js'
import { atomFromString, datumFromString, parseToken, ValueError } from '../values.js'

/** The parts of a `COLUMN[:KEY][OP VALUE]` argument. */
export interface ColumnArg {
  readonly column: string
  readonly key: string | undefined
  readonly operator: string | undefined
  readonly value: string | undefined
}

/**
 * Splits `arg` (parse_column_key_value). With `operators`, an operator and value must follow (the
 * longest operator that matches and is followed by something wins); without, nothing may follow.
 */
export function parseColumnArg(arg: string, table: TableSchema, operators?: readonly string[]): ColumnArg {
  const name = wrap(() => parseToken(arg, 0))
  if (name.token === '') throw new VsctlError(`${arg}: missing column name`)
  const column = getColumn(table, name.token)
  let p = name.pos
  let key: string | undefined
  if (arg[p] === ':') {
    const parsed = wrap(() => parseToken(arg, p + 1))
    key = parsed.token
    p = parsed.pos
  }
  if (operators === undefined) {
    if (p < arg.length) throw new VsctlError(`${arg}: trailing garbage "${arg.slice(p)}" in argument`)
    return { column, key, operator: undefined, value: undefined }
  }
  let best: string | undefined
  for (const op of operators) {
    if ((best === undefined || op.length > best.length) && arg.startsWith(op, p) && p + op.length < arg.length) best = op
  }
  if (best === undefined) throw new VsctlError(missingOperator(arg, operators))
  return { column, key, operator: best, value: arg.slice(p + best.length) }
}

function missingOperator(arg: string, ops: readonly string[]): string {
  const quoted = ops.map((op) => `"${op}"`)
  const list = quoted.length === 1 ? quoted[0] : quoted.length === 2 ? `${quoted[0]} or ${quoted[1]}` : `${quoted.slice(0, -1).join(', ')}, or ${quoted[quoted.length - 1]}`
  return `${arg}: argument does not end in ${list} followed by a value.`
}

/** Runs `f`, turning a ValueError into the VsctlError ovs-vsctl reports. */
export function wrap<T>(f: () => T): T {
  try {
    return f()
  } catch (error) {
    if (error instanceof ValueError) throw new VsctlError(error.message)
    throw error
  }
}

/** Throws unless `column` may be written in `row` (check_mutable). */
export function checkMutable(ctx: Context, table: TableSchema, row: string, column: string): void {
  if (!ctx.txn.isMutable(table.name, row, column)) throw new VsctlError(`cannot modify read-only column ${column} in table ${table.name}`)
}

/**
 * `COLUMN[:KEY]=VALUE` on `row` (set_column). A key sets one map entry — with a partial `mutate`
 * when `partial` (the last command), else by rewriting the verified map.
 */
export function setColumn(ctx: Context, table: TableSchema, row: string, arg: string, partial: boolean): void {
  const { column, key, value } = parseColumnArg(arg, table, ['='])
  if (value === undefined) throw new VsctlError(`${arg}: missing value`)
  checkMutable(ctx, table, row, column)
  const type = ctx.txn.type(table.name, column)
  const symtab = ctx.state.symtab
  if (key === undefined) {
    ctx.txn.write(table.name, row, column, wrap(() => datumFromString(value, type, symtab)))
    return
  }
  if (type.value === undefined) throw new VsctlError(`cannot specify key to set for non-map column ${column}`)
  const keyAtom = wrap(() => atomFromString(key, type.key, symtab))
  const valueAtom = wrap(() => atomFromString(value, type.value!, symtab))
  if (partial) {
    ctx.txn.writePartial(table.name, row, column, { keys: [keyAtom], values: [valueAtom] })
    return
  }
  const old = ctx.txn.read(table.name, row, column)
  const keys = [keyAtom, ...old.keys.filter((k) => k !== keyAtom)]
  const values = [valueAtom, ...old.values!.filter((_, i) => old.keys[i] !== keyAtom)]
  ctx.txn.verify(table.name, row, column)
  ctx.txn.write(table.name, row, column, makeDatum(keys, values, type))
}

/** The relational operators of find and wait-until, in db-ctl-base.c's order. */
export const RELOPS = ['=', '!=', '<', '>', '<=', '>=', '{=}', '{!=}', '{<}', '{>}', '{<=}', '{>=}', '{in}', '{not-in}'] as const

/** True when `row` satisfies the condition `arg` (check_condition). */
export function checkCondition(ctx: Context, table: TableSchema, row: string, arg: string): boolean {
  const { column, key, operator, value } = parseColumnArg(arg, table, RELOPS)
  if (value === undefined) throw new VsctlError(`${arg}: missing value`)
  const type = ctx.txn.type(table.name, column)
  const unbounded: ColumnType = { ...type, max: Infinity }
  const have = ctx.txn.read(table.name, row, column)
  const symtab = ctx.state.symtab
  if (key === undefined) {
    const want = wrap(() => datumFromString(value, type, symtab))
    return evaluate(have, want, unbounded, operator!)
  }
  if (type.value === undefined) throw new VsctlError(`cannot specify key to check for non-map column ${column}`)
  const keyAtom = wrap(() => atomFromString(key, type.key, symtab))
  const valueType: ColumnType = { key: type.value, min: type.min, max: Infinity }
  const want = wrap(() => datumFromString(value, valueType, symtab))
  const i = have.keys.indexOf(keyAtom)
  if (i < 0 && !operator!.startsWith('{')) return false
  const a: Datum = i < 0 ? { keys: [] } : { keys: [have.values![i]] }
  return evaluate(a, want, valueType, operator!)
}

function evaluate(a: Datum, b: Datum, type: ColumnType, op: string): boolean {
  const cmp = (): number => compareDatums(a, b, type)
  switch (op) {
    case '=': case '{=}': return cmp() === 0
    case '!=': case '{!=}': return cmp() !== 0
    case '<': return cmp() < 0
    case '>': return cmp() > 0
    case '<=': return cmp() <= 0
    case '>=': return cmp() >= 0
    case '{<}': return b.keys.length > a.keys.length && includesAll(a, b, type)
    case '{>}': return a.keys.length > b.keys.length && includesAll(b, a, type)
    case '{<=}': case '{in}': return includesAll(a, b, type)
    case '{>=}': return includesAll(b, a, type)
    default: return a.keys.every((key, i) => !contains(b, key, a.values?.[i], type))
  }
}

/** Every element of `a` is in `b` (ovsdb_datum_includes_all). */
function includesAll(a: Datum, b: Datum, type: ColumnType): boolean {
  return a.keys.every((key, i) => contains(b, key, a.values?.[i], type))
}

function contains(datum: Datum, key: unknown, value: unknown, type: ColumnType): boolean {
  const i = datum.keys.indexOf(key as never)
  return i >= 0 && (type.value === undefined || datum.values![i] === value)
}
