// Shared helpers for schema tests: assert that a call throws an OvsdbError with the exact
// tag, details and (optionally) syntax ovsdb-server would send.
import type { Test } from 'tap'
import { OvsdbError } from '../../schema/index.js'

export interface ExpectedError {
  readonly tag: string
  readonly details: string
  readonly syntax?: string
}

/** Asserts `fn` throws an OvsdbError matching `expected` exactly (syntax only when given). */
export function throwsOvsdb(t: Test, fn: () => unknown, expected: ExpectedError, message?: string): void {
  try {
    fn()
  } catch (error) {
    t.ok(error instanceof OvsdbError, `${message ?? expected.details}: is an OvsdbError`)
    const e = error as OvsdbError
    const actual: ExpectedError = expected.syntax === undefined
      ? { tag: e.tag, details: e.details ?? '' }
      : { tag: e.tag, details: e.details ?? '', syntax: e.syntax ?? '' }
    t.same(actual, expected, message ?? expected.details)
    return
  }
  t.fail(`${message ?? expected.details}: did not throw`)
}
