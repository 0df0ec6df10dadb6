// SwitchDriver over an engines/ Engine (sim today, linux next): bridges and interfaces map one to one,
// ports (bundles: bonds, VLAN-tagged fake-bridge ports) are kept in step with the interfaces in them,
// EngineErrors become DriverErrors with the same text, and upcalls, changes and log lines are relayed.
// The engine does not report what was requested (MTU, MAC), so the adapter remembers what it applied.

import type { DesiredInterface } from './desired.js'
import { DriverError, type BridgeStatus, type CreatedInterface, type InterfaceStatus, type SwitchDriver } from './driver.js'
import { EngineError, type BridgeState, type Engine, type InterfaceSpec, type InterfaceState, type PortSpec } from './engines/index.js'
import type { ReconcilerLog } from './log.js'
import type { ObservedBridge, ObservedInterface, ObservedState } from './plan.js'

/** Link speed and duplex netdev-linux devices report (the kinds that have a driver). */
const LINUX_LINK_SPEED = 10_000_000_000

type Index = ReadonlyMap<string, { readonly state: BridgeState; readonly interfaces: ReadonlyMap<string, InterfaceState> }>

interface Applied {
  readonly mtuRequest: number | undefined
  readonly mac: string | undefined
}

/** The reconciler's driver for one Engine. */
export class EngineDriver implements SwitchDriver {
  readonly #applied = new Map<string, Applied>()
  #snapshot: Promise<readonly BridgeState[]> | undefined
  #index: Promise<Index> | undefined
  /** The engine's ports per bridge as of the last observe(), kept current by this adapter's own changes. */
  readonly #ports = new Map<string, Map<string, PortSpec>>()

  constructor(private readonly engine: Engine, private readonly log: ReconcilerLog) {
    engine.subscribe((event) => {
      if (event.kind === 'log') log[event.level]('bridge', event.text)
    })
  }

  datapathTypes(): Promise<readonly string[]> {
    return this.engine.datapathTypes()
  }

  ifaceTypes(): Promise<readonly string[]> {
    return this.engine.interfaceTypes()
  }

