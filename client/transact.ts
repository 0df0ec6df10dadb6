// The `transact` method (RFC 7047 §4.1.3) and the few operation shapes clients build by hand:
// a `where` naming one row by UUID, and the reply's per-operation outcomes.

import type { RpcSession } from './rpc.js'

/** One operation of a transaction, as sent (RFC 7047 §5.2). */
export type Operation = Readonly<Record<string, unknown>>

/** `[["_uuid","==",["uuid",u]]]`: the condition that selects exactly the row `uuid`. */
export function whereUuid(uuid: string): unknown[] {
  return [['_uuid', '==', ['uuid', uuid]]]
}

/** Runs `ops` on `db`; resolves with the result array (one entry per op, `null` after a failure). */
export async function transact(session: RpcSession, db: string, ops: readonly Operation[]): Promise<unknown[]> {
  return (await session.request('transact', [db, ...ops])) as unknown[]
}

/** The first `{error, details?}` object in a transact result, or undefined when every op succeeded. */
export function firstError(results: readonly unknown[]): { error: string; details?: string } | undefined {
  for (const result of results) {
    if (typeof result === 'object' && result !== null && 'error' in result) {
      return result as { error: string; details?: string }
    }
  }
  return undefined
}
