// A MonitorHub that also tells the server's own watchers about each commit, after the monitors:
// `db:` remotes re-read their column then, as ovsdb-server reconfigures its remotes after every
// transaction.

import type { Uuid } from '../../schema/index.js'
import type { Delta } from '../engine/index.js'
import { MonitorHub } from '../monitor/index.js'

/** Calls every watcher after each commit it publishes (same contract as MonitorHub otherwise). */
export class WatchedHub extends MonitorHub {
  private readonly watchers = new Set<() => void>()

  /** Calls `watcher` after every later commit; returns the function that stops it. */
  watch(watcher: () => void): () => void {
    this.watchers.add(watcher)
    return () => this.watchers.delete(watcher)
  }

  /** Takes over the watchers of `previous` (the hub this one replaces after a schema conversion). */
  adoptWatchers(previous: WatchedHub): void {
    for (const watcher of previous.watchers) this.watchers.add(watcher)
  }

  override commit(txnId: Uuid, delta: Delta): void {
    super.commit(txnId, delta)
    for (const watcher of this.watchers) watcher()
  }
}
