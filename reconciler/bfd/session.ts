// One BFD session (RFC 5880) as ovs-vswitchd runs it: the Down/Init/Up/AdminDown state machine,
// timer negotiation with jitter, Poll/Final on parameter changes, detection time and diagnostics, plus
// Open vSwitch's decay_min_rx, forwarding_if_rx, cpath_down, check_tnl_key, flap_count and forwarding.
// Clock, randomness and the transmit path are injected; the session arms its own timer on the clock.

import type { BfdConfig } from './config.js'
import { BFD_DEFAULT_SRC_IP } from './config.js'
import { decodeBfdFrame, encodeBfdFrame, BFD_TTL, type DecodedBfdFrame } from './frame.js'
import { BFD_STATES, decodeControlPacket, diagnosticName, encodeControlPacket, type BfdState, type ControlPacket } from './packet.js'
import { Diag, SessionVars, State, rxInterval, txInterval, minTxAdvertised } from './session-vars.js'

/** Time source and one-shot timers, in milliseconds (a virtual clock in tests). */
export interface BfdClock {
  now(): number
  /** Calls `callback` once at time `at` (or at once if past); returns a canceller. */
  setTimer(at: number, callback: () => void): () => void
}

/** What a session needs from its surroundings. */
export interface BfdSessionDeps {
  /** Interface name, used in log lines. */
  readonly name: string
  readonly clock: BfdClock
  /** Uniform random unsigned 32-bit integers (transmit jitter). */
  readonly random: () => number
  /** bfd.LocalDiscr: non-zero, unique on this system (see BfdRegistry). */
  readonly discriminator: number
  /** UDP source port for all of this session's packets, 49152..65535. */
  readonly udpSrc: number
  /** The interface's current MAC (Ethernet source unless bfd_local_src_mac is set). */
  readonly hwAddr: () => string
  /** Sends one frame out of the interface; `oam` asks for the tunnel OAM bit. */
  readonly transmit: (frame: Uint8Array, oam: boolean) => void
  /** The interface's rx_packets counter (for decay_min_rx); absent = 0. */
  readonly rxPackets?: () => number
  /** Called whenever bfd_status may have changed (ovs-vswitchd's connectivity seq). */
  readonly onStatusChange?: () => void
  /** Log sink for state changes and dropped packets, worded as lib/bfd.c. */
  readonly log?: (level: 'info' | 'warn', text: string) => void
}

/** Frame metadata from the datapath: the tunnel key the frame arrived with (0 when not tunnelled). */
export interface ReceiveMeta {
  readonly tunnelKey?: bigint
}

/** The values bfd_status is made of (status.ts renders them). */
export interface BfdSessionStatus {
  readonly forwarding: boolean
  readonly state: BfdState
  readonly remoteState: BfdState
  readonly diagnostic: string
  readonly remoteDiagnostic: string
  readonly flapCount: number
}

/**
 * A running session. States, as in RFC 5880 §6.2 and lib/bfd.c:
 * - admin_down: only by setAdminDown(true); sends AdminDown, ignores what it receives, never times out.
 * - down: the start; remote fields reset; TX at ≥ 1 s; Down heard → init, Init heard → up.
 * - init: heard the peer's Down; Init/Up heard → up; detection timer running.
 * - up: Down/AdminDown heard → down ("Neighbor Signaled Session Down"); silence for the detection time →
 *   down ("Control Detection Time Expired").
 */
export class BfdSession {
  readonly #deps: BfdSessionDeps
  readonly #v: SessionVars
  #cancelTimer: (() => void) | undefined
  #closed = false

  /** Creates a session in state down and starts transmitting at once (as bfd_configure + the monitor do). */
  constructor(deps: BfdSessionDeps, config: BfdConfig) {
    this.#deps = deps
    this.#v = new SessionVars(config, deps.rxPackets?.() ?? 0)
    this.#setState(State.Down, Diag.None)
    this.configure(config)
  }

