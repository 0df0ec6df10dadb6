// netdev_open for the sim engine: what opening an interface of each kind yields (MAC, MTU, admin
// state, ifindex, driver), or the EngineError ovs-vswitchd reports for it. @internal to sim/.

import type { InterfaceSpec, PortKind } from '../engine.js'
import { PORT_KINDS } from '../engine.js'
import { noSuchDevice, patchNeedsPeer, unsupportedType } from '../errors.js'
import type { DeviceSpec } from './devices.js'

/** The initial properties of an opened device. */
export interface OpenedDevice {
  readonly kind: PortKind
  readonly mac: string | undefined
  readonly mtu: number | undefined
  readonly adminUp: boolean
  readonly ifindex: number
  readonly driver?: { name: string; version: string }
}

/** Engine facilities opening needs: declared devices and fresh addresses. */
export interface DeviceSource {
  device(name: string): DeviceSpec | undefined
  newMac(): string
  newIfindex(): number
}

/** The smallest and largest MTU a sim device accepts (Linux's limits for veth and tap). */
export const MTU_RANGE = [68, 65535] as const

/**
 * Opens `spec` as its kind: system needs a declared device; patch needs options:peer naming another
 * interface; internal and tap are created (admin down, as ovs-vswitchd leaves them); dummy is up.
 * Throws EngineError with ovs-vswitchd's text for a missing device, an unknown type or a peerless patch.
 */
export function openDevice(spec: InterfaceSpec, source: DeviceSource): OpenedDevice {
  const kind = (spec.type === '' ? 'system' : spec.type) as PortKind
  if (!(PORT_KINDS as readonly string[]).includes(kind)) throw unsupportedType(spec.name)
  switch (kind) {
    case 'system': {
      const device = source.device(spec.name)
      if (!device) throw noSuchDevice(spec.name)
      const driver = device.driver ?? { name: 'veth', version: '1.0' }
      return { kind, mac: device.mac ?? source.newMac(), mtu: device.mtu ?? 1500, adminUp: device.adminUp ?? true, ifindex: device.ifindex ?? source.newIfindex(), driver }
    }
    case 'patch': {
      const peer = spec.options['peer']
      if (!peer || peer === spec.name) throw patchNeedsPeer(spec.name)
      return { kind, mac: source.newMac(), mtu: undefined, adminUp: true, ifindex: 0 }
    }
    case 'dummy':
      return { kind, mac: source.newMac(), mtu: 1500, adminUp: true, ifindex: 0 }
    default:
      return { kind, mac: source.newMac(), mtu: 1500, adminUp: false, ifindex: source.newIfindex(), driver: { name: 'tun', version: '1.6' } }
  }
}

/** Whether a device of `kind` accepts `mtu` (patch ports have no MTU). */
export function mtuAccepted(kind: PortKind, mtu: number): boolean {
  return kind !== 'patch' && Number.isInteger(mtu) && mtu >= MTU_RANGE[0] && mtu <= MTU_RANGE[1]
}
