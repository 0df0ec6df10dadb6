// The RPC server: the hosted databases, the remotes it listens on or connects to, and one Session
// per connection, wired to the method handlers, the lock table and the transaction runner.
// Closing it stops the remotes and ends every session; storage is the caller's to close.

import { randomUUID } from 'node:crypto'
import { transact } from '../engine/index.js'
import { BusyPoller } from './busy-poll.js'
import type { RpcContext } from './context.js'
import { dispatchNotification, dispatchRequest } from './dispatch.js'
import type { HostedDb } from './hosted-db.js'
import { openListener, type Connection, type Listener, type TlsMaterial } from './listener.js'
import { LockTable } from './locks.js'
import type { Logger } from './log.js'
import { parseRemote, remoteToString, type Remote } from './remote.js'
import { Session, type SessionHandler } from './session.js'
import { TransactRunner } from './transact.js'
import { UpdateFlusher } from './update-flusher.js'

/** Defaults: ovsdb-server's 5 s probe; generous message and backlog limits. */
export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024
export const DEFAULT_PROBE_INTERVAL_MS = 5000
export const DEFAULT_MAX_BACKLOG_BYTES = 128 * 1024 * 1024
/** Notifications to a session within 5 ms of its last ones are held and written together. */
export const DEFAULT_UPDATE_WINDOW_MS = 5
/** The event loop polls for up to 200 µs after client traffic (Linux's guest haltpoll maximum). */
export const DEFAULT_BUSY_POLL_US = 200

/** Options of an RpcServer. */
export interface RpcServerOptions {
  readonly log: Logger
  readonly maxMessageBytes?: number
  /** Inactivity probe interval for TCP/TLS sessions; 0 disables probes. */
  readonly probeIntervalMs?: number
  readonly maxBacklogBytes?: number
  /** See UpdateFlusher; 0 writes every notification at once. */
  readonly updateWindowMs?: number
  /** See BusyPoller: the longest busy-poll window in µs; 0 turns busy polling off. */
  readonly busyPollUs?: number
  readonly tls?: TlsMaterial
  readonly minBackoffMs?: number
  readonly maxBackoffMs?: number
  /** Every session is read-only: writes and locks get ovsdb-server's read-only errors. */
  readonly readOnly?: boolean
  /** Storage failed on `hosted`: memory holds a change the file lacks. The caller should stop. */
  readonly onFatal?: (hosted: HostedDb, error: unknown) => void
}

/** Options one remote may set for itself (a `db:` remote's Manager row), over the server's. */
export interface RemoteOverrides {
  readonly probeIntervalMs?: number
  readonly maxBackoffMs?: number
  readonly readOnly?: boolean
}

/** What a remote has served: its open sessions and when the last one started and ended (ms epoch). */
export interface RemoteTrack {
  readonly sessions: Set<Session>
  connectedAt: number | null
  disconnectedAt: number | null
}

/** Serves `databases` (in list_dbs order) on any number of remotes. */
export class RpcServer {
  private readonly ctx: RpcContext
  private readonly listeners = new Set<Listener>()
  private readonly tracks = new Map<Listener, RemoteTrack>()
  private readonly sessions = new Set<Session>()
  private readonly handler: SessionHandler
  private readonly updates: UpdateFlusher
  private readonly poller: BusyPoller

