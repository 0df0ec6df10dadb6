// The sim engine: an in-process, deterministic switch behind the Engine interface. Bridges live on
// datapaths ("netdev", "system"); system interfaces need a declared device; patch ports carry frames
// to their peer; wires (wire.ts) join devices of one or two engines; every frame arriving on an
// interface becomes an upcall. Time comes from an injected clock (a VirtualClock in tests).

import { systemClock, type Clock } from '../clock.js'
import { OFPP_LOCAL, type BridgeSpec, type BridgeState, type Engine, type EngineEvent, type InterfaceSpec, type InterfaceState, type PortSpec } from '../engine.js'
import { EngineError, bridgeCreateFailed, couldNotAdd, noSuchBridge, noUsablePeerText, patchNeedsPeer } from '../errors.js'
import type { DeviceSpec } from './devices.js'
import { SimInterface } from './interface.js'
import { mtuAccepted, openDevice } from './open-device.js'
import { SimBridge } from './sim-bridge.js'
import type { Wire } from './wire.js'

/** Datapath types of the sim engine (what ovs-vswitchd on Linux reports). */
export const SIM_DATAPATH_TYPES = ['netdev', 'system'] as const
/** Interface types the sim engine opens. */
export const SIM_INTERFACE_TYPES = ['dummy', 'internal', 'patch', 'system', 'tap'] as const

/** How to build a sim engine. */
export interface SimEngineOptions {
  /** Default: the real clock. */
  readonly clock?: Clock
  /** System devices that exist from the start. */
  readonly devices?: readonly DeviceSpec[]
}

/** The in-process switch. Besides Engine, it has hooks a test uses like `ip link` on a host. */
export class SimEngine implements Engine {
  readonly clock: Clock
  readonly #devices = new Map<string, DeviceSpec>()
  readonly #bridges = new Map<string, SimBridge>()
  readonly #wires: Wire[] = []
  readonly #listeners = new Set<(event: EngineEvent) => void>()
  readonly #faults = new Map<string, EngineError>()
  #macSeq = 0
  #ifindexSeq = 100

  constructor(options: SimEngineOptions = {}) {
    this.clock = options.clock ?? systemClock
    for (const device of options.devices ?? []) this.#devices.set(device.name, device)
  }

  /** Makes a system device exist (or replaces its description); subscribers hear "changed". */
  declareDevice(spec: DeviceSpec): void {
    this.#devices.set(spec.name, spec)
    this.refreshLinks(`device ${spec.name} appeared`, true)
  }

  /** Makes a device disappear; an interface using it stays attached with its link down. */
  removeDevice(name: string): void {
    this.#devices.delete(name)
    this.refreshLinks(`device ${name} went away`, true)
  }

  /** Sets an attached interface administratively up or down (`ip link set dev NAME up|down`). */
  setAdminState(name: string, up: boolean): void {
    const found = this.#find(name)
    if (found) found.iface.adminUp = up
    this.refreshLinks(`${name} admin ${up ? 'up' : 'down'}`)
  }

  /** Makes adding or reconfiguring interface `name` fail with `error` until cleared with undefined. */
  setFault(name: string, error: EngineError | undefined): void {
    if (error) this.#faults.set(name, error)
    else this.#faults.delete(name)
  }

  async datapathTypes(): Promise<readonly string[]> {
    return SIM_DATAPATH_TYPES
  }

  async interfaceTypes(): Promise<readonly string[]> {
    return SIM_INTERFACE_TYPES
  }

