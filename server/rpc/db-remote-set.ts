// Keeps the server's listeners in step with its `db:DB,TABLE,COLUMN` remotes (db-remotes.ts):
// after every commit it re-reads the columns, opens the remotes that appeared and closes the ones
// that went away or changed options; every 2.5 s it writes each referenced row's `is_connected`
// and `status` (manager-status.ts) in a server transaction, only where they changed, as
// ovsdb-server does for Manager rows.

import { datumToJson, jsonToText } from '../../schema/index.js'
import { dbRemoteSyntaxError, readDbRemotes, referencedRows, resolveDbColumn, type DbColumnRef, type DbRemote } from './db-remotes.js'
import type { HostedDb } from './hosted-db.js'
import type { Logger } from './log.js'
import { remoteStatus, statusToJson } from './manager-status.js'
import type { RpcServer } from './server.js'

/** ovsdb-server's status update interval (ovsdb-server.c: 2.5 s). */
export const STATUS_INTERVAL_MS = 2500

/** The `db:` remotes of one server (see the file header). */
export class DbRemoteSet {
  /** Remotes this set opened: target → its options, as compared between reads. */
  private readonly opened = new Map<string, string>()
  private readonly reported = new Set<string>()
  private chain: Promise<void> = Promise.resolve()
  private queued = false
  private timer: NodeJS.Timeout | undefined
  private closed = false
  /** The `db:` remote strings, as given. */
  private readonly specs: string[]

  constructor(
    private readonly rpc: RpcServer,
    private readonly databases: ReadonlyMap<string, HostedDb>,
    specs: readonly string[],
    private readonly log: Logger,
  ) {
    this.specs = [...specs]
  }

  /** The `db:` remotes configured, as given. */
  list(): string[] {
    return [...this.specs]
  }

  /** Adds a `db:` remote (`ovsdb-server/add-remote`); returns the syntax error text, or null. */
  add(spec: string): string | null {
    const error = dbRemoteSyntaxError(spec)
    if (error !== null) return error
    if (!this.specs.includes(spec)) this.specs.push(spec)
    this.schedule()
    return null
  }

  /** Removes a `db:` remote and, on the next read, the listeners only it named; false when not configured. */
  remove(spec: string): boolean {
    const index = this.specs.indexOf(spec)
    if (index < 0) return false
    this.specs.splice(index, 1)
    this.schedule()
    return true
  }

  /** Resolves once the reads scheduled so far are done. */
  settled(): Promise<void> {
    return this.chain
  }

  /** Opens the remotes the columns name now and starts the status updates. */
  async start(statusIntervalMs = STATUS_INTERVAL_MS): Promise<void> {
    this.schedule()
    await this.chain
    this.timer = setInterval(() => void this.writeStatus().catch((error: unknown) => this.log.error('remotes', `status update failed: ${String(error)}`)), statusIntervalMs)
    this.timer.unref()
  }

  /** Re-reads the columns soon (once for any number of calls before it runs; never while no `db:` remote is configured or open). */
  schedule(): void {
    if (this.queued || this.closed || (this.specs.length === 0 && this.opened.size === 0)) return
    this.queued = true
    this.chain = this.chain.then(() => {
      this.queued = false
      return this.refresh()
    })
  }

  /** Stops updating; the remotes themselves close with the server. */
  close(): void {
    this.closed = true
    clearInterval(this.timer)
  }

  /** Writes `is_connected` and `status` of every row behind a `db:` remote, where they changed. */
  async writeStatus(now = Date.now()): Promise<void> {
    const byDb = new Map<HostedDb, unknown[]>()
    for (const ref of this.columns()) {
      if (ref.refTable === null) continue
      const ops = byDb.get(ref.hosted) ?? []
      byDb.set(ref.hosted, ops)
      ops.push(...this.statusOps(ref, now))
    }
    await Promise.all([...byDb].filter(([, ops]) => ops.length > 0).map(([hosted, ops]) => this.rpc.serverTransact(hosted, ops)))
  }

  private async refresh(): Promise<void> {
    if (this.closed) return
    const wanted = new Map<string, DbRemote>()
    for (const ref of this.columns()) for (const [target, remote] of readDbRemotes(ref)) wanted.set(target, remote)
    for (const [target, options] of this.opened) {
      if (wanted.has(target) && optionsKey(wanted.get(target)!) === options) continue
      this.opened.delete(target)
      await this.rpc.removeRemote(target).catch(() => false)
      this.log.info('remotes', `${target}: no longer named by the database, closed`)
    }
    for (const [target, remote] of wanted) {
      if (!this.opened.has(target)) await this.open(remote)
    }
  }

  private async open(remote: DbRemote): Promise<void> {
    try {
      await this.rpc.addRemote(remote.target, {
        ...(remote.probeIntervalMs === null ? {} : { probeIntervalMs: remote.probeIntervalMs }),
        ...(remote.maxBackoffMs === null ? {} : { maxBackoffMs: remote.maxBackoffMs }),
        readOnly: remote.readOnly,
      })
      this.opened.set(remote.target, optionsKey(remote))
    } catch (error) {
      this.reportOnce(`${remote.target}: ${(error as Error).message}`)
    }
  }

  /** The columns the specs name, logging (once each) the ones that do not resolve. */
  private columns(): DbColumnRef[] {
    const refs: DbColumnRef[] = []
    for (const spec of this.specs) {
      const ref = resolveDbColumn(spec, this.databases)
      if (typeof ref === 'string') this.reportOnce(ref)
      else refs.push(ref)
    }
    return refs
  }

  /** Update ops for the rows `ref` references whose status differs from what the server sees. */
  private statusOps(ref: DbColumnRef, now: number): unknown[] {
    const ops: unknown[] = []
    const table = ref.hosted.schema.tables.get(ref.refTable!)!
    if (!table.columns.has('target') || !table.columns.has('is_connected') || !table.columns.has('status')) return ops
    const rows = referencedRows(ref)
    for (const row of ref.hosted.db.tables.get(ref.table)?.rows.values() ?? []) {
      for (const uuid of row.fields[ref.column].keys) {
        const target = rows.get(uuid as string)
        const name = target?.fields.target.keys[0]
        if (target === undefined || typeof name !== 'string') continue
        const view = this.rpc.remoteTrack(name)
        const { connected, status } = remoteStatus(view && { ...view, lockStates: (session) => this.rpc.lockStates(session) }, now)
        const fields = { is_connected: connected, status: statusToJson(status) }
        const current = { is_connected: target.fields.is_connected.keys[0], status: datumToJson(target.fields.status, table.columns.get('status')!.type) }
        if (jsonToText(fields) === jsonToText(current)) continue
        ops.push({ op: 'update', table: ref.refTable, where: [['_uuid', '==', ['uuid', uuid]]], row: fields })
      }
    }
    return ops
  }

  private reportOnce(message: string): void {
    if (this.reported.has(message)) return
    this.reported.add(message)
    this.log.warn('remotes', message)
  }
}

function optionsKey(remote: DbRemote): string {
  return `${remote.probeIntervalMs}/${remote.maxBackoffMs}/${remote.readOnly}`
}
