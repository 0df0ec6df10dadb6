// The public surface of server/storage: the Storage contract, the durable SQLite store, the
// in-memory one, and import/export of Open vSwitch's standalone database file format.

export type { CommitRecord, HistoryEntry, OpenedStore, Storage, StoreOptions } from './storage.js'
export { DEFAULT_HISTORY_LIMIT } from './storage.js'
export { openSqliteStore, DEFAULT_AUDIT_LIMIT, type SqliteStoreOptions } from './sqlite.js'
export { openMemoryStore } from './memory.js'
export { importOvsdbFile, exportOvsdbFile, type TransferSummary } from './ovs-file.js'
export { convertSqliteFile, rewriteSqliteStore } from './convert.js'
export { convertDatabase } from './convert-db.js'
