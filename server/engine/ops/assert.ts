// The `assert` operation (RFC 7047 §5.2.10): the transaction proceeds only while the calling
// session owns the named lock (the session tells the engine which locks it holds).

import { ovsdbError } from '../errors.js'
import type { OpParser } from '../parser.js'
import type { Execution } from './context.js'

/** Result `{}` when `lock` is held; throws `not owner` "Asserted lock L not held." otherwise. */
export function executeAssert(x: Execution, parser: OpParser): Record<string, unknown> {
  const lock = parser.member('lock', ['id'])
  if (typeof lock !== 'string' || x.locksHeld.has(lock)) return {}
  throw ovsdbError('not owner', `Asserted lock ${lock} not held.`)
}