  /** Applies a new configuration (bfd_configure): intervals changed while up start a Poll sequence. */
  configure(config: BfdConfig): void {
    const v = this.#v
    const old = { mult: v.mult, config: v.config }
    let needPoll = false
    let minRxChanged = false
    v.mult = config.mult
    if (v.cfgMinTx !== config.minTx) {
      v.cfgMinTx = config.minTx
      if (v.state !== State.Up || (!v.inPoll() && v.cfgMinTx < v.minTx)) v.minTx = v.cfgMinTx
      needPoll = true
    }
    if (v.cfgMinRx !== config.minRx) {
      v.cfgMinRx = config.minRx
      if (v.state !== State.Up || (!v.inPoll() && v.cfgMinRx > v.minRx)) v.minRx = v.cfgMinRx
      minRxChanged = needPoll = true
    }
    if (v.decayMinRx !== config.decayMinRx || minRxChanged) {
      v.decayMinRx = config.decayMinRx
      v.inDecay = false
      this.#decayUpdate()
      needPoll = true
    }
    v.config = config
    if (old.config.cpathDown !== config.cpathDown) {
      this.#setState(v.state, Diag.None)
      needPoll = true
    }
    if (old.config.forwardingIfRx !== config.forwardingIfRx) {
      if (v.state === State.Up && config.forwardingIfRx) this.#forwardingIfRxUpdate()
      else v.forwardingIfRxDetectTime = 0
    } else if (v.state === State.Up && config.forwardingIfRx && old.mult !== config.mult) {
      this.#forwardingIfRxUpdate()
    }
    if (needPoll) this.#poll()
    this.#arm()
  }

