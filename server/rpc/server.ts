// The RPC server: the hosted databases, the remotes it listens on or connects to, and one Session
// per connection, wired to the method handlers, the lock table and the transaction runner.
// Closing it stops the remotes and ends every session; storage is the caller's to close.

import { randomUUID } from 'node:crypto'
import type { RpcContext } from './context.js'
import { dispatchNotification, dispatchRequest } from './dispatch.js'
import type { HostedDb } from './hosted-db.js'
import { openListener, type Connection, type Listener, type TlsMaterial } from './listener.js'
import { LockTable } from './locks.js'
import type { Logger } from './log.js'
import { parseRemote, remoteToString, type Remote } from './remote.js'
import { Session, type SessionHandler } from './session.js'
import { TransactRunner } from './transact.js'

/** Defaults: ovsdb-server's 5 s probe; generous message and backlog limits. */
export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024
export const DEFAULT_PROBE_INTERVAL_MS = 5000
export const DEFAULT_MAX_BACKLOG_BYTES = 128 * 1024 * 1024

/** Options of an RpcServer. */
export interface RpcServerOptions {
  readonly log: Logger
  readonly maxMessageBytes?: number
  /** Inactivity probe interval for TCP/TLS sessions; 0 disables probes. */
  readonly probeIntervalMs?: number
  readonly maxBacklogBytes?: number
  readonly tls?: TlsMaterial
  readonly minBackoffMs?: number
  readonly maxBackoffMs?: number
  /** Every session is read-only: writes and locks get ovsdb-server's read-only errors. */
  readonly readOnly?: boolean
  /** Storage failed on `hosted`: memory holds a change the file lacks. The caller should stop. */
  readonly onFatal?: (hosted: HostedDb, error: unknown) => void
}

/** Serves `databases` (in list_dbs order) on any number of remotes. */
export class RpcServer {
  private readonly ctx: RpcContext
  private readonly listeners = new Set<Listener>()
  private readonly sessions = new Set<Session>()
  private readonly handler: SessionHandler

  constructor(
    databases: readonly HostedDb[],
    private readonly options: RpcServerOptions,
  ) {
    const locks = new LockTable()
    const onFatal = options.onFatal ?? ((hosted, error) => options.log.error('storage', `${hosted.name}: ${String(error)}`))
    const runner = new TransactRunner(databases, locks, onFatal)
    const byName = new Map(databases.map((hosted) => [hosted.name, hosted]))
    this.ctx = { databases: byName, locks, runner, serverId: randomUUID(), log: options.log }
    this.handler = {
      request: (session, request) => dispatchRequest(this.ctx, session, request),
      notification: (session, message) => dispatchNotification(this.ctx, session, message),
      closed: (session) => this.forget(session),
    }
  }

  /** This process's server id (`get_server_id`). */
  get serverId(): string {
    return this.ctx.serverId
  }

  /** Open sessions. */
  get sessionCount(): number {
    return this.sessions.size
  }

  /** The open sessions themselves (for metrics). */
  get openSessions(): ReadonlySet<Session> {
    return this.sessions
  }

  /** Counters for `memory/show`: sessions, their monitors, blocked transactions, unsent bytes, and committed rows. */
  get stats(): Record<string, number> {
    let monitors = 0
    let backlog = 0
    for (const session of this.sessions) {
      monitors += session.monitors.size
      backlog += session.backlogBytes
    }
    let rows = 0
    for (const hosted of this.ctx.databases.values()) for (const table of hosted.db.tables.values()) rows += table.rows.size
    return { backlog, monitors, rows, sessions: this.sessions.size, triggers: this.ctx.runner.triggers.size }
  }

  /**
   * Opens a remote (string as on the command line, or parsed). Rejects on parse or bind errors,
   * and when the same remote is already open (a passive TCP/SSL remote on port 0 is never the same).
   */
  async addRemote(spec: string | Remote): Promise<Listener> {
    const remote = typeof spec === 'string' ? parseRemote(spec) : spec
    const key = remoteToString(remote)
    const anyPort = 'port' in remote && remote.port === 0
    if (!anyPort && this.findListener(key) !== undefined) throw new Error(`${key}: remote already open`)
    const listener = await openListener(remote, (connection) => this.serve(connection), this.options)
    this.listeners.add(listener)
    this.options.log.info('listener', `${listener.describe()}: ${remote.kind.startsWith('p') ? 'listening' : 'connecting'}`)
    return listener
  }

  /** Closes the remote spelled `spec` as given or as bound; false when none is open. Its sessions stay. */
  async removeRemote(spec: string): Promise<boolean> {
    const listener = this.findListener(remoteToString(parseRemote(spec)))
    if (listener === undefined) return false
    this.listeners.delete(listener)
    await listener.close()
    return true
  }

  /** The open remotes, as bound. */
  listRemotes(): string[] {
    return [...this.listeners.values()].map((listener) => listener.describe()).sort()
  }

  /** Serves one established connection. */
  serve(connection: Connection): Session {
    const session = new Session(
      connection.socket,
      connection.name,
      {
        maxMessageBytes: this.options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
        probeIntervalMs: connection.probes ? (this.options.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS) : 0,
        maxBacklogBytes: this.options.maxBacklogBytes ?? DEFAULT_MAX_BACKLOG_BYTES,
      },
      this.handler,
      this.options.log,
    )
    session.readOnly = this.options.readOnly ?? false
    this.sessions.add(session)
    this.options.log.debug('jsonrpc', `${connection.name}: connection accepted`)
    return session
  }

  /** Stops every remote and ends every session. */
  async close(): Promise<void> {
    const listeners = [...this.listeners.values()]
    this.listeners.clear()
    const closed = Promise.all(listeners.map((listener) => listener.close()))
    for (const session of [...this.sessions]) session.close()
    await closed
  }

  private findListener(key: string): Listener | undefined {
    for (const listener of this.listeners) if (remoteToString(listener.remote) === key || listener.describe() === key) return listener
    return undefined
  }

  /** Releases what a closed session held: locks (telling new owners), triggers, monitors. */
  private forget(session: Session): void {
    this.sessions.delete(session)
    this.ctx.locks.unlockAll(session)
    this.ctx.runner.dropSession(session)
    for (const hosted of new Set(session.monitors.values())) hosted.hub.removeSink(session)
    session.monitors.clear()
  }
}
