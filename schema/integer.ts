// OVSDB integers are exact signed 64-bit values. This file holds the int64 range and the rule that
// decides which parsed JSON numbers are integers: a safe-integer `number` or an int64 `bigint`.
// The exact parser (protocol/) already reads "5.0" and "1e3" as integers, as ovsdb-server does,
// and returns every integer beyond 2^53 as a bigint, so any other `number` is a real.

import type { Integer } from './types.js'

export const INT64_MIN = -(2n ** 63n)
export const INT64_MAX = 2n ** 63n - 1n
/** ovsdb-server's UINT_MAX, which it prints for "unlimited" counts and lengths. */
export const UINT_MAX = 4294967295

/** The canonical Integer for an exact value: a number when it is a safe integer, else the bigint. */
export function canonicalInteger(value: bigint): Integer {
  return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value
}

/**
 * The canonical Integer a parsed JSON number stands for, or undefined when it is a real (a
 * `number` that is not a safe integer, or a bigint outside int64) or not a number at all.
 */
export function jsonInteger(json: unknown): Integer | undefined {
  if (typeof json === 'number') return Number.isSafeInteger(json) ? json + 0 : undefined
  if (typeof json === 'bigint' && json >= INT64_MIN && json <= INT64_MAX) return canonicalInteger(json)
  return undefined
}