  /**
   * One monitor step: sends a packet if one is due (or a Final is owed), then runs the timers
   * (detection expiry, decay, polls). Called by the session's own timer; safe to call any time.
   */
  run(): void {
    if (this.#closed) return
    const v = this.#v
    if (v.finalPending() || this.#now() >= v.nextTx) this.#sendPacket()
    const oldInDecay = v.inDecay
    if (v.state > State.Down && this.#now() >= v.detectTime) this.#setState(State.Down, Diag.Expired)
    this.forwarding()
    if (v.state === State.Up && v.decayMinRx > 0 && this.#now() >= v.decayDetectTime) this.#tryDecay()
    const minRxOff = v.minRx !== v.cfgMinRx && v.minRx !== v.decayMinRx
    if (v.minTx !== v.cfgMinTx || minRxOff || v.inDecay !== oldInDecay) this.#poll()
    this.#arm()
  }

  /** When the session next needs to run: now if a Final is owed, else the next TX or detection deadline. */
  wakeTime(): number {
    const v = this.#v
    if (v.finalPending()) return this.#now()
    return v.state > State.Down ? Math.min(v.detectTime, v.nextTx) : v.nextTx
  }

  /**
   * Offers a received frame (an upcall). Returns false when it is not this session's BFD traffic
   * (bfd_should_process_flow: not IPv4/UDP/3784, wrong bfd_remote_dst_mac, IP destination not a
   * non-default bfd_src_ip, or a non-zero tunnel key with check_tnl_key); otherwise processes it
   * (RFC 5880 §6.8.6; invalid packets are logged and dropped) and returns true.
   */
  receive(frame: Uint8Array, meta: ReceiveMeta = {}): boolean {
    const decoded = decodeBfdFrame(frame)
    const config = this.#v.config
    if (!decoded || (config.remoteDstMac !== undefined && decoded.ethDst !== config.remoteDstMac)) return false
    if (config.srcIp !== BFD_DEFAULT_SRC_IP && decoded.ipDst !== config.srcIp) return false
    if (config.checkTnlKey && (meta.tunnelKey ?? 0n) !== 0n) return false
    if (!this.#closed) this.#process(decoded)
    this.#arm()
    return true
  }

  /** Accounts data packets received on the interface (bfd_account_rx) for forwarding_if_rx. */
  accountRx(packets: number): void {
    if (packets <= 0 || !this.#v.config.forwardingIfRx) return
    this.forwarding()
    this.#forwardingIfRxUpdate()
    this.forwarding()
  }

  /** Whether the interface may forward (may bump flap_count: every change of this value counts once). */
  forwarding(): boolean {
    const v = this.#v
    const now = this.#now()
    const byRx = v.config.forwardingIfRx && v.forwardingIfRxDetectTime > now && v.demandRxBfdTime > now
    const pathDown = v.rmtDiag === Diag.PathDown || v.rmtDiag === Diag.CpathDown || v.rmtDiag === Diag.RcpathDown
    const forwarding = (v.state === State.Up || byRx) && !pathDown
    if (forwarding !== v.lastForwarding) {
      v.lastForwarding = forwarding
      v.flapCount++
      this.#statusChanged()
    }
    return forwarding
  }

  /** The current status values (bfd_get_status). */
  status(): BfdSessionStatus {
    const v = this.#v
    return {
      forwarding: this.forwarding(),
      state: BFD_STATES[v.state]!,
      remoteState: BFD_STATES[v.rmtState]!,
      diagnostic: diagnosticName(v.diag),
      remoteDiagnostic: diagnosticName(v.rmtDiag),
      flapCount: v.flapCount,
    }
  }

  /** Returns whether the status changed since the last call, and clears that (bfd_check_status_change). */
  takeStatusChange(): boolean {
    const changed = this.#v.statusChanged
    this.#v.statusChanged = false
    return changed
  }

  /** Enters (diag "Administratively Down") or leaves (to down) AdminDown, RFC 5880 §6.8.16. */
  setAdminDown(adminDown: boolean): void {
    if (adminDown && this.#v.state !== State.AdminDown) this.#setState(State.AdminDown, Diag.AdminDown)
    else if (!adminDown && this.#v.state === State.AdminDown) this.#setState(State.Down, this.#v.diag)
    this.#arm()
  }

  /** Stops the session's timer; it sends and processes nothing more. */
  close(): void {
    this.#closed = true
    this.#cancelTimer?.()
    this.#cancelTimer = undefined
  }

  #process(frame: DecodedBfdFrame): void {
    const v = this.#v
    v.decayRxCtl++
    this.forwarding()
    const packet = this.#validate(frame)
    if (packet) this.#accept(packet)
    this.forwarding()
  }

  #validate(frame: DecodedBfdFrame): ControlPacket | undefined {
    if (frame.ttl !== BFD_TTL) return undefined
    const result = decodeControlPacket(frame.payload)
    if (!result.ok) return this.#drop(result.reason)
    const your = result.packet.yourDiscriminator
    if (your !== 0 && your !== this.#deps.discriminator) return this.#drop('Incorrect your_disc')
    return result.packet
  }

  #accept(p: ControlPacket): void {
    const v = this.#v
    const rmtState = BFD_STATES.indexOf(p.state) as State
    if (v.rmtState !== rmtState) this.#statusChanged()
    v.rmtDisc = p.myDiscriminator
    v.rmtState = rmtState
    v.rmtDiag = p.diag
    if (p.final && v.inPoll()) {
      v.minTx = v.pollMinTx
      v.minRx = v.pollMinRx
      v.poll = false
      this.#log('info', `${this.#deps.name}: Poll sequence terminated.`)
    }
    if (p.poll) {
      v.poll = false
      v.final = true
    }
    v.rmtMult = p.detectMult
    const rmtMinRx = Math.max(Math.floor(p.requiredMinRxUs / 1000), 1)
    if (v.rmtMinRx !== rmtMinRx) {
      v.rmtMinRx = rmtMinRx
      if (v.nextTx) this.#setNextTx()
    }
    v.rmtMinTx = Math.max(Math.floor(p.desiredMinTxUs / 1000), 1)
    v.detectTime = rxInterval(v) * v.rmtMult + this.#now()
    if (v.state === State.AdminDown) return
    this.#transition(rmtState)
    if (v.config.forwardingIfRx) v.demandRxBfdTime = this.#now() + 100 * v.cfgMinRx
  }

  /** RFC 5880 §6.8.6's state table, on a valid packet from a peer in `remote`. */
  #transition(remote: State): void {
    const state = this.#v.state
    if (remote === State.AdminDown) {
      if (state !== State.Down) this.#setState(State.Down, Diag.RmtDown)
    } else if (state === State.Down) {
      if (remote === State.Down) this.#setState(State.Init, this.#v.diag)
      else if (remote === State.Init) this.#setState(State.Up, this.#v.diag)
    } else if (state === State.Init) {
      if (remote > State.Down) this.#setState(State.Up, this.#v.diag)
    } else if (remote <= State.Down) {
      this.#setState(State.Down, Diag.RmtDown)
    }
  }

  #setState(state: State, requested: Diag): void {
    const v = this.#v
    const diag = v.config.cpathDown ? Diag.CpathDown : requested
    if (v.state === state && v.diag === diag) return
    const [from, to] = [BFD_STATES[v.state], BFD_STATES[state]]
    this.#log('info', `${this.#deps.name}: BFD state change: ${from}->${to} "${diagnosticName(v.diag)}"->"${diagnosticName(diag)}".`)
    v.state = state
    v.diag = diag
    if (state <= State.Down) v.resetRemote()
    if (state === State.Up && v.decayMinRx) this.#decayUpdate()
    this.#statusChanged()
  }

  #poll(): void {
    const v = this.#v
    if (v.state > State.Down && !v.inPoll() && !v.finalPending()) {
      v.pollMinTx = v.cfgMinTx
      v.pollMinRx = v.inDecay ? v.decayMinRx : v.cfgMinRx
      v.poll = true
      v.nextTx = 0
      this.#log('info', `${this.#deps.name}: Initiating poll sequence`)
    }
  }

  #sendPacket(): void {
    const v = this.#v
    const [minTx, minRx] = v.inPoll() ? [v.pollMinTx, v.pollMinRx] : [minTxAdvertised(v), v.minRx]
    const payload = encodeControlPacket({
      diag: v.diag,
      state: BFD_STATES[v.state]!,
      poll: v.poll,
      final: v.final,
      detectMult: v.mult,
      myDiscriminator: this.#deps.discriminator,
      yourDiscriminator: v.rmtDisc,
      desiredMinTxUs: minTx * 1000,
      requiredMinRxUs: minRx * 1000,
    })
    const c = v.config
    const addresses = { ethSrc: c.localSrcMac ?? this.#deps.hwAddr(), ethDst: c.localDstMac, ipSrc: c.srcIp, ipDst: c.dstIp, udpSrc: this.#deps.udpSrc }
    v.final = false
    v.lastTx = this.#now()
    this.#setNextTx()
    this.#deps.transmit(encodeBfdFrame(addresses, payload), c.oam)
  }

  /** next_tx = last_tx + interval − jitter: 0–25 % of the interval, 10–25 % when mult is 1 (RFC 5880 §6.8.7). */
  #setNextTx(): void {
    const v = this.#v
    const interval = txInterval(v)
    const percent = v.mult === 1 ? 10 + (this.#deps.random() % 16) : this.#deps.random() % 26
    v.nextTx = v.lastTx + interval - Math.floor((interval * percent) / 100)
  }

  #tryDecay(): void {
    const v = this.#v
    const diff = this.#rxPackets() - v.decayRxPackets
    v.inDecay = diff <= 2 * Math.max(v.decayRxCtl, 1)
    this.#decayUpdate()
  }

  #decayUpdate(): void {
    const v = this.#v
    v.decayRxPackets = this.#rxPackets()
    v.decayRxCtl = 0
    v.decayDetectTime = Math.max(v.decayMinRx, 2000) + this.#now()
  }

  #forwardingIfRxUpdate(): void {
    const v = this.#v
    v.forwardingIfRxDetectTime = Math.max(rxInterval(v) * v.mult, 2000) + this.#now()
  }

  #arm(): void {
    this.#cancelTimer?.()
    this.#cancelTimer = this.#closed ? undefined : this.#deps.clock.setTimer(this.wakeTime(), () => this.run())
  }

  #statusChanged(): void {
    this.#v.statusChanged = true
    this.#deps.onStatusChange?.()
  }

  #drop(reason: string): undefined {
    this.#log('warn', `${this.#deps.name}: ${reason}.`)
    return undefined
  }

  #log(level: 'info' | 'warn', text: string): void {
    this.#deps.log?.(level, text)
  }

  #now(): number {
    return this.#deps.clock.now()
  }

  #rxPackets(): number {
    return this.#deps.rxPackets?.() ?? 0
  }
}
