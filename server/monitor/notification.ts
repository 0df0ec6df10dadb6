// The wire bytes of update notifications. What precedes the `<table-updates>` depends only on the
// protocol version and the monitor id, so it is encoded once per distinct (version, id) in a
// NotificationHead that the monitors having it share; a commit's updates are encoded once, and a
// notification is the list of those encoded pieces (a SplicedMessage), the same object for every
// monitor of one head. Nothing is copied until a session assembles what it writes.

import type { Uuid } from '../../schema/index.js'

/** The protocol versions: 1 `monitor`/`update`, 2 `monitor_cond`/`update2`, 3 `monitor_cond_since`/`update3`. */
export const MONITOR_VERSIONS = [1, 2, 3] as const
export type MonitorVersion = (typeof MONITOR_VERSIONS)[number]

/** The notification method each version sends, as spelled on the wire. */
export const UPDATE_METHODS = ['update', 'update2', 'update3'] as const

/** What follows the `<table-updates>`: `]}`. */
const TAIL = Buffer.from(']}', 'latin1')

/**
 * A message as the Buffers its bytes are, in order; `length` is their total. Its pieces are
 * shared (with other messages and other sessions) and never modified.
 */
export interface SplicedMessage {
  readonly pieces: readonly Buffer[]
  readonly length: number
}

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
 * The encoded head shared by the monitors with one (version, id), and the notification spliced
 * from it for the commit being published (kept only until `forget`, so no commit's bytes outlive it).
 */
export class NotificationHead {
  /** How many monitors use this head. */
  users = 0
  private readonly bytes: Buffer
  private built: SplicedMessage | undefined

  constructor(
    readonly version: MonitorVersion,
    /** headText(version, id): the head's identity among a monitor's heads. */
    readonly text: string,
  ) {
    this.bytes = Buffer.from(text, 'utf8')
  }

  /**
   * The pieces of notificationText(version, id, txnId, updates) where `updates` holds the encoded
   * `<table-updates>`; the same object for every call until `forget`. `txnId` is ASCII.
   */
  message(txnId: Uuid, updates: Buffer): SplicedMessage {
    return (this.built ??= this.splice(txnId, updates))
  }

  /** Drops the notification made by `message`; the next call makes a new one. */
  forget(): void {
    this.built = undefined
  }

  private splice(txnId: Uuid, updates: Buffer): SplicedMessage {
    const pieces = this.version === 3 ? [this.bytes, Buffer.from(`"${txnId}",`, 'latin1'), updates, TAIL] : [this.bytes, updates, TAIL]
    let length = 0
    for (const piece of pieces) length += piece.length
    return { pieces, length }
  }
}

/** The bytes of `message`: its one piece, or its pieces copied into a new Buffer. */
export function splicedBytes(message: SplicedMessage): Buffer {
  return message.pieces.length === 1 ? message.pieces[0] : Buffer.concat(message.pieces as Buffer[], message.length)
}
