// ovs-vsctl's model of bridges, ports and interfaces (vsctl_context_populate_cache): real bridges,
// fake (VLAN) bridges made from ports with fake_bridge=true and a tag, ports placed on the fake
// bridge of their tag, and interfaces — indexed by name, first occurrence wins.

import type { Context } from './context.js'
import { VsctlError } from './errors.js'

export interface VBridge {
  /** The Bridge row; undefined for a fake bridge. */
  readonly uuid: string | undefined
  readonly name: string
  readonly ports: VPort[]
  readonly children: Map<number, VBridge>
  readonly parent: VBridge | undefined
  readonly vlan: number
}

export interface VPort {
  readonly uuid: string
  readonly name: string
  readonly ifaces: VIface[]
  readonly bridge: VBridge
}

export interface VIface {
  readonly uuid: string
  readonly name: string
  readonly port: VPort
}

/** The cache of one invocation, rebuilt after generic database commands. */
export class VsctlCache {
  readonly bridges = new Map<string, VBridge>()
  readonly ports = new Map<string, VPort>()
  readonly ifaces = new Map<string, VIface>()

  addBridge(uuid: string | undefined, name: string, parent: VBridge | undefined, vlan: number, ctx?: Context): VBridge {
    const bridge: VBridge = { uuid, name, ports: [], children: new Map(), parent, vlan }
    if (parent !== undefined) {
      const conflict = parent.children.get(vlan)
      if (conflict !== undefined) ctx?.state.log.warn('vsctl', `${parent.name}: bridge has multiple VLAN bridges (${name} and ${conflict.name}) for VLAN ${vlan}, but only one is allowed`)
      else parent.children.set(vlan, bridge)
    }
    this.bridges.set(name, bridge)
    return bridge
  }

  addPort(parent: VBridge, uuid: string, name: string, tag: number | undefined): VPort {
    const vlanBridge = tag !== undefined && tag >= 0 && tag <= 4095 ? parent.children.get(tag) : undefined
    const bridge = vlanBridge ?? parent
    const port: VPort = { uuid, name, ifaces: [], bridge }
    bridge.ports.push(port)
    this.ports.set(name, port)
    return port
  }

  addIface(port: VPort, uuid: string, name: string): VIface {
    const iface: VIface = { uuid, name, port }
    port.ifaces.push(iface)
    this.ifaces.set(name, iface)
    return iface
  }
}

/** The cache for `ctx`'s transaction view, built on first use (vsctl_context_populate_cache). */
export function populateCache(ctx: Context): VsctlCache {
  if (ctx.state.cache !== undefined) return ctx.state.cache
  const cache = new VsctlCache()
  ctx.state.cache = cache
  const seenBridges = new Set<string>()
  const seenPorts = new Set<string>()
  for (const br of ctx.refs('Open_vSwitch', ctx.ovs, 'bridges')) {
    const name = ctx.string('Bridge', br, 'name')
    if (seenBridges.has(name)) {
      ctx.state.log.warn('vsctl', `${name}: database contains duplicate bridge name`)
      continue
    }
    seenBridges.add(name)
    const bridge = cache.addBridge(br, name, undefined, 0, ctx)
    for (const port of ctx.refs('Bridge', br, 'ports')) {
      const portName = ctx.string('Port', port, 'name')
      if (seenPorts.has(portName)) continue
      seenPorts.add(portName)
      const tag = fakeBridgeTag(ctx, port)
      if (tag !== undefined && !seenBridges.has(portName)) {
        seenBridges.add(portName)
        cache.addBridge(undefined, portName, bridge, tag, ctx)
      }
    }
  }
  addPortsAndIfaces(ctx, cache)
  return cache
}

