// The public surface of server/rpc: the OVSDB JSON-RPC server (sessions, remotes, method
// dispatch, locks, triggers, ordered commits), its command line, control socket and start-up.

export { RpcServer, DEFAULT_MAX_BACKLOG_BYTES, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_PROBE_INTERVAL_MS, type RpcServerOptions, type RemoteOverrides, type RemoteTrack } from './server.js'
export { DbRemoteSet, STATUS_INTERVAL_MS } from './db-remote-set.js'
export { isDbRemote, resolveDbColumn, readDbRemotes, type DbRemote, type DbColumnRef } from './db-remotes.js'
export { startServer, type FatalHandler, type StartedServer } from './start.js'
export { parseServerArgs, UsageError, USAGE, DEFAULT_DB_PATH, DEFAULT_REMOTES, DEFAULT_PIDFILE, DEFAULT_CONTROL_PATH } from './args.js'
export type { DatabaseSpec, ServerConfig } from './args.js'
export { parseRemote, remoteToString, isPassive, isTls, RemoteError, REMOTE_KINDS, type Remote, type RemoteKind } from './remote.js'
export { openListener, type Connection, type Listener, type ListenerOptions, type TlsMaterial } from './listener.js'
export { Session, PROBE_ID, type SessionHandler, type SessionOptions } from './session.js'
export { SERVER_METHODS, type ServerMethod } from './dispatch.js'
export { openControl, CONTROL_COMMANDS, type Control, type ControlTarget } from './control.js'
export { runCtl, CTL_USAGE } from './ctl-client.js'
export { createLogger, isLogLevel, LOG_LEVELS, SILENT_LOGGER, type Logger, type LogLevel } from './log.js'
export { packagePath } from './package-path.js'
export type { HostedDb, MonitorHubLike, MonitorSinkLike, StorageLike, CommitRecordLike } from './hosted-db.js'
