// A minimal SwitchDriver for reconciler tests that do not need the sim engine: bridges, interfaces
// with OVS-style ofport allocation, declared system devices, and injectable faults.

import type { DesiredInterface } from '../../reconciler/desired.js'
import { DriverError, type BridgeStatus, type CreatedInterface, type InterfaceStatus, type SwitchDriver } from '../../reconciler/driver.js'
import { OFPP_LOCAL, type ObservedBridge, type ObservedInterface, type ObservedState } from '../../reconciler/plan.js'

interface Bridge {
  datapathType: string
  interfaces: Map<string, ObservedInterface>
}

/** An in-memory switch driven only through SwitchDriver. */
export class FakeDriver implements SwitchDriver {
  readonly bridges = new Map<string, Bridge>()
  readonly devices: Set<string>
  /** Interface names whose creation fails with a retryable error. */
  readonly faults = new Set<string>()
  /** Every mutating call, for tests that count engine work. */
  readonly calls: string[] = []
  #listeners: (() => void)[] = []

  constructor(devices: readonly string[] = []) {
    this.devices = new Set(devices)
  }

  async datapathTypes(): Promise<readonly string[]> {
    return ['netdev', 'system']
  }

  async ifaceTypes(): Promise<readonly string[]> {
    return ['internal', 'patch', 'system', 'tap']
  }

  async observe(): Promise<ObservedState> {
    const out = new Map<string, ObservedBridge>()
    for (const [name, bridge] of this.bridges) out.set(name, { name, datapathType: bridge.datapathType, interfaces: new Map(bridge.interfaces) })
    return out
  }

  async createBridge(name: string, datapathType: string): Promise<void> {
    this.calls.push(`create-bridge ${name}`)
    this.bridges.set(name, { datapathType, interfaces: new Map() })
  }

  async deleteBridge(name: string): Promise<void> {
    this.calls.push(`delete-bridge ${name}`)
    this.bridges.delete(name)
  }

  async createInterface(bridge: string, iface: DesiredInterface): Promise<CreatedInterface> {
    this.calls.push(`create-interface ${iface.name}`)
    if (this.faults.has(iface.name)) throw new DriverError(`could not add network device ${iface.name} to ofproto (Resource temporarily unavailable)`, true)
    if (iface.type === 'system' && !this.devices.has(iface.name)) throw new DriverError(`could not open network device ${iface.name} (No such device)`, true)
    const br = this.bridges.get(bridge)!
    const ofport = iface.name === bridge ? OFPP_LOCAL : this.#allocate(br, iface.ofportRequest)
    br.interfaces.set(iface.name, observed(iface, ofport))
    return { ofport }
  }

  async changeInterface(bridge: string, iface: DesiredInterface): Promise<void> {
    this.calls.push(`change-interface ${iface.name}`)
    const br = this.bridges.get(bridge)!
    br.interfaces.set(iface.name, observed(iface, br.interfaces.get(iface.name)!.ofport))
  }

  async deleteInterface(bridge: string, name: string): Promise<void> {
    this.calls.push(`delete-interface ${name}`)
    this.bridges.get(bridge)?.interfaces.delete(name)
  }

  async interfaceStatus(_bridge: string, name: string): Promise<InterfaceStatus> {
    return {
      adminState: 'up', linkState: 'up', linkResets: 0, linkSpeed: undefined, duplex: undefined, mtu: 1500,
      mac: `aa:55:aa:55:00:${(name.length % 256).toString(16).padStart(2, '0')}`, ifindex: 0, status: {}, statistics: { rx_packets: 0, tx_packets: 0 }, error: undefined,
    }
  }

  async bridgeStatus(_name: string): Promise<BridgeStatus> {
    return { datapathId: '0000aa55aa550001', datapathVersion: '<built-in>' }
  }

  transmit(): void {}

  onUpcall(): void {}

  onChange(listener: () => void): void {
    this.#listeners.push(listener)
  }

  #allocate(bridge: Bridge, request: number | undefined): number {
    const used = new Set([...bridge.interfaces.values()].map((iface) => iface.ofport))
    if (request !== undefined && !used.has(request)) return request
    let port = 1
    while (used.has(port)) port++
    return port
  }
}

function observed(iface: DesiredInterface, ofport: number): ObservedInterface {
  return { name: iface.name, port: iface.port, type: iface.type, ofport, options: iface.options, mtuRequest: iface.mtuRequest, mac: iface.mac, tag: iface.tag }
}
