// Typed reads of replica rows for desired.ts and status.ts: scalars, optional values, string maps and
// uuid sets out of the schema's canonical Datums. Absent columns read as their defaults.

import type { Atom, Datum, Integer } from '../schema/index.js'
import type { RowData } from '../client/index.js'

/** The one atom of a scalar or optional column, or undefined when the column is empty or absent. */
export function readAtom(row: RowData, column: string): Atom | undefined {
  const datum = row.get(column)
  return datum === undefined || datum.keys.length === 0 ? undefined : datum.keys[0]
}

/** A string column (`""` when empty). */
export function readString(row: RowData, column: string): string {
  const atom = readAtom(row, column)
  return typeof atom === 'string' ? atom : ''
}

/** An integer column, or undefined when empty. */
export function readInteger(row: RowData, column: string): Integer | undefined {
  const atom = readAtom(row, column)
  return typeof atom === 'number' || typeof atom === 'bigint' ? atom : undefined
}

/** A boolean column (false when empty). */
export function readBoolean(row: RowData, column: string): boolean {
  return readAtom(row, column) === true
}

/** A string→string map column as a plain frozen record (keys in the datum's sorted order). */
export function readStringMap(row: RowData, column: string): Readonly<Record<string, string>> {
  return datumToRecord(row.get(column))
}

/** A set column's atoms (uuids for reference sets). */
export function readSet(row: RowData, column: string): readonly Atom[] {
  return row.get(column)?.keys ?? []
}

/** A map Datum as a frozen record of strings. */
export function datumToRecord(datum: Datum | undefined): Readonly<Record<string, string>> {
  const record: Record<string, string> = {}
  if (datum?.values !== undefined) datum.keys.forEach((key, i) => (record[String(key)] = String(datum.values![i])))
  return Object.freeze(record)
}