  async listBridges(): Promise<readonly BridgeState[]> {
    return [...this.#bridges.values()].map((br) => this.#bridgeState(br))
  }

  async addBridge(spec: BridgeSpec): Promise<BridgeState> {
    const datapathType = spec.datapathType === '' ? 'system' : spec.datapathType
    if (!(SIM_DATAPATH_TYPES as readonly string[]).includes(datapathType)) throw bridgeCreateFailed(spec.name, 'Address family not supported by protocol')
    const existing = this.#bridges.get(spec.name)
    if (existing && existing.datapathType !== datapathType) throw bridgeCreateFailed(spec.name, 'File exists')
    if (existing) return this.#bridgeState(existing)
    const br = new SimBridge(spec.name, datapathType)
    const local = new SimInterface(spec.name, 'internal', OFPP_LOCAL, { options: {}, mac: this.newMac(), mtu: 1500, adminUp: false, ifindex: this.newIfindex(), driver: { name: 'tun', version: '1.6' } })
    this.#attach(br, local)
    this.#bridges.set(spec.name, br)
    return this.#bridgeState(br)
  }

  async deleteBridge(name: string): Promise<void> {
    if (this.#bridges.delete(name)) this.refreshLinks(`bridge ${name} deleted`, true)
  }

  async addInterface(bridge: string, spec: InterfaceSpec): Promise<InterfaceState> {
    const br = this.#bridge(bridge)
    const local = spec.name === bridge ? br.interfaces.get(spec.name) : undefined
    if (local) return this.reconfigureInterface(bridge, spec)
    this.#checkFault(spec.name)
    if (this.#find(spec.name)) throw couldNotAdd(spec.name, 'File exists')
    const opened = openDevice(spec, this)
    const ofport = br.ofports.allocate(this.clock.now(), spec.ofportRequest)
    if (ofport === undefined) throw couldNotAdd(spec.name, 'No space left on device')
    const iface = new SimInterface(spec.name, opened.kind, ofport, { ...opened, options: { ...spec.options } })
    this.#applySettings(iface, spec)
    this.#attach(br, iface)
    this.refreshLinks(`${spec.name} added`)
    return this.#interfaceState(br, iface)
  }

  async reconfigureInterface(bridge: string, spec: InterfaceSpec): Promise<InterfaceState> {
    const br = this.#bridge(bridge)
    const iface = br.interfaces.get(spec.name)
    if (!iface) throw new Error(`reconfigureInterface: ${spec.name} is not on bridge ${bridge}`)
    this.#checkFault(spec.name)
    const kind = spec.type === '' ? 'system' : spec.type
    if (kind !== iface.kind && spec.name !== bridge) throw new Error(`reconfigureInterface: ${spec.name} is ${iface.kind}, not ${kind}`)
    if (iface.kind === 'patch' && (!spec.options['peer'] || spec.options['peer'] === spec.name)) throw patchNeedsPeer(spec.name)
    iface.options = { ...spec.options }
    this.#applySettings(iface, spec)
    this.refreshLinks(`${spec.name} reconfigured`)
    return this.#interfaceState(br, iface)
  }

  async deleteInterface(bridge: string, name: string): Promise<void> {
    const br = this.#bridges.get(bridge)
    const iface = br?.interfaces.get(name)
    if (!br || !iface || iface.ofport === OFPP_LOCAL) return
    br.interfaces.delete(name)
    br.ofports.free(iface.ofport, this.clock.now())
    this.#emit({ kind: 'log', level: 'info', text: `bridge ${bridge}: deleted interface ${name} on port ${iface.ofport}` })
  }

  async setPort(bridge: string, spec: PortSpec): Promise<void> {
    this.#bridge(bridge).ports.set(spec.name, { ...spec, interfaces: [...spec.interfaces] })
  }

  async deletePort(bridge: string, name: string): Promise<void> {
    this.#bridges.get(bridge)?.ports.delete(name)
  }

  async execute(bridge: string, ofport: number, frame: Uint8Array): Promise<void> {
    const br = this.#bridge(bridge)
    const iface = br.byOfport(ofport)
    if (!iface) throw new EngineError(`bridge ${bridge} has no port ${ofport}`, false)
    if (this.#link(iface) === 'down') return iface.count('tx_dropped')
    iface.count('tx_packets')
    iface.count('tx_bytes', frame.length)
    if (iface.kind === 'patch') {
      const peer = this.#usablePeer(br, iface)
      if (peer) this.clock.setTimer(this.clock.now(), () => this.#receive(peer.br, peer.iface, frame))
      return
    }
    for (const wire of this.#wires) wire.carry(this, iface.name, frame)
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  async close(): Promise<void> {
    this.#listeners.clear()
    this.#bridges.clear()
  }

  /** @internal A fresh locally administered MAC, aa:55:aa:55:00:01 upward (as the dummy netdev). */
  newMac(): string {
    const n = ++this.#macSeq
    return `aa:55:aa:55:${((n >> 8) & 0xff).toString(16).padStart(2, '0')}:${(n & 0xff).toString(16).padStart(2, '0')}`
  }

  /** @internal A fresh ifindex. */
  newIfindex(): number {
    return ++this.#ifindexSeq
  }

  /** @internal A declared device. */
  device(name: string): DeviceSpec | undefined {
    return this.#devices.get(name)
  }

  /** @internal Registers a wire touching this engine (connectWire does this). */
  attachWire(wire: Wire): void {
    this.#wires.push(wire)
    this.refreshLinks('wire connected')
  }

  /** @internal A frame arrives from a wire at device `name`. */
  deliver(name: string, frame: Uint8Array): void {
    const found = this.#find(name)
    if (found) this.#receive(found.br, found.iface, frame)
  }

  /** @internal Recomputes link states; emits "changed" when one changed (or always, with `force`). */
  refreshLinks(reason: string, force = false): void {
    let changed = force
    for (const br of this.#bridges.values()) for (const iface of br.interfaces.values()) changed = iface.noteLink(this.#link(iface)) || changed
    if (changed) this.#emit({ kind: 'changed', reason })
  }

  #receive(br: SimBridge, iface: SimInterface, frame: Uint8Array): void {
    if (this.#bridges.get(br.name) !== br || br.interfaces.get(iface.name) !== iface || this.#link(iface) === 'down') return
    iface.count('rx_packets')
    iface.count('rx_bytes', frame.length)
    this.#emit({ kind: 'upcall', upcall: { bridge: br.name, ofport: iface.ofport, interface: iface.name, frame } })
  }

  #link(iface: SimInterface): 'up' | 'down' {
    if (!iface.adminUp) return 'down'
    if (iface.kind === 'patch' || iface.kind === 'internal' || iface.kind === 'tap') return 'up'
    const device = this.#devices.get(iface.name)
    if (iface.kind === 'system' && !device) return 'down'
    const wires = this.#wires.filter((w) => w.otherEnd(this, iface.name))
    if (wires.length > 0) return wires.every((w) => w.intact) ? 'up' : 'down'
    return (device?.carrier ?? true) ? 'up' : 'down'
  }

  #usablePeer(br: SimBridge, iface: SimInterface): { br: SimBridge; iface: SimInterface } | undefined {
    const found = this.#find(iface.options['peer'] ?? '')
    if (!found || found.br.datapathType !== br.datapathType || found.iface.kind !== 'patch') return undefined
    return found.iface.options['peer'] === iface.name ? found : undefined
  }

  #applySettings(iface: SimInterface, spec: InterfaceSpec): void {
    if (spec.mac !== undefined && iface.kind === 'internal') iface.mac = spec.mac
    if (spec.mtuRequest === undefined || iface.mtu === spec.mtuRequest) return
    if (mtuAccepted(iface.kind, spec.mtuRequest)) iface.mtu = spec.mtuRequest
    else if (iface.kind !== 'patch') this.#emit({ kind: 'log', level: 'warn', text: `failed to set MTU for network device ${iface.name}: Invalid argument` })
  }

  #attach(br: SimBridge, iface: SimInterface): void {
    br.interfaces.set(iface.name, iface)
    iface.noteLink(this.#link(iface))
    this.#emit({ kind: 'log', level: 'info', text: `bridge ${br.name}: added interface ${iface.name} on port ${iface.ofport}` })
  }

  #interfaceState(br: SimBridge, iface: SimInterface): InterfaceState {
    const peerMissing = iface.kind === 'patch' && !this.#usablePeer(br, iface)
    return iface.snapshot(this.#link(iface), peerMissing ? noUsablePeerText(iface.options['peer'] ?? '', br.datapathType) : undefined)
  }

  #bridgeState(br: SimBridge): BridgeState {
    return {
      name: br.name,
      datapathType: br.datapathType,
      datapathVersion: '<built-in>',
      interfaces: [...br.interfaces.values()].map((iface) => this.#interfaceState(br, iface)),
      ports: [...br.ports.values()],
    }
  }

  #bridge(name: string): SimBridge {
    const br = this.#bridges.get(name)
    if (!br) throw noSuchBridge(name)
    return br
  }

  #find(name: string): { br: SimBridge; iface: SimInterface } | undefined {
    for (const br of this.#bridges.values()) {
      const iface = br.interfaces.get(name)
      if (iface) return { br, iface }
    }
    return undefined
  }

  #checkFault(name: string): void {
    const fault = this.#faults.get(name)
    if (fault) throw fault
  }

  #emit(event: EngineEvent): void {
    for (const listener of [...this.#listeners]) listener(event)
  }
}
