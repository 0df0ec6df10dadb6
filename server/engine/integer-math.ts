// The arithmetic mutators on one atom (OVS ovsdb/mutation.c): int64 with ovsdb-server's exact
// overflow checks (Hacker's Delight tests, including their quirks) and doubles that must stay
// finite. Errors are `domain error` "Division by zero." and `range error` "... out of range.".

import type { Atom, AtomicType } from '../../schema/index.js'
import { ovsdbError } from './errors.js'

/** The arithmetic mutators. */
export type Arithmetic = '+=' | '-=' | '*=' | '/=' | '%='

const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n

/** `x <mutator> y` for atoms of `type` (integer or real); throws domain/range errors as ovsdb-server. */
export function applyArithmetic(mutator: Arithmetic, x: Atom, y: Atom, type: AtomicType): Atom {
  if (type === 'real') return realResult(mutator, realOp(mutator, x as number, y as number))
  const result = integerOp(mutator, BigInt(x as number | bigint), BigInt(y as number | bigint))
  if (result === undefined) throw rangeError(mutator)
  return canonical(result)
}

function realOp(mutator: Arithmetic, x: number, y: number): number {
  switch (mutator) {
    case '+=':
      return x + y
    case '-=':
      return x - y
    case '*=':
      return x * y
    default:
      if (y === 0) throw ovsdbError('domain error', 'Division by zero.')
      return x / y
  }
}

function realResult(mutator: Arithmetic, value: number): number {
  if (!Number.isFinite(value)) throw rangeError(mutator)
  return value
}

/** The int64 result, or undefined when ovsdb-server reports it out of range. */
function integerOp(mutator: Arithmetic, x: bigint, y: bigint): bigint | undefined {
  switch (mutator) {
    case '+=':
      return inRange(x + y)
    case '-=':
      return inRange(x - y)
    case '*=':
      return multiply(x, y)
    case '/=':
      checkDivision(mutator, x, y)
      return x / y
    case '%=':
      checkDivision(mutator, x, y)
      return x % y
  }
}

function inRange(value: bigint): bigint | undefined {
  return value < INT64_MIN || value > INT64_MAX ? undefined : value
}

/**
 * ovsdb-server's mul_int test, quirks kept: it rejects x*y when x >= INT64_MAX / y for positive
 * operands (so INT64_MAX * 1 is "out of range"), and for x <= 0, y < 0 it tests y < INT64_MAX / y,
 * letting INT64_MIN * -1 wrap. (For x < 0, y = 0 ovsdb-server divides by zero and crashes; 0 is returned.)
 */
function multiply(x: bigint, y: bigint): bigint | undefined {
  let overflow: boolean
  if (x > 0n) overflow = y > 0n ? x >= INT64_MAX / y : y < INT64_MIN / x
  else if (y > 0n) overflow = x < INT64_MIN / y
  else overflow = x !== 0n && y !== 0n && y < INT64_MAX / y
  return overflow ? undefined : BigInt.asIntN(64, x * y)
}

function checkDivision(mutator: Arithmetic, x: bigint, y: bigint): void {
  if (y === 0n) throw ovsdbError('domain error', 'Division by zero.')
  if (x === INT64_MIN && y === -1n) throw rangeError(mutator)
}

function rangeError(mutator: Arithmetic): Error {
  return ovsdbError('range error', `Result of "${mutator}" operation is out of range.`)
}

function canonical(value: bigint): Atom {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value
}
