// OVSDB integers are exact signed 64-bit values. This file holds the int64 range and the rule that
// decides which JSON numbers ovsdb-server's parser treats as integers: any integral value that
// fits in int64 ("5.0" and "1e3" included); anything else is a real.

import type { Integer } from './types.js'

export const INT64_MIN = -(2n ** 63n)
export const INT64_MAX = 2n ** 63n - 1n
/** ovsdb-server's UINT_MAX, which it prints for "unlimited" counts and lengths. */
export const UINT_MAX = 4294967295

const TWO_63 = 2 ** 63

/** The canonical Integer for an exact value: a number when it is a safe integer, else the bigint. */
export function canonicalInteger(value: bigint): Integer {
  return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value
}

/**
 * The canonical Integer a parsed JSON number stands for, or undefined when ovsdb-server would
 * parse it as a real (non-integral, or outside int64) or when it is not a number at all.
 */
export function jsonInteger(json: unknown): Integer | undefined {
  if (typeof json === 'number') {
    if (Number.isSafeInteger(json)) return json
    if (Number.isInteger(json) && json >= -TWO_63 && json < TWO_63) return canonicalInteger(BigInt(json))
    return undefined
  }
  if (typeof json === 'bigint' && json >= INT64_MIN && json <= INT64_MAX) return canonicalInteger(json)
  return undefined
}

/** True when `json` is a JSON number (number or bigint); integers count. */
export function isJsonNumber(json: unknown): json is number | bigint {
  return typeof json === 'number' || typeof json === 'bigint'
}
