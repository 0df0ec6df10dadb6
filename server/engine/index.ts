// The public surface of server/engine: a Database of committed tables and `transact`, which runs
// RFC 7047 operations against it exactly as ovsdb-server 3.1 answers them and yields the Delta
// that storage, monitors and history consume.

export { Database } from './database.js'
export { transact, OPERATIONS, type Operation, type TransactContext, type TransactOutcome } from './execute.js'
export type { Delta, RowChange, TableDelta } from './delta.js'
export { rowToJson, type Row } from './row.js'
export { restoreRows, type StoredRow } from './restore.js'
export { FUNCTIONS, matches, parseCondition, type Clause, type ConditionFunction } from './condition.js'
export { MUTATORS, type Mutator } from './mutation.js'
export { loadRows } from './load.js'
export { randomUuid } from './uuid.js'
