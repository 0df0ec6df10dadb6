// The reconciler's view of the database, as ovs-vswitchd's IDL keeps it: connect (retrying with
// backoff), take the `ovs_vswitchd` lock, follow the tables with monitor_cond_since and resume from
// the last transaction id after a reconnect. Every write ends with an assert of the lock. Changes
// to status columns only (the ones we write) update the replica without waking anyone (omit_alert).

import { changesFromUpdates2, connectRemotes, Replica, RpcError, RpcSession, transact, type Operation, type Remote, type RowChange } from '../client/index.js'
import { databaseSchemaFromJson, type DatabaseSchema } from '../schema/index.js'
import type { Notification } from '../protocol/index.js'
import type { ReconcilerLog } from './log.js'
import { onlyQuietChanges } from './table-updates.js'

const ZERO_TXN = '00000000-0000-0000-0000-000000000000'

/** What to follow and how. */
export interface FollowerOptions {
  readonly remotes: readonly Remote[]
  readonly database: string
  readonly lock: string
  /** Tables to replicate; all their columns are monitored except `omit`. */
  readonly tables: readonly string[]
  readonly omit: ReadonlyMap<string, ReadonlySet<string>>
  /** Columns whose changes update the replica without a wake-up. */
  readonly quiet: ReadonlyMap<string, ReadonlySet<string>>
  readonly log: ReconcilerLog
  /** First and largest pause between connection attempts (ms). */
  readonly backoffMs?: { readonly min: number; readonly max: number }
}

/** A long-lived, self-reconnecting replica of one database plus the lock. */
export class DbFollower {
  /** The replica, once the first monitor reply arrived. */
  replica: Replica | undefined
  /** True while this process holds the lock (writes are allowed). */
  hasLock = false
  /** Bumped on every new session: the database may have changed while we were away. */
  generation = 0
  #session: RpcSession | undefined
  #lastTxnId = ZERO_TXN
  #stopped = false
  #wakeSleep: (() => void) | undefined
  #loggedContention = false
  readonly #listeners: (() => void)[] = []

  constructor(private readonly options: FollowerOptions) {}

  /** Calls `listener` after every replica change that matters and every change of lock or connection. */
  onChange(listener: () => void): void {
    this.#listeners.push(listener)
  }

  /** True while a session is up and the replica is current. */
  get connected(): boolean {
    return this.#session !== undefined && !this.#session.closed && this.replica !== undefined
  }

