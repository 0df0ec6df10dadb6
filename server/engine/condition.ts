// Conditions (RFC 7047 §5.1 <condition>, OVS ovsdb/condition.c): parsing `where` clauses with
// ovsdb-server's type rules and errors, and evaluating them on rows. The OVS extensions are
// supported: `true`/`false` literal clauses, and <, <=, >, >= on optional scalars (false when empty).

import {
  columnTypeToEnglish,
  compareAtoms,
  datumEquals,
  datumFromJson,
  isOptionalScalarType,
  isScalarType,
  type ColumnSchema,
  type ColumnType,
  type Datum,
  type NamedUuidResolver,
  type TableSchema,
} from '../../schema/index.js'
import { findColumn } from './columns.js'
import { excludesAll, includesAll } from './datum-ops.js'
import { ovsdbError, syntaxError } from './errors.js'
import { rowDatum, type Row } from './row.js'

/** Condition functions as spelled on the wire (RFC 7047 §5.1). */
export const FUNCTIONS = ['<', '<=', '==', '!=', '>=', '>', 'includes', 'excludes'] as const
export type ConditionFunction = (typeof FUNCTIONS)[number]

/** One parsed clause: a function of a column and an argument, or a constant. */
export type Clause =
  | { readonly kind: 'constant'; readonly value: boolean }
  | { readonly kind: 'compare'; readonly column: ColumnSchema; readonly fn: ConditionFunction; readonly arg: Datum }

const ORDERING: ReadonlySet<string> = new Set(['<', '<=', '>=', '>'])

/**
 * Parses a `where` array (already known to be an array) against `table`. Throws `syntax error`
 * ("Parse error in condition.", "Type mismatch: ..."), `unknown column`, `unknown function`, and
 * whatever parsing the argument with the column's constraints throws.
 */
export function parseCondition(table: TableSchema, where: readonly unknown[], resolve: NamedUuidResolver): Clause[] {
  return where.map((json) => parseClause(table, json, resolve))
}

/** True when `row` satisfies every clause (an empty condition matches every row). */
export function matches(row: Row, clauses: readonly Clause[]): boolean {
  for (const clause of clauses) if (!evaluate(row, clause)) return false
  return true
}

function parseClause(table: TableSchema, json: unknown, resolve: NamedUuidResolver): Clause {
  if (typeof json === 'boolean') return { kind: 'constant', value: json }
  if (!Array.isArray(json) || json.length !== 3 || typeof json[0] !== 'string' || typeof json[1] !== 'string') {
    throw syntaxError(json, 'Parse error in condition.')
  }
  const [name, fnName, argJson] = json as [string, string, unknown]
  const column = findColumn(table, name)
  if (column === undefined) throw syntaxError(json, `No column ${name} in table ${table.name}.`, 'unknown column')
  if (!(FUNCTIONS as readonly string[]).includes(fnName)) {
    throw ovsdbError('unknown function', `No function named ${fnName}.`)
  }
  const fn = fnName as ConditionFunction
  const argType = argumentType(json, column, fn)
  return { kind: 'compare', column, fn, arg: datumFromJson(argJson, argType, resolve) }
}

/** The type the argument is parsed with: the column's, relaxed as ovsdb_clause_from_json does. */
function argumentType(json: unknown, column: ColumnSchema, fn: ConditionFunction): ColumnType {
  const type = column.type
  if (ORDERING.has(fn)) {
    const numeric = type.key.type === 'integer' || type.key.type === 'real'
    if (!(isScalarType(type) || isOptionalScalarType(type)) || !numeric) {
      throw syntaxError(
        json,
        `Type mismatch: "${fn}" operator may not be applied to column ${column.name} of type ${columnTypeToEnglish(type)}.`,
      )
    }
    return { ...type, min: 1 }
  }
  if (fn === 'excludes' && !isScalarType(type)) return { ...type, min: 0, max: Infinity }
  if (fn === 'includes' && !isScalarType(type)) return { ...type, min: 0 }
  return type
}

function evaluate(row: Row, clause: Clause): boolean {
  if (clause.kind === 'constant') return clause.value
  const { column, fn, arg } = clause
  const type = column.type
  const field = rowDatum(row, column.name)
  const scalarLike = isScalarType(type) || isOptionalScalarType(type)
  if (scalarLike && field.keys.length === 0 && ORDERING.has(fn)) return false
  if (scalarLike && field.keys.length === 1 && arg.keys.length === 1) {
    return compareScalar(compareAtoms(field.keys[0], arg.keys[0], type.key.type), fn)
  }
  switch (fn) {
    case '==':
      return datumEquals(field, arg)
    case '!=':
      return !datumEquals(field, arg)
    case 'includes':
      return includesAll(arg, field, type)
    case 'excludes':
      return excludesAll(arg, field, type)
    default:
      return false
  }
}

function compareScalar(order: number, fn: ConditionFunction): boolean {
  switch (fn) {
    case '<':
      return order < 0
    case '<=':
      return order <= 0
    case '==':
    case 'includes':
      return order === 0
    case '!=':
    case 'excludes':
      return order !== 0
    case '>=':
      return order >= 0
    case '>':
      return order > 0
  }
}
