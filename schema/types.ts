// The OVSDB data model's value types (RFC 7047 §3.2, §5.1): atoms, datums, base/column types and schemas.
// Every other box (protocol, engine, storage, monitors, client) speaks in these shapes; this file
// declares them and nothing else, so that the parsing and printing modules beside it stay small.

/** The five atomic types, as spelled on the wire. */
export const ATOMIC_TYPES = ['integer', 'real', 'boolean', 'string', 'uuid'] as const
export type AtomicType = (typeof ATOMIC_TYPES)[number]

/**
 * A 64-bit OVSDB integer, kept exact. Canonical form: a `number` whenever the value is a safe
 * integer (|v| <= 2^53 - 1), a `bigint` otherwise. Because the two ranges never overlap, `===`
 * is value equality on canonical integers, and `<`/`>` compare mixed number/bigint correctly.
 */
export type Integer = number | bigint

/** A UUID in canonical text form: 36 lowercase characters, `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`. */
export type Uuid = string

/**
 * One atom. Which JS type it has follows from its AtomicType: integer → Integer, real → number,
 * boolean → boolean, string → string, uuid → Uuid.
 */
export type Atom = Integer | boolean | string

/** The reference strength of a uuid base type that names a `refTable`. */
export const REF_TYPES = ['strong', 'weak'] as const
export type RefType = (typeof REF_TYPES)[number]

/** An atomic type with its constraints (RFC 7047 §3.2 <base-type>). Absent members mean "no limit". */
export interface BaseType {
  readonly type: AtomicType
  /** Allowed values, sorted and unique, as atoms of `type`. */
  readonly enum?: readonly Atom[]
  readonly minInteger?: Integer
  readonly maxInteger?: Integer
  readonly minReal?: number
  readonly maxReal?: number
  /** String length bounds, counted in Unicode code points. */
  readonly minLength?: number
  readonly maxLength?: number
  readonly refTable?: string
  /** Meaningful only with `refTable`; defaults to strong. */
  readonly refType?: RefType
}

/**
 * A column type (RFC 7047 §3.2 <type>): a set of `key` atoms, or a map from `key` to `value`
 * atoms, holding between `min` and `max` elements. `max` is `Infinity` for "unlimited".
 * A scalar column is the set with min = max = 1.
 */
export interface ColumnType {
  readonly key: BaseType
  readonly value?: BaseType
  readonly min: 0 | 1
  readonly max: number
}

/**
 * A datum: the value of one column of one row. Always a set or map in canonical form:
 * `keys` sorted ascending by the key type's order with no duplicates, and for maps `values`
 * parallel to `keys`. Scalars are one-element sets. Datums are immutable once built.
 */
export interface Datum {
  readonly keys: readonly Atom[]
  readonly values?: readonly Atom[]
}

/** One column of a table schema (RFC 7047 §3.2 <column-schema>). */
export interface ColumnSchema {
  readonly name: string
  readonly type: ColumnType
  /** Not persisted to storage (still served to clients). */
  readonly ephemeral: boolean
  /** False: the column may be set only by `insert`. */
  readonly mutable: boolean
}

/** One table of a database schema (RFC 7047 §3.2 <table-schema>). */
export interface TableSchema {
  readonly name: string
  /** The user-declared columns, in schema order; `_uuid` and `_version` are implicit and not here. */
  readonly columns: ReadonlyMap<string, ColumnSchema>
  /** Undefined: unlimited. */
  readonly maxRows?: number
  /** As declared; `isRootTable` applies the RFC's "no isRoot anywhere: every table is root" rule. */
  readonly isRoot: boolean
  /** Table-level `mutable` (ovsdb-server extension); absent means true. */
  readonly mutable?: boolean
  /** Each index is a list of column names whose combined value must be unique. */
  readonly indexes: readonly (readonly string[])[]
}

/** A whole database schema (RFC 7047 §3.2 <database-schema>), as parsed from an .ovsschema file. */
export interface DatabaseSchema {
  readonly name: string
  /** "x.y.z"; optional in Open vSwitch 3.1 (empty string when absent). */
  readonly version: string
  /** Carried verbatim, never recomputed (ovsdb-server does the same). */
  readonly cksum?: string
  readonly tables: ReadonlyMap<string, TableSchema>
}

/**
 * Resolves `["named-uuid", name]` while parsing a datum inside a transaction: returns the UUID the
 * name stands for (creating it on first use), or throws an OvsdbError when names are not allowed.
 */
export type NamedUuidResolver = (name: string) => Uuid
