// Mutations (RFC 7047 §5.1 <mutation>, OVS ovsdb/mutation.c): parsing `mutations` with
// ovsdb-server's type rules and errors, and applying them to a draft row. Arithmetic follows
// int64 and IEEE double semantics with ovsdb-server's overflow checks (integer-math.ts).

import {
  checkAtomConstraints,
  columnTypeToEnglish,
  datumFromJson,
  isMapType,
  isScalarType,
  isSetType,
  makeDatum,
  OvsdbError,
  type Atom,
  type ColumnSchema,
  type ColumnType,
  type Datum,
  type NamedUuidResolver,
  type TableSchema,
} from '../../schema/index.js'
import { findColumn } from './columns.js'
import { subtract, union } from './datum-ops.js'
import { ovsdbError, syntaxError } from './errors.js'
import { applyArithmetic, type Arithmetic } from './integer-math.js'
import type { DraftRow } from './row.js'

/** Mutators as spelled on the wire (RFC 7047 §5.1). */
export const MUTATORS = ['+=', '-=', '*=', '/=', '%=', 'insert', 'delete'] as const
export type Mutator = (typeof MUTATORS)[number]

/** One parsed mutation; `byPair` marks a map `delete` whose argument is a map (pairs, not keys). */
export interface Mutation {
  readonly column: ColumnSchema
  readonly mutator: Mutator
  readonly arg: Datum
  readonly byPair: boolean
}

/**
 * Parses a `mutations` array against `table`. Throws `syntax error` ("Parse error in mutation.",
 * "Type mismatch: ..."), `unknown column`, `unknown mutator`, `constraint violation` for an
 * immutable column, and whatever parsing the argument throws.
 */
export function parseMutations(table: TableSchema, json: readonly unknown[], resolve: NamedUuidResolver): Mutation[] {
  return json.map((mutation) => parseMutation(table, mutation, resolve))
}

/**
 * Applies `mutations` in order to `row` (a draft the caller owns). Throws `domain error`,
 * `range error` or `constraint violation` as ovsdb-server does; the draft is then discarded.
 */
export function applyMutations(row: DraftRow, mutations: readonly Mutation[]): void {
  for (const mutation of mutations) {
    const name = mutation.column.name
    row.fields[name] = mutate(row.fields[name], mutation)
  }
}

function parseMutation(table: TableSchema, json: unknown, resolve: NamedUuidResolver): Mutation {
  if (!Array.isArray(json) || json.length !== 3 || typeof json[0] !== 'string' || typeof json[1] !== 'string') {
    throw syntaxError(json, 'Parse error in mutation.')
  }
  const [name, mutatorName, argJson] = json as [string, string, unknown]
  const column = findColumn(table, name)
  if (column === undefined) throw syntaxError(json, `No column ${name} in table ${table.name}.`, 'unknown column')
  if (!column.mutable) {
    throw syntaxError(json, `Cannot mutate immutable column ${name} in table ${table.name}.`, 'constraint violation')
  }
  if (!(MUTATORS as readonly string[]).includes(mutatorName)) {
    throw ovsdbError('unknown mutator', `No mutator named ${mutatorName}.`)
  }
  const mutator = mutatorName as Mutator
  const type = column.type
  if (mutator === 'insert' || mutator === 'delete') {
    if (!isSetType(type) && !isMapType(type)) throw typeMismatch(json, column, mutator)
    return parseSetArgument(column, mutator, argJson, resolve)
  }
  const numeric = type.key.type === 'integer' || (type.key.type === 'real' && mutator !== '%=')
  if ((!isScalarType(type) && !isSetType(type)) || !numeric) throw typeMismatch(json, column, mutator)
  const argType: ColumnType = { key: { type: type.key.type }, min: 1, max: 1 }
  return { column, mutator, arg: datumFromJson(argJson, argType, resolve), byPair: false }
}

/** `insert`/`delete` arguments: the column type with min 0 (and, for delete, no max); map delete also takes a key set. */
function parseSetArgument(
  column: ColumnSchema,
  mutator: Mutator,
  argJson: unknown,
  resolve: NamedUuidResolver,
): Mutation {
  const type: ColumnType = { ...column.type, min: 0, max: mutator === 'delete' ? Infinity : column.type.max }
  try {
    return { column, mutator, arg: datumFromJson(argJson, type, resolve), byPair: isMapType(type) }
  } catch (error) {
    if (!(error instanceof OvsdbError) || !isMapType(type) || mutator !== 'delete') throw error
  }
  const keysOnly: ColumnType = { key: type.key, min: 0, max: Infinity }
  return { column, mutator, arg: datumFromJson(argJson, keysOnly, resolve), byPair: false }
}

function typeMismatch(json: unknown, column: ColumnSchema, mutator: Mutator): OvsdbError {
  return syntaxError(
    json,
    `Type mismatch: "${mutator}" operator may not be applied to column ${column.name} of type ${columnTypeToEnglish(column.type)}.`,
  )
}

function mutate(datum: Datum, mutation: Mutation): Datum {
  const type = mutation.column.type
  switch (mutation.mutator) {
    case 'insert':
      return checkCount(union(datum, mutation.arg, type), type)
    case 'delete':
      return checkCount(subtract(datum, mutation.arg, type, mutation.byPair), type)
    default:
      return mutateScalars(datum, mutation.mutator, mutation.arg.keys[0], type)
  }
}

/** Applies arithmetic to every atom, then re-checks constraints and uniqueness (OVS mutate_scalar). */
function mutateScalars(datum: Datum, mutator: Arithmetic, operand: Atom, type: ColumnType): Datum {
  const keys = datum.keys.map((atom) => applyArithmetic(mutator, atom, operand, type.key.type))
  for (const key of keys) checkAtomConstraints(key, type.key)
  try {
    return makeDatum(keys, undefined, type)
  } catch {
    throw ovsdbError('constraint violation', `Result of "${mutator}" operation contains duplicates.`)
  }
}

function checkCount(datum: Datum, type: ColumnType): Datum {
  const n = datum.keys.length
  if (n < type.min || n > type.max) {
    throw ovsdbError('constraint violation', `Attempted to store ${n} elements in ${columnTypeToEnglish(type)}.`)
  }
  return datum
}
