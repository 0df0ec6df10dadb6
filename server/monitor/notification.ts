// The wire bytes of update notifications, in two pieces. What precedes the `<table-updates>`
// depends only on the protocol version and the monitor id, so it is encoded once per distinct
// (version, id) in a NotificationHead that the monitors having it share; what follows depends only
// on the commit and on whether the version names the transaction (3), so it is encoded once per
// commit and kind (NotificationBodies). A notification is the pair (a SplicedMessage), the same
// object for every monitor of one head; nothing is copied until a session assembles what it writes
// (a session holding several copies the pieces into its one buffer; sessions writing it at once
// share one joined copy).

import type { Uuid } from '../../schema/index.js'

/** The protocol versions: 1 `monitor`/`update`, 2 `monitor_cond`/`update2`, 3 `monitor_cond_since`/`update3`. */
export const MONITOR_VERSIONS = [1, 2, 3] as const
export type MonitorVersion = (typeof MONITOR_VERSIONS)[number]

/** The notification method each version sends, as spelled on the wire. */
export const UPDATE_METHODS = ['update', 'update2', 'update3'] as const

/**
 * A message as the Buffers its bytes are, in order; `length` is their total. Its pieces are
 * shared (with other messages and other sessions) and never modified.
 */
export class SplicedMessage {
  readonly length: number
  private joined: Buffer | undefined

  constructor(readonly pieces: readonly Buffer[]) {
    let length = 0
    for (const piece of pieces) length += piece.length
    this.length = length
  }

  /** The message's bytes in one Buffer, made on the first call and shared by every later one. */
  bytes(): Buffer {
    return (this.joined ??= Buffer.concat(this.pieces, this.length))
  }
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
 * What follows the head in one commit's notifications, encoded once per kind on first use:
 * `<updates>]}` for versions 1 and 2, `"<txn id>",<updates>]}` for version 3.
 */
export class NotificationBodies {
  private plain: Buffer | undefined
  private withTxn: Buffer | undefined

  constructor(
    private readonly txnId: Uuid,
    /** The commit's `<table-updates>` text. */
    private readonly updatesText: string,
  ) {}

  /** The body for monitors of `version`. */
  of(version: MonitorVersion): Buffer {
    if (version === 3) return (this.withTxn ??= Buffer.from(`"${this.txnId}",${this.updatesText}]}`, 'utf8'))
    return (this.plain ??= Buffer.from(`${this.updatesText}]}`, 'utf8'))
  }
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

  /** The pieces of this head's notification of the commit `bodies` encodes; the same object for every call until `forget`. */
  message(bodies: NotificationBodies): SplicedMessage {
    return (this.built ??= new SplicedMessage([this.bytes, bodies.of(this.version)]))
  }

  /** Drops the notification made by `message`; the next call makes a new one. */
  forget(): void {
    this.built = undefined
  }
}
