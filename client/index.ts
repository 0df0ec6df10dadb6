// The public surface of client/: the OVSDB client shared by vsctl and the reconciler — remotes
// and connections, the JSON-RPC session, transact, monitors with fallback, and the IDL.

export { parseRemote, parseRemoteList, connectRemotes, openRemote, ConnectError, strerror } from './connection.js'
export type { Remote, SslFiles, ConnectOptions } from './connection.js'
export { RpcSession, RpcError, SessionClosedError } from './rpc.js'
export { transact, whereUuid, firstError } from './transact.js'
export type { Operation } from './transact.js'
export { startMonitor, changesFromUpdates2, MONITOR_METHODS } from './monitor.js'
export type { MonitorSelect, RowChange, MonitorMethod, MonitorHandle } from './monitor.js'
export * from './idl/index.js'
