// SwitchDriver over an engines/ Engine (sim today, linux next): bridges and interfaces map one to one,
// ports (bundles: bonds, VLAN-tagged fake-bridge ports) are kept in step with the interfaces in them,
// EngineErrors become DriverErrors with the same text, and upcalls, changes and log lines are relayed.
// The engine does not report what was requested (MTU, MAC), so the adapter remembers what it applied.

import type { DesiredInterface } from './desired.js'
import { DriverError, type BridgeStatus, type CreatedInterface, type InterfaceStatus, type SwitchDriver } from './driver.js'
import { EngineError, type BridgeState, type Engine, type InterfaceSpec, type InterfaceState } from './engines/index.js'
import type { ReconcilerLog } from './log.js'
import type { ObservedBridge, ObservedInterface, ObservedState } from './plan.js'

/** Link speed and duplex netdev-linux devices report (the kinds that have a driver). */
const LINUX_LINK_SPEED = 10_000_000_000

interface Applied {
  readonly mtuRequest: number | undefined
  readonly mac: string | undefined
}

/** The reconciler's driver for one Engine. */
export class EngineDriver implements SwitchDriver {
  readonly #applied = new Map<string, Applied>()
  #snapshot: Promise<readonly BridgeState[]> | undefined

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
    this.#snapshot = this.engine.listBridges()
    const out = new Map<string, ObservedBridge>()
    for (const bridge of await this.#snapshot) out.set(bridge.name, this.#observedBridge(bridge))
    return out
  }

  async createBridge(name: string, datapathType: string): Promise<void> {
    await this.#mutate(() => this.engine.addBridge({ name, datapathType }))
  }

  async deleteBridge(name: string): Promise<void> {
    for (const key of [...this.#applied.keys()]) if (key.startsWith(`${name}/`)) this.#applied.delete(key)
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
    const state = (await this.engine.listBridges()).find((b) => b.name === bridge)
    for (const port of state?.ports ?? []) {
      if (!port.interfaces.includes(name)) continue
      const rest = port.interfaces.filter((member) => member !== name)
      await this.#mutate(() => (rest.length === 0 ? this.engine.deletePort(bridge, port.name) : this.engine.setPort(bridge, { ...port, interfaces: rest })))
    }
    await this.#mutate(() => this.engine.deleteInterface(bridge, name))
  }

  async interfaceStatus(bridge: string, name: string): Promise<InterfaceStatus> {
    const state = (await this.#bridges()).find((b) => b.name === bridge)?.interfaces.find((i) => i.name === name)
    return state === undefined ? ABSENT : interfaceStatus(state)
  }

  async bridgeStatus(name: string): Promise<BridgeStatus> {
    const state = (await this.#bridges()).find((b) => b.name === name)
    const mac = state?.interfaces.find((i) => i.name === name)?.mac ?? '00:00:00:00:00:00'
    return { datapathId: `0000${mac.replace(/:/g, '')}`, datapathVersion: state?.datapathVersion ?? '<unknown>' }
  }

  transmit(bridge: string, name: string, frame: Uint8Array): void {
    void (async () => {
      const ofport = (await this.#bridges()).find((b) => b.name === bridge)?.interfaces.find((i) => i.name === name)?.ofport
      if (ofport !== undefined) await this.engine.execute(bridge, ofport, frame)
    })().catch((error: unknown) => this.log.dbg('bfd', `${name}: transmit failed: ${String(error)}`))
  }

  onUpcall(listener: (bridge: string, name: string, frame: Uint8Array) => void): void {
    this.engine.subscribe((event) => {
      if (event.kind === 'upcall') listener(event.upcall.bridge, event.upcall.interface, event.upcall.frame)
    })
  }

  onChange(listener: () => void): void {
    this.engine.subscribe((event) => {
      if (event.kind === 'changed') {
        this.#snapshot = undefined
        listener()
      }
    })
  }

  #bridges(): Promise<readonly BridgeState[]> {
    this.#snapshot ??= this.engine.listBridges()
    return this.#snapshot
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
    const state = (await this.engine.listBridges()).find((b) => b.name === bridge)
    const current = state?.ports.find((port) => port.name === iface.port)
    const members = [...new Set([...(current?.interfaces ?? []), iface.name])]
    await this.#mutate(() => this.engine.setPort(bridge, { name: iface.port, interfaces: members, ...(iface.tag === undefined ? {} : { tag: iface.tag }) }))
  }

  async #mutate<T>(operation: () => Promise<T>): Promise<T> {
    this.#snapshot = undefined
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
