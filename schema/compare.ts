// The total order on atoms that keeps datums canonical (lib/ovsdb-data.c ovsdb_atom_compare_3way):
// numbers numerically, false before true, strings in UTF-8 byte order, UUIDs by their text.

import { compareStrings } from './string-order.js'
import type { Atom, AtomicType } from './types.js'

/** Negative, zero or positive as atom `a` sorts before, equal to or after `b`; both of `type`. */
export function compareAtoms(a: Atom, b: Atom, type: AtomicType): number {
  if (type === 'string') return compareStrings(a as string, b as string)
  if (a === b) return 0
  return a < b ? -1 : 1
}