  /** Runs the connection loop until stop(); resolves when stopped. */
  async run(): Promise<void> {
    const backoff = this.options.backoffMs ?? { min: 1000, max: 8000 }
    let pause = backoff.min
    while (!this.#stopped) {
      const session = await this.#connect(backoff)
      if (session === undefined) break
      try {
        await this.#startSession(session)
        pause = backoff.min
        await new Promise<void>((resolve) => session.onClose(() => resolve()))
        if (!this.#stopped) this.options.log.warn('reconnect', 'connection dropped')
      } catch (error) {
        this.options.log.warn('reconnect', `session failed: ${error instanceof Error ? error.message : String(error)}`)
        session.close()
      }
      this.#session = undefined
      this.hasLock = false
      this.#notify()
      if (this.#stopped) break
      await this.#sleep(pause)
      pause = Math.min(pause * 2, backoff.max)
    }
  }

  /** Runs `ops` plus `{"op":"assert","lock":…}` as one transaction; rejects when not connected. */
  async transact(ops: readonly Operation[]): Promise<unknown[]> {
    const session = this.#session
    if (session === undefined || session.closed) throw new Error('not connected')
    return transact(session, this.options.database, [...ops, { op: 'assert', lock: this.options.lock }])
  }

  /** Ends the session and the connection loop. */
  stop(): void {
    this.#stopped = true
    this.#session?.close()
    this.#wakeSleep?.()
  }

  async #connect(backoff: { min: number; max: number }): Promise<RpcSession | undefined> {
    const { socket, remote } = await connectRemotes(this.options.remotes, { retry: true, backoffMs: backoff })
    if (this.#stopped) {
      socket.destroy()
      return undefined
    }
    this.options.log.info('reconnect', `${remote.text}: connected`)
    return new RpcSession(socket)
  }

  async #startSession(session: RpcSession): Promise<void> {
    const { database, lock, log } = this.options
    session.onNotification((message) => this.#onNotification(message))
    const schema = databaseSchemaFromJson(await session.request('get_schema', [database]))
    if (this.replica === undefined || !sameSchema(this.replica.schema, schema)) {
      this.replica = new Replica(schema, this.#select(schema))
      this.#lastTxnId = ZERO_TXN
    }
    const locked = ((await session.request('lock', [lock])) as { locked?: boolean }).locked === true
    this.hasLock ||= locked
    if (!this.hasLock && !this.#loggedContention) {
      log.err('bridge', `another ovs-vswitchd process is running, disabling this process (pid ${process.pid}) until it goes away`)
      this.#loggedContention = true
    }
    // Updates right behind the reply wait until it is applied: applying it may clear the replica.
    const replica = this.replica
    await session.holdingNotifications(() => this.#monitor(session, replica))
    this.#session = session
    this.generation++
    this.#notify()
  }

  async #monitor(session: RpcSession, replica: Replica): Promise<void> {
    const { database } = this.options
    const requests: Record<string, unknown> = {}
    for (const [table, columns] of replica.select) requests[table] = [{ columns }]
    const id = ['monid', database]
    let found = false
    let updates: unknown
    try {
      const reply = (await session.request('monitor_cond_since', [database, id, requests, this.#lastTxnId])) as [boolean, string, unknown]
      ;[found, this.#lastTxnId, updates] = reply
    } catch (error) {
      if (!(error instanceof RpcError)) throw error
      updates = await session.request('monitor_cond', [database, id, requests])
      this.#lastTxnId = ZERO_TXN
    }
    if (!found) for (const rows of replica.tables.values()) rows.clear()
    replica.apply(changesFromUpdates2(updates))
    this.options.log.dbg('reconnect', found ? `resumed monitor after transaction ${this.#lastTxnId}` : 'monitor started from the full database')
  }

  #onNotification(message: Notification): void {
    const params = message.params
    switch (message.method) {
      case 'update3':
        this.#lastTxnId = params[1] as string
        return this.#apply(changesFromUpdates2(params[2]))
      case 'update2':
        return this.#apply(changesFromUpdates2(params[1]))
      case 'locked':
        this.options.log.info('bridge', `acquired lock ${this.options.lock}`)
        this.hasLock = true
        return this.#notify()
      case 'stolen':
        this.options.log.warn('bridge', `lock ${this.options.lock} stolen`)
        this.hasLock = false
        return this.#notify()
    }
  }

  #apply(changes: RowChange[]): void {
    if (this.replica === undefined) return
    this.replica.apply(changes)
    if (!onlyQuietChanges(changes, this.options.quiet)) this.#notify()
  }

  #select(schema: DatabaseSchema): Map<string, string[]> {
    const select = new Map<string, string[]>()
    for (const table of this.options.tables) {
      const columns = schema.tables.get(table)?.columns
      if (columns === undefined) continue
      const omit = this.options.omit.get(table)
      select.set(table, [...columns.keys()].filter((column) => !omit?.has(column)))
    }
    return select
  }

  #notify(): void {
    for (const listener of this.#listeners) listener()
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms)
      this.#wakeSleep = () => {
        clearTimeout(timer)
        resolve()
      }
    })
  }
}

function sameSchema(a: DatabaseSchema, b: DatabaseSchema): boolean {
  return a.version === b.version && a.cksum === b.cksum && a.tables.size === b.tables.size
}
