// The `is_connected` and `status` columns ovsdb-server writes into the rows behind `db:` remotes
// (ovsdb-server.c update_remote_row): for a listening remote whether any session is open, how many
// (`n_connections`, from 2), `bound_port`, and — an ovsdb-server 3.1 quirk of its zeroed status —
// `sec_since_connect` and `sec_since_disconnect` always "0"; for a connecting remote its state, the
// seconds since it connected and disconnected, and the locks its session holds, waits for or lost.

import type { Listener } from './listener.js'
import type { RemoteTrack } from './server.js'
import type { Session } from './session.js'

/** What the server knows of one open remote, as the status needs it. */
export interface RemoteView {
  readonly listener: Listener
  readonly track: RemoteTrack
  readonly lockStates: (session: Session) => { held: string[]; waiting: string[]; lost: string[] }
}

/** A remote's `is_connected` and `status` map (keys sorted as OVSDB maps are). Undefined view: not open. */
export function remoteStatus(view: RemoteView | undefined, now: number): { connected: boolean; status: Map<string, string> } {
  const status = new Map<string, string>()
  if (view === undefined) return { connected: false, status }
  const { listener, track } = view
  const sessions = [...track.sessions].filter((session) => session.isOpen)
  if (listener.remote.kind.startsWith('p')) {
    if (sessions.length > 1) status.set('n_connections', String(sessions.length))
    const port = boundPort(listener)
    if (port !== null) status.set('bound_port', String(port))
    status.set('sec_since_connect', '0')
    status.set('sec_since_disconnect', '0')
    return { connected: sessions.length > 0, status }
  }
  const session = sessions[0]
  status.set('state', session === undefined ? 'BACKOFF' : 'ACTIVE')
  if (track.connectedAt !== null) status.set('sec_since_connect', seconds(now - track.connectedAt))
  if (track.disconnectedAt !== null) status.set('sec_since_disconnect', seconds(now - track.disconnectedAt))
  if (session !== undefined) {
    const locks = view.lockStates(session)
    if (locks.held.length > 0) status.set('locks_held', locks.held.join(' '))
    if (locks.waiting.length > 0) status.set('locks_waiting', locks.waiting.join(' '))
    if (locks.lost.length > 0) status.set('locks_lost', locks.lost.join(' '))
  }
  return { connected: session !== undefined, status }
}

/** The status column's value as an OVSDB map in JSON notation. */
export function statusToJson(status: ReadonlyMap<string, string>): unknown {
  return ['map', [...status.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]
}

function boundPort(listener: Listener): number | null {
  const match = /^p(?:tcp|ssl):([0-9]+):/.exec(listener.describe())
  return match === null ? null : Number(match[1])
}

function seconds(ms: number): string {
  return String(Math.max(0, Math.floor(ms / 1000)))
}
