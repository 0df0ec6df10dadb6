// UUID normalisation for differential tests: real UUIDs (random per server run) become `<N>` in
// order of first appearance, `_version` values become "<version>", and outputs that ovsdb-server
// emits in hash order are put in a canonical order, so that two servers' replies compare equal.
//
// What is hash-ordered (and therefore sorted here), as ovsdb-server 3.1 produces it:
// - the `rows` of a select result (ovsdb_query walks the table's hash map);
// - sets of UUIDs and maps keyed by UUID: datums are sorted by atom, but for UUIDs that order
//   follows the random UUID values, so after renaming it is arbitrary.
// Sets and maps of other atom types are NOT re-sorted: their order is part of the wire contract.
// Object members are compared by name (JSON member order carries no meaning).
// UUID numbering walks that canonical order (object members by name, rows and UUID sets sorted by
// their text with already-numbered UUIDs substituted), so it does not depend on hash order either,
// except for rows that differ only in UUIDs never seen before (none in practice: every row's UUID
// is first returned by the insert that created it).
// - the two rows an index-uniqueness violation names ("First row, with UUID a, ...  Second row,
//   with UUID b, ..."): ovsdb-server finds the clash in hash order, so the two clauses are put in
//   text order (their descriptions, "was inserted by this transaction" etc., stay with their row).
// The elapsed time in `"wait" timed out after N ms` is wall-clock and becomes `<ms>`.
// The all-zeros UUID (the default of a uuid column) is not random and stays as it is.

import { jsonToText } from '../../schema/index.js'

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g
const ZERO_UUID = '00000000-0000-0000-0000-000000000000'
const PLACEHOLDER = /^<(\d+)>$/
const WAIT_TIMED_OUT = /^"wait" timed out after \d+ ms$/
const INDEX_CLASH = /^(.*)  First row, with UUID (\S+), (.*)\.  Second row, with UUID (\S+), (.*)\.$/s

/** The placeholder for an ovsdb-server `_version` UUID. */
export const VERSION_PLACEHOLDER = '<version>'

type Lookup = (uuid: string) => string

/**
 * One transcript's numbering of UUIDs. `resolve` turns placeholders in a request into the UUIDs
 * they stand for; `normalize` numbers new UUIDs in a reply and rewrites it canonically.
 */
export class UuidNormalizer {
  private readonly numbers = new Map<string, number>()
  private readonly uuids: string[] = []

  /**
   * Replaces every string that is exactly `<N>` (e.g. in `["uuid","<N>"]` or an insert's "uuid"
   * member) by the N-th UUID seen; an N not seen yet becomes a fixed UUID that names no row.
   */
  resolve(value: unknown): unknown {
    return mapJson(value, (s) => {
      const match = PLACEHOLDER.exec(s)
      if (!match) return s
      const n = Number(match[1])
      return this.uuids[n] ?? `ffffffff-ffff-4fff-bfff-${String(n).padStart(12, '0')}`
    })
  }

  /** Numbers the UUIDs of `reply` not seen before and returns its canonical normalised form. */
  normalize(reply: unknown): unknown {
    this.register(reply)
    return rewrite(reply, (uuid) => (uuid === ZERO_UUID ? uuid : `<${this.numbers.get(uuid) ?? '?'}>`))
  }

  /** How many UUIDs have been numbered so far. */
  get size(): number {
    return this.uuids.length
  }

  /** The UUID numbered `n`, if any. */
  uuid(n: number): string | undefined {
    return this.uuids[n]
  }

  private register(value: unknown): void {
    if (typeof value === 'string') {
      for (const match of value.matchAll(UUID)) this.add(match[0])
    } else if (Array.isArray(value)) {
      for (const element of this.canonicalOrder(value)) this.register(element)
    } else if (isObject(value)) {
      for (const key of Object.keys(value).sort()) {
        if (key === '_version') continue
        const member = value[key]
        this.register(key === 'rows' && Array.isArray(member) ? this.sortedByKnown(member) : member)
      }
    }
  }

