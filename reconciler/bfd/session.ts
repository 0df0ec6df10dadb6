// One BFD session (RFC 5880) as ovs-vswitchd runs it: the Down/Init/Up/AdminDown state machine,
// timer negotiation with jitter, Poll/Final on parameter changes, detection time and diagnostics, plus
// Open vSwitch's decay_min_rx, forwarding_if_rx, cpath_down, check_tnl_key, flap_count and forwarding.
// Clock, randomness and the transmit path are injected; the session arms its own timer on the clock.

import { BFD_DEFAULT_SRC_IP, type BfdConfig } from './config.js'
import { decodeBfdFrame, encodeBfdFrame, BFD_TTL, type DecodedBfdFrame } from './frame.js'
import { BFD_STATES, decodeControlPacket, diagnosticName, encodeControlPacket, type ControlPacket } from './packet.js'
import { Diag, SessionVars, State } from './session-vars.js'
import type { BfdSessionDeps, BfdSessionStatus, ReceiveMeta } from './session-deps.js'

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
    if (!decoded || !isForSession(this.#v.config, decoded, meta.tunnelKey ?? 0n)) return false
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
    const forwarding = v.computeForwarding(this.#now())
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
    const { remoteStateChanged, pollTerminated } = v.absorb(p, this.#now(), this.#deps.random)
    if (remoteStateChanged) this.#statusChanged()
    if (pollTerminated) this.#log('info', `${this.#deps.name}: Poll sequence terminated.`)
    if (v.state === State.AdminDown) return
    this.#transition(v.rmtState)
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
    const payload = encodeControlPacket(v.controlPacket(this.#deps.discriminator))
    const c = v.config
    const addresses = { ethSrc: c.localSrcMac ?? this.#deps.hwAddr(), ethDst: c.localDstMac, ipSrc: c.srcIp, ipDst: c.dstIp, udpSrc: this.#deps.udpSrc }
    v.final = false
    v.lastTx = this.#now()
    this.#setNextTx()
    this.#deps.transmit(encodeBfdFrame(addresses, payload), c.oam)
  }

  #setNextTx(): void {
    this.#v.setNextTx(this.#deps.random())
  }

  #tryDecay(): void {
    this.#v.tryDecay(this.#rxPackets(), this.#now())
  }

  #decayUpdate(): void {
    this.#v.decayUpdate(this.#rxPackets(), this.#now())
  }

  #forwardingIfRxUpdate(): void {
    this.#v.forwardingIfRxUpdate(this.#now())
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

/** bfd_should_process_flow's per-session part: bfd_remote_dst_mac, a non-default bfd_src_ip, check_tnl_key. */
function isForSession(config: BfdConfig, frame: DecodedBfdFrame, tunnelKey: bigint): boolean {
  if (config.remoteDstMac !== undefined && frame.ethDst !== config.remoteDstMac) return false
  if (config.srcIp !== BFD_DEFAULT_SRC_IP && frame.ipDst !== config.srcIp) return false
  return !config.checkTnlKey || tunnelKey === 0n
}
