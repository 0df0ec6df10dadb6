// The `abort` operation (RFC 7047 §5.2.8): always fails, so the whole transaction is rolled back.

import { ovsdbError } from '../errors.js'
import type { Execution } from './context.js'

/** Throws `aborted` "aborted by request". */
export function executeAbort(_x: Execution): Record<string, unknown> {
  throw ovsdbError('aborted', 'aborted by request')
}
