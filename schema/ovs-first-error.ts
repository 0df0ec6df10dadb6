// Which of several problems in one JSON object ovsdb-server reports: it parses an object into a
// hash table and walks that (lib/shash.c), so the member whose error it meets first is the first
// in its hash order (ovs-hash-order.ts), not in the order the client wrote. Objects are walked in
// their own order first; only when that finds an error is the walk redone in ovsdb-server's order,
// so valid input pays nothing.

import { ovsTableOrder } from './ovs-hash-order.js'

/**
 * Calls `visit` on each member of `object`. When a call throws, walks the members again in
 * ovsdb-server's order and throws the first error met there. `visit` must leave nothing behind
 * that outlives a thrown error.
 */
export function visitMembersAsOvs(object: Readonly<Record<string, unknown>>, visit: (name: string, value: unknown) => void): void {
  const names = Object.keys(object)
  try {
    for (const name of names) visit(name, object[name])
  } catch (error) {
    for (const name of ovsTableOrder(names)) visit(name, object[name])
    throw error
  }
}

/** The members of `object` not in `used`, the one ovsdb-server names first at the head. */
export function unusedMembersAsOvs(object: Readonly<Record<string, unknown>>, used: { has(name: string): boolean }): string[] {
  const names = Object.keys(object)
  return names.every((name) => used.has(name)) ? [] : ovsTableOrder(names).filter((name) => !used.has(name))
}
