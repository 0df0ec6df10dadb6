// Atoms and datums in ovsdb-server's human-readable notation (lib/ovsdb-data.c
// ovsdb_atom_to_string / ovsdb_datum_to_string): used in its constraint error messages
// ("zz is not one of the allowed values ([a, b])") and by ovs-vsctl style output.

import { realToText } from './real-text.js'
import type { Atom, AtomicType, ColumnType, Datum } from './types.js'
import { uuidFromText } from './uuid.js'

/** One atom as ovsdb-server writes it: strings bare when they read unambiguously, else JSON-quoted. */
export function atomToString(atom: Atom, type: AtomicType): string {
  switch (type) {
    case 'real':
      return realToText(atom as number)
    case 'string':
      return stringNeedsQuotes(atom as string) ? JSON.stringify(atom) : (atom as string)
    default:
      return String(atom)
  }
}

/**
 * A datum as ovsdb-server writes it: `[a, b]` for sets, `{k=v}` for maps, a bare atom for a
 * one-element datum of a type whose max is 1; brackets are kept for empty datums.
 */
export function datumToString(datum: Datum, type: ColumnType): string {
  const isMap = type.value !== undefined
  const parts = datum.keys.map((key, i) => {
    const text = atomToString(key, type.key.type)
    return isMap ? `${text}=${atomToString(datum.values![i], type.value!.type)}` : text
  })
  const body = parts.join(', ')
  if (type.max <= 1 && datum.keys.length > 0) return body
  return isMap ? `{${body}}` : `[${body}]`
}

/** OVS quotes a string unless it is an <id>-like word (also allowing `-` and `.`) that is not a boolean or UUID. */
function stringNeedsQuotes(text: string): boolean {
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(text)) return true
  if (text === 'true' || text === 'false') return true
  return uuidFromText(text) !== undefined
}
