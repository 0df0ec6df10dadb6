// One attached interface of the sim engine: its kind, ofport, addresses, MTU, admin state and
// counters, and the snapshot (InterfaceState) the engine reports for it. @internal to sim/.

import type { InterfaceState, PortKind } from '../engine.js'

/** Counters kept for every interface; kinds report the subset ovs-vswitchd shows for them. */
const LINUX_STAT_KEYS = [
  'collisions',
  'rx_bytes',
  'rx_crc_err',
  'rx_dropped',
  'rx_errors',
  'rx_frame_err',
  'rx_missed_errors',
  'rx_multicast_packets',
  'rx_over_err',
  'rx_packets',
  'tx_bytes',
  'tx_dropped',
  'tx_errors',
  'tx_packets',
] as const
const PATCH_STAT_KEYS = ['rx_bytes', 'rx_packets', 'tx_bytes', 'tx_packets'] as const
type StatKey = (typeof LINUX_STAT_KEYS)[number]

/** @internal A live interface; the engine mutates it, `snapshot` copies it out. */
export class SimInterface {
  options: Record<string, string>
  mac: string | undefined
  mtu: number | undefined
  adminUp: boolean
  linkResets = 0
  lastLink: 'up' | 'down' | undefined
  readonly ifindex: number
  readonly driver: { name: string; version: string } | undefined
  readonly #stats = new Map<StatKey, number>()

  constructor(
    readonly name: string,
    readonly kind: PortKind,
    readonly ofport: number,
    init: { options: Record<string, string>; mac: string | undefined; mtu: number | undefined; adminUp: boolean; ifindex: number; driver?: { name: string; version: string } },
  ) {
    this.options = init.options
    this.mac = init.mac
    this.mtu = init.mtu
    this.adminUp = init.adminUp
    this.ifindex = init.ifindex
    this.driver = init.driver
  }

  /** Adds to a counter. */
  count(key: StatKey, by = 1): void {
    this.#stats.set(key, (this.#stats.get(key) ?? 0) + by)
  }

  /** Current value of a counter. */
  counter(key: StatKey): number {
    return this.#stats.get(key) ?? 0
  }

  /** Records the link state now in force; counts a reset on every change after the first. Returns whether it changed. */
  noteLink(link: 'up' | 'down'): boolean {
    if (this.lastLink === link) return false
    if (this.lastLink !== undefined) this.linkResets++
    this.lastLink = link
    return true
  }

  /** The state reported to the reconciler. */
  snapshot(link: 'up' | 'down', error: string | undefined): InterfaceState {
    const keys = this.kind === 'patch' ? PATCH_STAT_KEYS : LINUX_STAT_KEYS
    return {
      name: this.name,
      type: this.kind,
      ofport: this.ofport,
      options: { ...this.options },
      adminState: this.adminUp ? 'up' : 'down',
      linkState: link,
      linkResets: this.linkResets,
      mtu: this.mtu,
      mac: this.mac,
      ifindex: this.ifindex,
      status: this.driver ? { driver_name: this.driver.name, driver_version: this.driver.version, firmware_version: '' } : {},
      statistics: Object.fromEntries(keys.map((k) => [k, this.counter(k)])),
      error,
    }
  }
}
