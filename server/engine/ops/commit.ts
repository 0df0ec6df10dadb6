// The `commit` operation (RFC 7047 §5.2.7, OVS ovsdb_execute_commit): `durable: true` asks that the
// transaction reach stable storage before it is answered; the engine only records the request.

import type { OpParser } from '../parser.js'
import type { Execution } from './context.js'

/** Records `durable`; result `{}`. */
export function executeCommit(x: Execution, parser: OpParser): Record<string, unknown> {
  const durable = parser.member('durable', ['boolean'])
  if (durable === true) x.durable = true
  return {}
}