  constructor(
    databases: readonly HostedDb[],
    private readonly options: RpcServerOptions,
  ) {
    this.updates = new UpdateFlusher(options.updateWindowMs ?? DEFAULT_UPDATE_WINDOW_MS)
    this.poller = new BusyPoller(options.busyPollUs ?? DEFAULT_BUSY_POLL_US)
    const locks = new LockTable()
    const onFatal = options.onFatal ?? ((hosted, error) => options.log.error('storage', `${hosted.name}: ${String(error)}`))
    const runner = new TransactRunner(databases, locks, onFatal)
    const byName = new Map(databases.map((hosted) => [hosted.name, hosted]))
    this.ctx = { databases: byName, locks, runner, serverId: randomUUID(), log: options.log, sessions: this.sessions }
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
  async addRemote(spec: string | Remote, overrides: RemoteOverrides = {}): Promise<Listener> {
    const remote = typeof spec === 'string' ? parseRemote(spec) : spec
    const key = remoteToString(remote)
    const anyPort = 'port' in remote && remote.port === 0
    if (!anyPort && this.findListener(key) !== undefined) throw new Error(`${key}: remote already open`)
    const track: RemoteTrack = { sessions: new Set(), connectedAt: null, disconnectedAt: null }
    const accept = (connection: Connection) => {
      track.sessions.add(this.serve(connection, overrides))
      track.connectedAt = Date.now()
    }
    const listener = await openListener(remote, accept, { ...this.options, ...overrides })
    this.tracks.set(listener, track)
    this.listeners.add(listener)
    this.options.log.info('listener', `${listener.describe()}: ${remote.kind.startsWith('p') ? 'listening' : 'connecting'}`)
    return listener
  }

  /** Closes the remote spelled `spec` as given or as bound; false when none is open. Its sessions stay. */
  async removeRemote(spec: string): Promise<boolean> {
    const listener = this.findListener(remoteToString(parseRemote(spec)))
    if (listener === undefined) return false
    this.listeners.delete(listener)
    this.tracks.delete(listener)
    await listener.close()
    return true
  }

  /** The open remote spelled `spec` (as given or as bound) and what it has served; undefined when not open. */
  remoteTrack(spec: string): { readonly listener: Listener; readonly track: RemoteTrack } | undefined {
    const listener = this.findListener(spec)
    return listener === undefined ? undefined : { listener, track: this.tracks.get(listener)! }
  }

  /** The locks `session` holds, waits for, and has lost to a steal (for Manager status). */
  lockStates(session: Session): { held: string[]; waiting: string[]; lost: string[] } {
    return this.ctx.locks.describe(session)
  }

  /**
   * Runs `ops` on `hosted` as the server itself (no session, no locks), in commit order with the
   * clients' transactions; resolves with the results once committed (ovsdb-server's own txns).
   */
  serverTransact(hosted: HostedDb, ops: readonly unknown[]): Promise<unknown[]> {
    const committer = this.ctx.runner.committer(hosted)
    return new Promise((resolve) => {
      committer.enqueue(false, () => {
        const outcome = transact(hosted.db, ops)
        if (outcome.kind !== 'done') return resolve([])
        committer.land(outcome, 'server', () => resolve(outcome.results))
      })
    })
  }

  /** The open remotes, as bound. */
  listRemotes(): string[] {
    return [...this.listeners.values()].map((listener) => listener.describe()).sort()
  }

  /** Serves one established connection. */
  serve(connection: Connection, overrides: RemoteOverrides = {}): Session {
    const session = new Session(
      connection.socket,
      connection.name,
      {
        maxMessageBytes: this.options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
        probeIntervalMs: connection.probes ? (overrides.probeIntervalMs ?? this.options.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS) : 0,
        maxBacklogBytes: this.options.maxBacklogBytes ?? DEFAULT_MAX_BACKLOG_BYTES,
        updates: this.updates,
        poller: this.poller,
      },
      this.handler,
      this.options.log,
    )
    session.readOnly = (overrides.readOnly ?? false) || (this.options.readOnly ?? false)
    this.sessions.add(session)
    this.options.log.debug('jsonrpc', `${connection.name}: connection accepted`)
    return session
  }

  /** Stops every remote and ends every session. */
  async close(): Promise<void> {
    const listeners = [...this.listeners.values()]
    this.listeners.clear()
    this.tracks.clear()
    const closed = Promise.all(listeners.map((listener) => listener.close()))
    this.updates.flush()
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
    for (const track of this.tracks.values()) {
      if (track.sessions.delete(session)) track.disconnectedAt = Date.now()
    }
    this.ctx.locks.unlockAll(session)
    this.ctx.runner.dropSession(session)
    for (const hosted of new Set(session.monitors.values())) hosted.hub.removeSink(session)
    session.monitors.clear()
  }
}
