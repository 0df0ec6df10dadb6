// The public surface of client/idl/: a replica of registered tables, transactions over it, and
// the IDL session that keeps the replica current and commits transactions.

export { Replica, columnType, transientType } from './replica.js'
export type { RowData } from './replica.js'
export { IdlTxn } from './txn.js'
export type { TxnRow } from './txn.js'
export { rowName } from './txn-ops.js'
export { Idl } from './idl.js'
export type { CommitResult } from './idl.js'
export { randomUuid } from './uuid.js'
