// The variables of one BFD session (RFC 5880 §6.8.1 plus lib/bfd.c's extras) and the interval rules
// derived from them (§6.8.2-§6.8.4). @internal: used by session.ts only. Times in milliseconds.

import type { BfdConfig } from './config.js'

/** bfd.SessionState, by wire value. */
export enum State {
  AdminDown = 0,
  Down = 1,
  Init = 2,
  Up = 3,
}

/** bfd.LocalDiag values used by the state machine, by wire value. */
export enum Diag {
  None = 0,
  Expired = 1,
  RmtDown = 3,
  PathDown = 5,
  CpathDown = 6,
  AdminDown = 7,
  RcpathDown = 8,
}

/** @internal The mutable state of a session; BfdSession is its only writer. */
export class SessionVars {
  state = State.AdminDown
  diag: number = Diag.None
  rmtState = State.Down
  rmtDiag = 0
  rmtDisc = 0
  rmtMult = 0
  /** bfd.RemoteMinRxInterval; 1 until heard. */
  rmtMinRx = 1
  rmtMinTx = 0
  mult: number
  /** Configured intervals, and the ones in force (they differ during a poll and while decayed). */
  cfgMinTx = 0
  cfgMinRx = 0
  minTx = 1000
  minRx = 0
  pollMinTx = 0
  pollMinRx = 0
  /** P flag we send (a poll is running) and F flag owed to the peer. */
  poll = false
  final = false
  lastTx = 0
  /** 0 = send at once. */
  nextTx = 0
  detectTime = 0
  lastForwarding = false
  flapCount = 0
  statusChanged = false
  forwardingIfRxDetectTime = 0
  demandRxBfdTime = 0
  decayMinRx = 0
  inDecay = false
  decayRxCtl = 0
  decayRxPackets: number
  decayDetectTime = 0

  constructor(
    public config: BfdConfig,
    rxPackets: number,
  ) {
    this.mult = config.mult
    this.decayRxPackets = rxPackets
  }

  inPoll(): boolean {
    return this.poll
  }

  finalPending(): boolean {
    return this.final
  }

  /** Entering Down or AdminDown forgets the peer and leaves decay (lib/bfd.c bfd_set_state). */
  resetRemote(): void {
    this.rmtState = State.Down
    this.rmtDiag = Diag.None
    this.rmtMinRx = 1
    this.rmtDisc = 0
    this.rmtMinTx = 0
    if (this.inDecay) {
      this.minRx = this.cfgMinRx
      this.inDecay = false
    }
  }
}

/** The DesiredMinTx we advertise: at least 1 s unless Up (RFC 5880 §6.8.3). */
export function minTxAdvertised(v: SessionVars): number {
  return v.state === State.Up ? v.minTx : Math.max(v.minTx, 1000)
}

/** The interval between our transmissions: our DesiredMinTx or the peer's RequiredMinRx, whichever is slower. */
export function txInterval(v: SessionVars): number {
  return Math.max(minTxAdvertised(v), v.rmtMinRx)
}

/** The interval we expect packets at: our RequiredMinRx or the peer's DesiredMinTx, whichever is slower. */
export function rxInterval(v: SessionVars): number {
  return Math.max(v.minRx, v.rmtMinTx)
}