  private canonicalOrder(array: readonly unknown[]): readonly unknown[] {
    if (isUuidCollection(array)) return [array[0], this.sortedByKnown(array[1] as unknown[])]
    return array
  }

  private sortedByKnown(elements: readonly unknown[]): unknown[] {
    const known: Lookup = (uuid) => (uuid === ZERO_UUID ? uuid : this.numbers.has(uuid) ? `<${this.numbers.get(uuid)}>` : '?')
    return sortByText(elements, (e) => rewrite(e, known))
  }

  private add(uuid: string): void {
    if (uuid === ZERO_UUID || this.numbers.has(uuid)) return
    this.numbers.set(uuid, this.uuids.length)
    this.uuids.push(uuid)
  }
}

/** The canonical normalised form of `value`, with `lookup` naming each UUID. */
function rewrite(value: unknown, lookup: Lookup): unknown {
  if (typeof value === 'string') {
    return WAIT_TIMED_OUT.test(value) ? '"wait" timed out after <ms> ms' : orderIndexClash(value.replace(UUID, lookup))
  }
  if (Array.isArray(value)) {
    const elements = value.map((e) => rewrite(e, lookup))
    return isUuidCollection(value) ? [elements[0], sortByText(elements[1] as unknown[], (e) => e)] : elements
  }
  if (!isObject(value)) return value
  const object: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) {
    const member = key === '_version' ? VERSION_PLACEHOLDER : rewrite(value[key], lookup)
    object[key] = key === 'rows' && Array.isArray(member) ? sortByText(member, (e) => e) : member
  }
  return object
}

/** An index-uniqueness details string with its two row clauses in text order. */
function orderIndexClash(details: string): string {
  const match = INDEX_CLASH.exec(details)
  if (!match) return details
  const [, head, uuid1, what1, uuid2, what2] = match
  const [first, second] = [[uuid1, what1], [uuid2, what2]].sort((a, b) => (a.join() < b.join() ? -1 : 1))
  return `${head}  First row, with UUID ${first[0]}, ${first[1]}.  Second row, with UUID ${second[0]}, ${second[1]}.`
}

/** True for `["set", [uuid atoms...]]` and `["map", [[uuid atom, value]...]]`. */
function isUuidCollection(array: readonly unknown[]): boolean {
  if (array.length !== 2 || !Array.isArray(array[1]) || array[1].length === 0) return false
  const first: unknown = array[1][0]
  if (array[0] === 'set') return isUuidAtom(first)
  return array[0] === 'map' && Array.isArray(first) && isUuidAtom(first[0])
}

function isUuidAtom(value: unknown): boolean {
  return Array.isArray(value) && value.length === 2 && value[0] === 'uuid'
}

function sortByText<T>(elements: readonly T[], key: (element: T) => unknown): T[] {
  const keyed = elements.map((element) => ({ element, text: jsonToText(key(element)) }))
  keyed.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
  return keyed.map((k) => k.element)
}

/** A copy of `value` with every string (not object member names) passed through `f`. */
export function mapJson(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value)
  if (Array.isArray(value)) return value.map((e) => mapJson(e, f))
  if (!isObject(value)) return value
  const object: Record<string, unknown> = {}
  for (const [key, member] of Object.entries(value)) object[key] = mapJson(member, f)
  return object
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * For comparisons over random transactions: when a commit-time error (the extra element after
 * one result per op) names rows, ovsdb-server picks the row it reports in hash order whenever
 * several rows are at fault (dangling refs, remaining refs, emptied weak columns), so its
 * `details` are replaced by a fixed text and only the error tag is compared. Details without a
 * UUID (maxRows) are kept. Must run before `normalize`, so that UUID numbering stays in step.
 */
export function maskHashOrderedDetails(result: unknown, opCount: number): unknown {
  if (!Array.isArray(result) || result.length <= opCount) return result
  const error = result[result.length - 1] as { details?: unknown }
  if (typeof error !== 'object' || error === null || typeof error.details !== 'string') return result
  if (error.details.search(UUID) < 0) return result
  return [...result.slice(0, -1), { ...error, details: '<names rows in hash order>' }]
}
