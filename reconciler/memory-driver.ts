// An in-process switch behind SwitchDriver, modelled on ovs-vswitchd's dummy datapath: datapaths of
// every type, ofport allocation as ofproto does it (requests honoured, local port 65534, others from
// 1 upward, numbers not reused at once), netdev kinds with the status values the dummy netdevs report,
// patch ports that carry packets to their peer as upcalls, system devices only when declared, and
// injectable faults. The reconciler's default engine until engines/sim is wired in through the driver.

import { createHash } from 'node:crypto'
import type { DesiredInterface } from './desired.js'
import { DriverError, type BridgeStatus, type CreatedInterface, type InterfaceStatus, type SwitchDriver } from './driver.js'
import { OFPP_LOCAL, type ObservedBridge, type ObservedInterface, type ObservedState } from './plan.js'

/** Datapath types this driver offers (Open_vSwitch:datapath_types). */
export const MEMORY_DATAPATH_TYPES = ['dummy', 'netdev', 'system'] as const
/** Interface types it can create; the list a dummy-enabled ovs-vswitchd reports is wider. */
export const MEMORY_IFACE_TYPES = ['dummy', 'dummy-internal', 'internal', 'patch', 'system', 'tap'] as const

/** Highest automatically assigned port number (the upper half is left to controllers). */
const OFPORT_AUTO_MAX = 32767
const DUMMY_STATS = ['rx_bytes', 'rx_custom_packets_1', 'rx_custom_packets_2', 'rx_packets', 'rx_q0_bytes', 'rx_q0_packets', 'tx_bytes', 'tx_packets', 'tx_q0_bytes', 'tx_q0_packets'] as const
const PATCH_STATS = ['rx_bytes', 'rx_packets', 'tx_bytes', 'tx_packets'] as const

interface Port extends ObservedInterface {
  readonly macInUse: string
  readonly counters: Record<string, number>
}

interface Bridge {
  readonly datapathType: string
  readonly ports: Map<string, Port>
  lastOfport: number
}

/** The in-memory switch. */
export class MemoryDriver implements SwitchDriver {
  readonly #bridges = new Map<string, Bridge>()
  readonly #devices: Set<string>
  readonly #faults = new Set<string>()
  readonly #upcalls: ((bridge: string, name: string, frame: Uint8Array) => void)[] = []
  readonly #changes: (() => void)[] = []
  #macCounter = 1

  /** `devices` are the system devices that exist (only they can be added as type system). */
  constructor(devices: readonly string[] = []) {
    this.#devices = new Set(devices)
  }

  datapathTypes(): readonly string[] {
    return MEMORY_DATAPATH_TYPES
  }

  ifaceTypes(): readonly string[] {
    return MEMORY_IFACE_TYPES
  }