  async observe(): Promise<ObservedState> {
    this.#invalidate()
    this.#snapshot = this.engine.listBridges()
    const out = new Map<string, ObservedBridge>()
    this.#ports.clear()
    for (const bridge of await this.#snapshot) {
      out.set(bridge.name, this.#observedBridge(bridge))
      this.#ports.set(bridge.name, new Map(bridge.ports.map((port) => [port.name, port])))
    }
    return out
  }

  async createBridge(name: string, datapathType: string): Promise<void> {
    await this.#mutate(() => this.engine.addBridge({ name, datapathType }))
  }

  async deleteBridge(name: string): Promise<void> {
    for (const key of [...this.#applied.keys()]) if (key.startsWith(`${name}/`)) this.#applied.delete(key)
    this.#ports.delete(name)
    await this.#mutate(() => this.engine.deleteBridge(name))
  }

  async createInterface(bridge: string, iface: DesiredInterface): Promise<CreatedInterface> {
    const state = await this.#mutate(() => this.engine.addInterface(bridge, interfaceSpec(iface)))
    this.#applied.set(`${bridge}/${iface.name}`, { mtuRequest: iface.mtuRequest, mac: iface.mac })
    await this.#joinPort(bridge, iface)
    return { ofport: state.ofport, ...(state.error === undefined ? {} : { error: state.error }) }
  }

  async changeInterface(bridge: string, iface: DesiredInterface): Promise<void> {
    await this.#mutate(() => this.engine.reconfigureInterface(bridge, interfaceSpec(iface)))
    this.#applied.set(`${bridge}/${iface.name}`, { mtuRequest: iface.mtuRequest, mac: iface.mac })
    await this.#joinPort(bridge, iface)
  }

  async deleteInterface(bridge: string, name: string): Promise<void> {
    this.#applied.delete(`${bridge}/${name}`)
    const ports = this.#ports.get(bridge)
    for (const port of [...(ports?.values() ?? [])]) {
      if (!port.interfaces.includes(name)) continue
      const rest = { ...port, interfaces: port.interfaces.filter((member) => member !== name) }
      if (rest.interfaces.length === 0) ports!.delete(port.name)
      else ports!.set(port.name, rest)
      await this.#mutate(() => (rest.interfaces.length === 0 ? this.engine.deletePort(bridge, port.name) : this.engine.setPort(bridge, rest)))
    }
    await this.#mutate(() => this.engine.deleteInterface(bridge, name))
  }

  async interfaceStatus(bridge: string, name: string): Promise<InterfaceStatus> {
    const state = (await this.#indexed()).get(bridge)?.interfaces.get(name)
    return state === undefined ? ABSENT : interfaceStatus(state)
  }

  async bridgeStatus(name: string): Promise<BridgeStatus> {
    const entry = (await this.#indexed()).get(name)
    const mac = entry?.interfaces.get(name)?.mac ?? '00:00:00:00:00:00'
    return { datapathId: `0000${mac.replace(/:/g, '')}`, datapathVersion: entry?.state.datapathVersion ?? '<unknown>' }
  }

  transmit(bridge: string, name: string, frame: Uint8Array): void {
    void (async () => {
      const ofport = (await this.#indexed()).get(bridge)?.interfaces.get(name)?.ofport
      if (ofport !== undefined) await this.engine.execute(bridge, ofport, frame)
    })().catch((error: unknown) => this.log.dbg('bfd', `${name}: transmit failed: ${String(error)}`))
  }

  onUpcall(listener: (bridge: string, name: string, frame: Uint8Array, tunnelKey?: bigint) => void): void {
    this.engine.subscribe((event) => {
      if (event.kind === 'upcall') listener(event.upcall.bridge, event.upcall.interface, event.upcall.frame, event.upcall.tunnelKey)
    })
  }

  onChange(listener: () => void): void {
    this.engine.subscribe((event) => {
      if (event.kind === 'changed') {
        this.#invalidate()
        listener()
      }
    })
  }

  /** The engine's bridges, read once until something changes, indexed by bridge and interface name. */
  #indexed(): Promise<Index> {
    this.#index ??= (this.#snapshot ??= this.engine.listBridges()).then((bridges) => new Map(bridges.map((state) => [state.name, { state, interfaces: new Map(state.interfaces.map((i) => [i.name, i])) }])))
    return this.#index
  }

  #invalidate(): void {
    this.#snapshot = undefined
    this.#index = undefined
  }

  #observedBridge(bridge: BridgeState): ObservedBridge {
    const portOf = new Map<string, { name: string; tag: number | undefined }>()
    for (const port of bridge.ports) for (const member of port.interfaces) portOf.set(member, { name: port.name, tag: port.tag })
    const interfaces = new Map<string, ObservedInterface>()
    for (const iface of bridge.interfaces) {
      const applied = this.#applied.get(`${bridge.name}/${iface.name}`)
      if (applied === undefined) continue
      const port = portOf.get(iface.name)
      interfaces.set(iface.name, {
        name: iface.name, port: port?.name ?? '', type: iface.type, ofport: iface.ofport, options: iface.options,
        mtuRequest: applied.mtuRequest, mac: applied.mac, tag: port?.tag,
      })
    }
    return { name: bridge.name, datapathType: bridge.datapathType, interfaces }
  }

  /** Adds `iface` to its port (creating the port), with the port's VLAN tag. */
  async #joinPort(bridge: string, iface: DesiredInterface): Promise<void> {
    const ports = this.#ports.get(bridge) ?? new Map<string, PortSpec>()
    this.#ports.set(bridge, ports)
    const members = [...new Set([...(ports.get(iface.port)?.interfaces ?? []), iface.name])]
    const spec: PortSpec = { name: iface.port, interfaces: members, ...(iface.tag === undefined ? {} : { tag: iface.tag }) }
    ports.set(iface.port, spec)
    await this.#mutate(() => this.engine.setPort(bridge, spec))
  }

  async #mutate<T>(operation: () => Promise<T>): Promise<T> {
    this.#invalidate()
    try {
      return await operation()
    } catch (error) {
      if (error instanceof EngineError) throw new DriverError(error.message, error.retryable)
      throw error
    }
  }
}

const ABSENT: InterfaceStatus = {
  adminState: undefined, linkState: undefined, linkResets: undefined, linkSpeed: undefined, duplex: undefined,
  mtu: undefined, mac: undefined, ifindex: undefined, status: {}, statistics: {}, error: undefined,
}

function interfaceSpec(iface: DesiredInterface): InterfaceSpec {
  return {
    name: iface.name,
    type: iface.type,
    options: iface.options,
    ...(iface.ofportRequest === undefined && iface.previousOfport === undefined ? {} : { ofportRequest: iface.ofportRequest ?? iface.previousOfport }),
    ...(iface.mtuRequest === undefined ? {} : { mtuRequest: iface.mtuRequest }),
    ...(iface.mac === undefined ? {} : { mac: iface.mac }),
  }
}

function interfaceStatus(state: InterfaceState): InterfaceStatus {
  const linux = state.status.driver_name !== undefined
  return {
    adminState: state.adminState,
    linkState: state.linkState,
    linkResets: state.linkResets,
    linkSpeed: linux ? LINUX_LINK_SPEED : undefined,
    duplex: linux ? 'full' : undefined,
    mtu: state.mtu,
    mac: state.mac,
    ifindex: state.ifindex,
    status: state.status,
    statistics: state.statistics,
    error: state.error,
  }
}