function addPortsAndIfaces(ctx: Context, cache: VsctlCache): void {
  const seen = new Set<string>()
  for (const br of ctx.refs('Open_vSwitch', ctx.ovs, 'bridges')) {
    const name = ctx.string('Bridge', br, 'name')
    if (seen.has(name)) continue
    seen.add(name)
    const bridge = cache.bridges.get(name)!
    for (const port of ctx.refs('Bridge', br, 'ports')) {
      const portName = ctx.string('Port', port, 'name')
      const existing = cache.ports.get(portName)
      if (existing !== undefined) {
        if (existing.uuid === port) ctx.state.log.warn('vsctl', `${portName}: port is in multiple bridges (${bridge.name} and ${existing.bridge.name})`)
        continue
      }
      if (fakeBridgeTag(ctx, port) !== undefined && seen.has(portName)) continue
      if (fakeBridgeTag(ctx, port) !== undefined) seen.add(portName)
      const vport = cache.addPort(bridge, port, portName, tagOf(ctx, port))
      for (const iface of ctx.refs('Port', port, 'interfaces')) {
        const ifaceName = ctx.string('Interface', iface, 'name')
        const existingIface = cache.ifaces.get(ifaceName)
        if (existingIface !== undefined) {
          if (existingIface.uuid === iface) ctx.state.log.warn('vsctl', `${ifaceName}: interface is in multiple ports (${existingIface.port.name} and ${portName})`)
          continue
        }
        cache.addIface(vport, iface, ifaceName)
      }
    }
  }
}

function tagOf(ctx: Context, port: string): number | undefined {
  const tag = ctx.scalar('Port', port, 'tag')
  return tag === undefined ? undefined : Number(tag)
}

/** The VLAN of a port that makes a fake bridge (fake_bridge=true and a tag in 0..4095). */
function fakeBridgeTag(ctx: Context, port: string): number | undefined {
  const tag = tagOf(ctx, port)
  return ctx.scalar('Port', port, 'fake_bridge') === true && tag !== undefined && tag >= 0 && tag <= 4095 ? tag : undefined
}

/** Verifies Open_vSwitch.bridges, every Bridge.ports and Port.interfaces, once per command (verify_ports). */
export function verifyPorts(ctx: Context): void {
  if (ctx.verifiedPorts) return
  ctx.verify('Open_vSwitch', ctx.ovs, 'bridges')
  for (const br of ctx.txn.rows('Bridge')) ctx.verify('Bridge', br, 'ports')
  for (const port of ctx.txn.rows('Port')) ctx.verify('Port', port, 'interfaces')
  ctx.verifiedPorts = true
}

/** The bridge named `name` (find_bridge); throws "no bridge named" when `mustExist`. */
export function findBridge(ctx: Context, name: string, mustExist: boolean): VBridge | undefined {
  const bridge = populateCache(ctx).bridges.get(name)
  if (mustExist && bridge === undefined) throw new VsctlError(`no bridge named ${name}`)
  ctx.verify('Open_vSwitch', ctx.ovs, 'bridges')
  return bridge
}

/** Like findBridge but rejects fake bridges (find_real_bridge). */
export function findRealBridge(ctx: Context, name: string, mustExist: boolean): VBridge | undefined {
  const bridge = findBridge(ctx, name, mustExist)
  if (bridge?.parent !== undefined) throw new VsctlError(`${name} is a fake bridge`)
  return bridge
}

/** The port named `name`, not counting a bridge's local port (find_port). */
export function findPort(ctx: Context, name: string, mustExist: boolean): VPort | undefined {
  let port = populateCache(ctx).ports.get(name)
  if (port !== undefined && port.bridge.name === name) port = undefined
  if (mustExist && port === undefined) throw new VsctlError(`no port named ${name}`)
  verifyPorts(ctx)
  return port
}

/** The interface named `name`, not counting a bridge's local interface (find_iface). */
export function findIface(ctx: Context, name: string, mustExist: boolean): VIface | undefined {
  let iface = populateCache(ctx).ifaces.get(name)
  if (iface !== undefined && iface.port.bridge.name === name) iface = undefined
  if (mustExist && iface === undefined) throw new VsctlError(`no interface named ${name}`)
  verifyPorts(ctx)
  return iface
}

/** Throws unless `name` is free for a new bridge, port or interface (check_conflicts). */
export function checkConflicts(ctx: Context, name: string, what: string): void {
  verifyPorts(ctx)
  const cache = populateCache(ctx)
  if (cache.bridges.has(name)) throw new VsctlError(`${what} because a bridge named ${name} already exists`)
  const port = cache.ports.get(name)
  if (port !== undefined) throw new VsctlError(`${what} because a port named ${name} already exists on bridge ${port.bridge.name}`)
  const iface = cache.ifaces.get(name)
  if (iface !== undefined) throw new VsctlError(`${what} because an interface named ${iface.name} already exists on bridge ${iface.port.bridge.name}`)
}
