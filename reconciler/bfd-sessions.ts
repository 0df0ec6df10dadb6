// BFD per interface (ofproto_port_set_bfd): configures, reconfigures or removes each interface's
// session from its Interface:bfd map, sends its packets through the driver (a datapath execute) and
// feeds it the upcalls that arrive on its interface. bfd_status comes from here.

import { BfdRegistry, bfdStatusMap, parseBfdConfig, type BfdSession, type BfdState, type BfdStatusMap } from './bfd/index.js'
import type { Clock } from './engines/clock.js'
import type { DesiredInterface } from './desired.js'
import type { SwitchDriver } from './driver.js'
import type { ReconcilerLog } from './log.js'

interface Entry {
  readonly bridge: string
  readonly session: BfdSession
  readonly configText: string
}

/** The live BFD sessions of one reconciler, by interface name. */
export class BfdSessions {
  readonly #registry: BfdRegistry
  readonly #entries = new Map<string, Entry>()
  readonly #macs = new Map<string, string>()
  /** Frames received per interface (every received frame reaches userspace here), for decay_min_rx. */
  readonly #rxPackets = new Map<string, number>()

  /** `onStatusChange` is called whenever some bfd_status may have changed (wake the loop). */
  constructor(
    private readonly driver: SwitchDriver,
    private readonly clock: Clock,
    random: () => number,
    private readonly log: ReconcilerLog,
    private readonly onStatusChange: () => void,
  ) {
    this.#registry = new BfdRegistry(random)
    driver.onUpcall((_bridge, name, frame, tunnelKey) => {
      this.#rxPackets.set(name, (this.#rxPackets.get(name) ?? 0) + 1)
      const session = this.#entries.get(name)?.session
      if (session !== undefined && !session.receive(frame, tunnelKey === undefined ? {} : { tunnelKey })) session.accountRx(1)
    })
  }

  /**
   * Brings the sessions in line with `ifaces` (the interfaces that exist now, with their MACs):
   * enable creates a session, a changed map reconfigures it, disable or removal destroys it.
   */
  sync(ifaces: readonly { iface: DesiredInterface; mac: string | undefined }[]): void {
    const seen = new Set<string>()
    for (const { iface, mac } of ifaces) {
      seen.add(iface.name)
      this.#macs.set(iface.name, mac ?? '00:00:00:00:00:00')
      this.#syncOne(iface)
    }
    for (const name of [...this.#entries.keys()]) if (!seen.has(name)) this.#remove(name)
  }

  /** Interface:bfd_status of `name`: `{}` when BFD is not enabled there. */
  status(name: string): BfdStatusMap {
    return bfdStatusMap(this.#entries.get(name)?.session)
  }

  /** How many live sessions are in each local state (states with none are absent); for /metrics. */
  countByState(): Map<BfdState, number> {
    const counts = new Map<BfdState, number>()
    for (const { session } of this.#entries.values()) {
      const { state } = session.status()
      counts.set(state, (counts.get(state) ?? 0) + 1)
    }
    return counts
  }

  /** Ends every session. */
  close(): void {
    for (const name of [...this.#entries.keys()]) this.#remove(name)
  }

  #syncOne(iface: DesiredInterface): void {
    const configText = JSON.stringify(iface.bfd)
    const entry = this.#entries.get(iface.name)
    if (entry !== undefined && entry.configText === configText && entry.bridge === iface.bridge) return
    const parsed = parseBfdConfig(iface.bfd, iface.name)
    for (const line of parsed.logs) this.log[line.level]('bfd', line.text)
    if (parsed.config === undefined || (entry !== undefined && entry.bridge !== iface.bridge)) this.#remove(iface.name)
    if (parsed.config === undefined) return
    const current = this.#entries.get(iface.name)
    if (current !== undefined) {
      current.session.configure(parsed.config)
      this.#entries.set(iface.name, { ...current, configText })
      return
    }
    const { name, bridge } = iface
    const session = this.#registry.create({
      name,
      clock: this.clock,
      hwAddr: () => this.#macs.get(name) ?? '00:00:00:00:00:00',
      transmit: (frame) => this.driver.transmit(bridge, name, frame),
      rxPackets: () => this.#rxPackets.get(name) ?? 0,
      onStatusChange: this.onStatusChange,
      log: (level, text) => this.log[level]('bfd', text),
    }, parsed.config)
    this.#entries.set(name, { bridge, session, configText })
    this.onStatusChange()
  }

  #remove(name: string): void {
    const entry = this.#entries.get(name)
    if (entry === undefined) return
    this.#registry.destroy(entry.session)
    this.#entries.delete(name)
    this.onStatusChange()
  }
}
