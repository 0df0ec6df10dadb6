// Compares two database schemas table by table, column by column and constraint by constraint,
// describing every difference in one line each. `cli/schema-check.ts` uses it to hold our
// shipped vswitch schema against the one Open vSwitch installs.

import { datumToString } from './atom-text.js'
import { isRootTable } from './database-schema.js'
import type { BaseType, ColumnSchema, DatabaseSchema, TableSchema } from './types.js'

const NONE = '(none)'

/** One line per difference between `ours` and `theirs`; empty when they are equivalent. */
export function diffSchemas(ours: DatabaseSchema, theirs: DatabaseSchema): string[] {
  const lines: string[] = []
  compare(lines, 'schema name', ours.name, theirs.name)
  compare(lines, 'schema version', ours.version, theirs.version)
  compare(lines, 'schema cksum', ours.cksum ?? NONE, theirs.cksum ?? NONE)
  for (const name of unionOfKeys(ours.tables, theirs.tables)) {
    const a = ours.tables.get(name)
    const b = theirs.tables.get(name)
    if (a === undefined || b === undefined) lines.push(`table ${name}: only in ${a ? 'ours' : 'theirs'}`)
    else diffTables(lines, ours, theirs, a, b)
  }
  return lines
}

function diffTables(lines: string[], ours: DatabaseSchema, theirs: DatabaseSchema, a: TableSchema, b: TableSchema): void {
  const where = `table ${a.name}`
  compare(lines, `${where} isRoot`, String(isRootTable(ours, a)), String(isRootTable(theirs, b)))
  compare(lines, `${where} maxRows`, String(a.maxRows ?? 'unlimited'), String(b.maxRows ?? 'unlimited'))
  compare(lines, `${where} mutable`, String(a.mutable !== false), String(b.mutable !== false))
  compare(lines, `${where} indexes`, indexesText(a), indexesText(b))
  for (const name of unionOfKeys(a.columns, b.columns)) {
    const x = a.columns.get(name)
    const y = b.columns.get(name)
    if (x === undefined || y === undefined) lines.push(`${where} column ${name}: only in ${x ? 'ours' : 'theirs'}`)
    else diffColumns(lines, `${where} column ${name}`, x, y)
  }
}

function diffColumns(lines: string[], where: string, a: ColumnSchema, b: ColumnSchema): void {
  compare(lines, `${where} mutable`, String(a.mutable), String(b.mutable))
  compare(lines, `${where} ephemeral`, String(a.ephemeral), String(b.ephemeral))
  compare(lines, `${where} min`, String(a.type.min), String(b.type.min))
  compare(lines, `${where} max`, String(a.type.max), String(b.type.max))
  diffBaseTypes(lines, `${where} key`, a.type.key, b.type.key)
  if (a.type.value === undefined || b.type.value === undefined) {
    compare(lines, `${where} value`, a.type.value ? 'present' : NONE, b.type.value ? 'present' : NONE)
  } else {
    diffBaseTypes(lines, `${where} value`, a.type.value, b.type.value)
  }
}

function diffBaseTypes(lines: string[], where: string, a: BaseType, b: BaseType): void {
  const x = constraintsText(a)
  const y = constraintsText(b)
  for (const member of Object.keys({ ...x, ...y })) compare(lines, `${where} ${member}`, x[member] ?? NONE, y[member] ?? NONE)
}

/** A base type's members as text; absent members are left out. */
function constraintsText(base: BaseType): Record<string, string> {
  const text: Record<string, string> = { type: base.type }
  if (base.enum !== undefined) {
    text.enum = datumToString({ keys: base.enum }, { key: { type: base.type }, min: 1, max: Infinity })
  }
  const members = ['minInteger', 'maxInteger', 'minReal', 'maxReal', 'minLength', 'maxLength', 'refTable', 'refType'] as const
  for (const member of members) if (base[member] !== undefined) text[member] = String(base[member])
  return text
}

function indexesText(table: TableSchema): string {
  const indexes = table.indexes.map((index) => `[${index.join(', ')}]`).sort()
  return indexes.length === 0 ? NONE : indexes.join(' ')
}

function compare(lines: string[], what: string, ours: string, theirs: string): void {
  if (ours !== theirs) lines.push(`${what}: ours ${ours}, theirs ${theirs}`)
}

function unionOfKeys(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])]
}
