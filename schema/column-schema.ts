// Column schemas in JSON (RFC 7047 §3.2 <column-schema>): `type`, `mutable`, `ephemeral`, read
// and printed as ovsdb-server does (ovsdb/column.c): weak references are forced mutable, and
// only non-default flags are printed.

import { columnTypeFromJson, columnTypeToJson } from './column-type.js'
import { MemberParser } from './member-parser.js'
import type { BaseType, ColumnSchema } from './types.js'

/** Parses the schema of column `name`; throws `syntax error` ("Parsing schema for column x failed: ..."). */
export function columnSchemaFromJson(json: unknown, name: string): ColumnSchema {
  const parser = new MemberParser(json, `schema for column ${name}`)
  const mutable = parser.optional('mutable', ['boolean'])
  const ephemeral = parser.optional('ephemeral', ['boolean'])
  const typeJson = parser.required('type', ['string', 'object'])
  parser.finish()
  const type = columnTypeFromJson(typeJson)
  return {
    name,
    type,
    ephemeral: ephemeral === true,
    mutable: mutable !== false || isWeakRef(type.key) || isWeakRef(type.value),
  }
}

/** The <column-schema> JSON ovsdb-server prints: `mutable` only when false, `ephemeral` only when true. */
export function columnSchemaToJson(column: ColumnSchema): unknown {
  const json: Record<string, unknown> = {}
  if (!column.mutable) json.mutable = false
  if (column.ephemeral) json.ephemeral = true
  json.type = columnTypeToJson(column.type)
  return json
}

/** A weak reference: a uuid base type naming a refTable with refType weak. */
export function isWeakRef(base: BaseType | undefined): boolean {
  return base !== undefined && base.refTable !== undefined && base.refType === 'weak'
}

/** A strong reference: a uuid base type naming a refTable with refType strong (the default). */
export function isStrongRef(base: BaseType | undefined): boolean {
  return base !== undefined && base.refTable !== undefined && base.refType !== 'weak'
}