  async observe(): Promise<ObservedState> {
    const out = new Map<string, ObservedBridge>()
    for (const [name, bridge] of this.#bridges) out.set(name, { name, datapathType: bridge.datapathType, interfaces: new Map(bridge.ports) })
    return out
  }

  async createBridge(name: string, datapathType: string): Promise<void> {
    if (!(MEMORY_DATAPATH_TYPES as readonly string[]).includes(datapathType)) throw new DriverError(`Unknown datapath type ${datapathType}`, false)
    if (!this.#bridges.has(name)) this.#bridges.set(name, { datapathType, ports: new Map(), lastOfport: 0 })
  }

  async deleteBridge(name: string): Promise<void> {
    this.#bridges.delete(name)
  }

  async createInterface(bridgeName: string, iface: DesiredInterface): Promise<CreatedInterface> {
    const bridge = this.#bridges.get(bridgeName)
    if (bridge === undefined) throw new DriverError(`bridge ${bridgeName} does not exist`, true)
    if (this.#faults.has(iface.name)) throw new DriverError(`could not add network device ${iface.name} to ofproto (Resource temporarily unavailable)`, true)
    checkNetdev(iface, this.#devices)
    const existing = bridge.ports.get(iface.name)
    if (existing !== undefined) return { ofport: existing.ofport }
    const ofport = iface.name === bridgeName ? OFPP_LOCAL : allocateOfport(bridge, iface.ofportRequest)
    const local = iface.name === bridgeName || iface.type === 'patch'
    const macInUse = local ? hashedMac(`${bridgeName}/${iface.name}`) : dummyMac(this.#macCounter++)
    const counters = Object.fromEntries((iface.type === 'patch' ? PATCH_STATS : DUMMY_STATS).map((key) => [key, 0]))
    bridge.ports.set(iface.name, { ...observed(iface, ofport), macInUse, counters })
    return { ofport }
  }

  async changeInterface(bridgeName: string, iface: DesiredInterface): Promise<void> {
    const port = this.#bridges.get(bridgeName)?.ports.get(iface.name)
    if (port === undefined) throw new DriverError(`could not open network device ${iface.name} (No such device)`, true)
    checkNetdev(iface, this.#devices)
    this.#bridges.get(bridgeName)!.ports.set(iface.name, { ...port, ...observed(iface, port.ofport) })
  }

  async deleteInterface(bridgeName: string, name: string): Promise<void> {
    this.#bridges.get(bridgeName)?.ports.delete(name)
  }

  async interfaceStatus(bridgeName: string, name: string): Promise<InterfaceStatus> {
    const port = this.#bridges.get(bridgeName)?.ports.get(name)
    const patch = port?.type === 'patch'
    return {
      adminState: port === undefined ? undefined : 'up',
      linkState: port === undefined ? undefined : 'up',
      linkResets: port === undefined ? undefined : 0,
      linkSpeed: undefined,
      duplex: undefined,
      mtu: port === undefined || patch ? undefined : (port.mtuRequest ?? 1500),
      mac: port?.mac ?? port?.macInUse,
      ifindex: port === undefined ? undefined : 0,
      status: {},
      statistics: { ...(port?.counters ?? {}) },
      error: undefined,
    }
  }

  async bridgeStatus(name: string): Promise<BridgeStatus> {
    const local = this.#bridges.get(name)?.ports.get(name)
    const mac = local?.mac ?? local?.macInUse ?? hashedMac(`${name}/${name}`)
    return { datapathId: `0000${mac.replace(/:/g, '')}`, datapathVersion: '<built-in>' }
  }

  transmit(bridgeName: string, name: string, frame: Uint8Array): void {
    const port = this.#bridges.get(bridgeName)?.ports.get(name)
    if (port === undefined) return
    count(port, 'tx', frame)
    if (port.type !== 'patch') return
    for (const [peerBridge, bridge] of this.#bridges) {
      const peer = bridge.ports.get(port.options.peer ?? '')
      if (peer === undefined || peer.type !== 'patch' || peer.options.peer !== name) continue
      count(peer, 'rx', frame)
      for (const listener of this.#upcalls) listener(peerBridge, peer.name, frame)
    }
  }

  onUpcall(listener: (bridge: string, name: string, frame: Uint8Array) => void): void {
    this.#upcalls.push(listener)
  }

  onChange(listener: () => void): void {
    this.#changes.push(listener)
  }

  /** Makes a system device exist (or vanish); the reconciler is told something changed. */
  setDevice(name: string, present: boolean): void {
    if (present) this.#devices.add(name)
    else this.#devices.delete(name)
    for (const listener of this.#changes) listener()
  }

  /** Makes creating `name` fail with a retryable error until cleared. */
  setFault(name: string, failing: boolean): void {
    if (failing) this.#faults.add(name)
    else this.#faults.delete(name)
  }
}

/** netdev_open + netdev_set_config: the errors ovs-vswitchd writes for a device it cannot use. */
function checkNetdev(iface: DesiredInterface, devices: ReadonlySet<string>): void {
  if (iface.type === 'patch') {
    const peer = iface.options.peer
    if (peer === undefined || peer === '') throw new DriverError(`${iface.name}: patch type requires valid 'peer' argument`, false)
    if (peer === iface.name) throw new DriverError(`${iface.name}: patch peer must not be self`, false)
    return
  }
  if (iface.type === 'system' && !devices.has(iface.name)) throw new DriverError(`could not open network device ${iface.name} (No such device)`, true)
  if (!(MEMORY_IFACE_TYPES as readonly string[]).includes(iface.type)) throw new DriverError(`could not open network device ${iface.name} (Address family not supported by protocol)`, false)
}

/** alloc_ofp_port: the request when free, else the next free number after the last one given. */
function allocateOfport(bridge: Bridge, request: number | undefined): number {
  const used = new Set([...bridge.ports.values()].map((port) => port.ofport))
  if (request !== undefined && !used.has(request)) return request
  for (let step = 1; step <= OFPORT_AUTO_MAX; step++) {
    const candidate = ((bridge.lastOfport + step - 1) % OFPORT_AUTO_MAX) + 1
    if (!used.has(candidate)) {
      bridge.lastOfport = candidate
      return candidate
    }
  }
  throw new DriverError('no free OpenFlow port numbers', true)
}

function observed(iface: DesiredInterface, ofport: number): ObservedInterface {
  return { name: iface.name, port: iface.port, type: iface.type, ofport, options: iface.options, mtuRequest: iface.mtuRequest, mac: iface.mac, tag: iface.tag }
}

function count(port: Port, direction: 'rx' | 'tx', frame: Uint8Array): void {
  port.counters[`${direction}_packets`] = (port.counters[`${direction}_packets`] ?? 0) + 1
  port.counters[`${direction}_bytes`] = (port.counters[`${direction}_bytes`] ?? 0) + frame.length
}

function dummyMac(n: number): string {
  return `aa:55:aa:55:${((n >> 8) & 0xff).toString(16).padStart(2, '0')}:${(n & 0xff).toString(16).padStart(2, '0')}`
}

function hashedMac(seed: string): string {
  const bytes = createHash('sha256').update(seed).digest().subarray(0, 6)
  bytes[0] = (bytes[0] & 0xfe) | 0x02
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join(':')
}
