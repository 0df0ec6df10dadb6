// The variables of one BFD session (RFC 5880 §6.8.1 plus lib/bfd.c's extras) and the interval rules
// derived from them (§6.8.2-§6.8.4). @internal: used by session.ts only. Times in milliseconds.

import type { BfdConfig } from './config.js'
import { BFD_STATES, type ControlPacket, type ControlPacketInit } from './packet.js'

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

  /**
   * Takes in a valid packet's remote fields (RFC 5880 §6.8.6 before the state table): remote state and
   * discriminator, Final ends our poll, Poll owes a Final, remote intervals and the detection time.
   */
  absorb(p: ControlPacket, now: number, random: () => number): { remoteStateChanged: boolean; pollTerminated: boolean } {
    const rmtState = BFD_STATES.indexOf(p.state) as State
    const remoteStateChanged = this.rmtState !== rmtState
    const pollTerminated = p.final && this.poll
    this.rmtDisc = p.myDiscriminator
    this.rmtState = rmtState
    this.rmtDiag = p.diag
    if (pollTerminated) {
      this.minTx = this.pollMinTx
      this.minRx = this.pollMinRx
      this.poll = false
    }
    if (p.poll) {
      this.poll = false
      this.final = true
    }
    this.rmtMult = p.detectMult
    const rmtMinRx = Math.max(Math.floor(p.requiredMinRxUs / 1000), 1)
    if (this.rmtMinRx !== rmtMinRx) {
      this.rmtMinRx = rmtMinRx
      if (this.nextTx) this.setNextTx(random())
    }
    this.rmtMinTx = Math.max(Math.floor(p.desiredMinTxUs / 1000), 1)
    this.detectTime = rxInterval(this) * this.rmtMult + now
    return { remoteStateChanged, pollTerminated }
  }

  /** The Control packet to send now: poll intervals during a poll, else the ones in force (bfd_put_packet). */
  controlPacket(discriminator: number): ControlPacketInit {
    const [minTx, minRx] = this.poll ? [this.pollMinTx, this.pollMinRx] : [minTxAdvertised(this), this.minRx]
    return {
      diag: this.diag,
      state: BFD_STATES[this.state]!,
      poll: this.poll,
      final: this.final,
      detectMult: this.mult,
      myDiscriminator: discriminator,
      yourDiscriminator: this.rmtDisc,
      desiredMinTxUs: minTx * 1000,
      requiredMinRxUs: minRx * 1000,
    }
  }

  /** Whether the interface may forward now (bfd_forwarding__ without the flap bookkeeping). */
  computeForwarding(now: number): boolean {
    const byRx = this.config.forwardingIfRx && this.forwardingIfRxDetectTime > now && this.demandRxBfdTime > now
    const pathDown = this.rmtDiag === Diag.PathDown || this.rmtDiag === Diag.CpathDown || this.rmtDiag === Diag.RcpathDown
    return (this.state === State.Up || byRx) && !pathDown
  }

  /** next_tx = last_tx + interval − jitter: random mod 26 % of it, 10 + random mod 16 % when mult is 1 (RFC 5880 §6.8.7). */
  setNextTx(random: number): void {
    const interval = txInterval(this)
    const percent = this.mult === 1 ? 10 + (random % 16) : random % 26
    this.nextTx = this.lastTx + interval - Math.floor((interval * percent) / 100)
  }

  /** Decides decay: the interface received no more than twice the BFD packets counted since the last check. */
  tryDecay(rxPackets: number, now: number): void {
    this.inDecay = rxPackets - this.decayRxPackets <= 2 * Math.max(this.decayRxCtl, 1)
    this.decayUpdate(rxPackets, now)
  }

  /** Restarts the decay window: MAX(decay_min_rx, 2000) ms from now. */
  decayUpdate(rxPackets: number, now: number): void {
    this.decayRxPackets = rxPackets
    this.decayRxCtl = 0
    this.decayDetectTime = Math.max(this.decayMinRx, 2000) + now
  }

  /** Data was received: forwarding_if_rx holds for MAX(rx interval × mult, 2000) ms from now. */
  forwardingIfRxUpdate(now: number): void {
    this.forwardingIfRxDetectTime = Math.max(rxInterval(this) * this.mult, 2000) + now
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
