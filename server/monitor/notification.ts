// The wire bytes of update notifications. What precedes the `<table-updates>` depends only on the
// protocol version and the monitor id, so it is encoded once per distinct (version, id) in a
// NotificationHead that the monitors having it share; a commit's updates are encoded once and
// spliced in once per head, so monitors with equal ids are written the very same Buffer.

import type { Uuid } from '../../schema/index.js'

/** The protocol versions: 1 `monitor`/`update`, 2 `monitor_cond`/`update2`, 3 `monitor_cond_since`/`update3`. */
export const MONITOR_VERSIONS = [1, 2, 3] as const
export type MonitorVersion = (typeof MONITOR_VERSIONS)[number]

/** The notification method each version sends, as spelled on the wire. */
export const UPDATE_METHODS = ['update', 'update2', 'update3'] as const

const QUOTE = 0x22
const COMMA = 0x2c
const CLOSE_BRACKET = 0x5d
const CLOSE_BRACE = 0x7d

/**
 * The wire text of an update notification, byte for byte as ovsdb-server sends it:
 * `{"id":null,"method":"update2","params":[<id>,<updates>]}`, and for version 3
 * `{"id":null,"method":"update3","params":[<id>,"<txn id>",<updates>]}`.
 */
export function notificationText(version: MonitorVersion, idText: string, txnId: Uuid, updatesText: string): string {
  const head = headText(version, idText)
  return version === 3 ? `${head}"${txnId}",${updatesText}]}` : `${head}${updatesText}]}`
}

/** The text before `<id>`'s first following member: `{"id":null,"method":"update2","params":[<id>,`. */
export function headText(version: MonitorVersion, idText: string): string {
  return `{"id":null,"method":"${UPDATE_METHODS[version - 1]}","params":[${idText},`
}

/**
 * The encoded head shared by the monitors with one (version, id), and the notification built from
 * it for the commit being published (kept only until `forget`, so no commit's bytes outlive it).
 */
export class NotificationHead {
  /** How many monitors use this head. */
  users = 0
  private readonly bytes: Buffer
  private built: Buffer | undefined

  constructor(
    readonly version: MonitorVersion,
    /** headText(version, id): the head's identity among a monitor's heads. */
    readonly text: string,
  ) {
    this.bytes = Buffer.from(text, 'utf8')
  }

  /**
   * The UTF-8 bytes of notificationText(version, id, txnId, updates) where `updates` holds the
   * encoded `<table-updates>`; the same Buffer for every call until `forget`. `txnId` is ASCII.
   */
  message(txnId: Uuid, updates: Buffer): Buffer {
    return (this.built ??= this.build(txnId, updates))
  }

  /** Drops the notification built by `message`; the next call builds a new one. */
  forget(): void {
    this.built = undefined
  }

  private build(txnId: Uuid, updates: Buffer): Buffer {
    const txnLength = this.version === 3 ? txnId.length + 3 : 0
    const out = Buffer.allocUnsafe(this.bytes.length + txnLength + updates.length + 2)
    out.set(this.bytes, 0)
    let at = this.bytes.length
    if (txnLength > 0) {
      out[at++] = QUOTE
      at += out.write(txnId, at, 'latin1')
      out[at++] = QUOTE
      out[at++] = COMMA
    }
    out.set(updates, at)
    at += updates.length
    out[at++] = CLOSE_BRACKET
    out[at] = CLOSE_BRACE
    return out
  }
}
