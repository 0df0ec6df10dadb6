// The desired switch, computed from a replica snapshot as bridge_reconfigure reads the database:
// the bridges Open_vSwitch.bridges names, their ports (fake bridges are VLAN-tagged ports of their
// parent, bonds are ports with several interfaces) and each interface's type, options, requests and
// bfd map. A pure function: a row that cannot be used becomes a RowError instead of an exception.

import type { Integer } from '../schema/index.js'
import type { Replica, RowData } from '../client/index.js'
import { OFPORT_AUTO_MAX } from './plan.js'
import { readBoolean, readInteger, readSet, readString, readStringMap } from './replica-read.js'

/** One interface as configured; `type` is the netdev type ('' in the row means 'system'). */
export interface DesiredInterface {
  readonly uuid: string
  readonly name: string
  readonly bridge: string
  readonly port: string
  readonly type: string
  readonly options: Readonly<Record<string, string>>
  readonly ofportRequest: number | undefined
  /** The ofport the row already holds (≥ 1): asked for again on creation, so numbers survive restarts (iface_pick_ofport). */
  readonly previousOfport: number | undefined
  readonly mtuRequest: number | undefined
  /** Interface:mac, honoured for internal interfaces. */
  readonly mac: string | undefined
  readonly bfd: Readonly<Record<string, string>>
  /** VLAN tag of the port (fake bridges and access ports). */
  readonly tag: number | undefined
}

/** One port: a single interface, or a bond of several. */
export interface DesiredPort {
  readonly uuid: string
  readonly name: string
  readonly tag: number | undefined
  readonly fakeBridge: boolean
  readonly interfaces: readonly DesiredInterface[]
}

/** One bridge and its ports; `datapathType` '' in the row means 'system'. */
export interface DesiredBridge {
  readonly uuid: string
  readonly name: string
  readonly datapathType: string
  readonly ports: readonly DesiredPort[]
  /** other_config:datapath-id when it is 16 hex digits. */
  readonly datapathId: string | undefined
}

/** A row that is ignored, with the reason ovs-vswitchd logs (written to Interface:error for interfaces). */
export interface RowError {
  readonly table: 'Bridge' | 'Port' | 'Interface'
  readonly uuid: string
  readonly name: string
  readonly message: string
}

/** The whole desired state of one pass. */
export interface DesiredState {
  readonly ovsUuid: string | undefined
  readonly nextCfg: Integer
  readonly otherConfig: Readonly<Record<string, string>>
  readonly bridges: readonly DesiredBridge[]
  /** Every usable interface by name (names are unique across bridges). */
  readonly interfaces: ReadonlyMap<string, DesiredInterface>
  readonly errors: readonly RowError[]
}

/** Computes the desired state from `replica`; never throws, never mutates. */
export function desiredState(replica: Replica): DesiredState {
  const ovsRows = replica.tables.get('Open_vSwitch')
  const [ovsUuid, ovs] = ovsRows === undefined ? [] : ([...ovsRows][0] ?? [])
  const errors: RowError[] = []
  const interfaces = new Map<string, DesiredInterface>()
  const bridges: DesiredBridge[] = []
  const bridgeNames = new Set<string>()
  const portNames = new Set<string>()
  for (const uuid of ovs === undefined ? [] : readSet(ovs, 'bridges')) {
    const row = replica.tables.get('Bridge')?.get(String(uuid))
    if (row === undefined) continue
    const name = readString(row, 'name')
    if (/[/\\]/.test(name)) {
      errors.push({ table: 'Bridge', uuid: String(uuid), name, message: `ignoring bridge with invalid name "${name}"` })
      continue
    }
    if (bridgeNames.has(name)) {
      errors.push({ table: 'Bridge', uuid: String(uuid), name, message: `bridge ${name} specified twice` })
      continue
    }
    bridgeNames.add(name)
    bridges.push(desiredBridge(replica, String(uuid), row, { errors, interfaces, portNames }))
  }
  return {
    ovsUuid,
    nextCfg: ovs === undefined ? 0 : (readInteger(ovs, 'next_cfg') ?? 0),
    otherConfig: ovs === undefined ? {} : readStringMap(ovs, 'other_config'),
    bridges,
    interfaces,
    errors,
  }
}

interface Collect {
  readonly errors: RowError[]
  readonly interfaces: Map<string, DesiredInterface>
  readonly portNames: Set<string>
}

function desiredBridge(replica: Replica, uuid: string, row: RowData, collect: Collect): DesiredBridge {
  const name = readString(row, 'name')
  const ports: DesiredPort[] = []
  for (const portUuid of readSet(row, 'ports')) {
    const portRow = replica.tables.get('Port')?.get(String(portUuid))
    if (portRow === undefined) continue
    const port = desiredPort(replica, String(portUuid), portRow, name, collect)
    if (port !== undefined) ports.push(port)
  }
  const datapathId = readStringMap(row, 'other_config')['datapath-id']
  return {
    uuid,
    name,
    datapathType: readString(row, 'datapath_type') || 'system',
    ports,
    datapathId: datapathId !== undefined && /^[0-9a-fA-F]{16}$/.test(datapathId) ? datapathId.toLowerCase() : undefined,
  }
}

function desiredPort(replica: Replica, uuid: string, row: RowData, bridge: string, collect: Collect): DesiredPort | undefined {
  const name = readString(row, 'name')
  if (collect.portNames.has(name)) {
    collect.errors.push({ table: 'Port', uuid, name, message: `bridge ${bridge}: ${name} specified twice as bridge port` })
    return undefined
  }
  collect.portNames.add(name)
  const tagValue = readInteger(row, 'tag')
  const tag = tagValue === undefined ? undefined : Number(tagValue)
  const interfaces: DesiredInterface[] = []
  for (const ifaceUuid of readSet(row, 'interfaces')) {
    const ifaceRow = replica.tables.get('Interface')?.get(String(ifaceUuid))
    if (ifaceRow === undefined) continue
    const iface = desiredInterface(String(ifaceUuid), ifaceRow, bridge, name, tag)
    if (collect.interfaces.has(iface.name)) {
      const message = `bridge ${bridge}: interface ${iface.name} is already configured on bridge ${collect.interfaces.get(iface.name)!.bridge}`
      collect.errors.push({ table: 'Interface', uuid: iface.uuid, name: iface.name, message })
      continue
    }
    collect.interfaces.set(iface.name, iface)
    interfaces.push(iface)
  }
  if (interfaces.length === 0) {
    collect.errors.push({ table: 'Port', uuid, name, message: `port ${name}: has no interfaces, dropping` })
    return undefined
  }
  return { uuid, name, tag, fakeBridge: readBoolean(row, 'fake_bridge'), interfaces }
}

function desiredInterface(uuid: string, row: RowData, bridge: string, port: string, tag: number | undefined): DesiredInterface {
  const ofportRequest = readInteger(row, 'ofport_request')
  const mtuRequest = readInteger(row, 'mtu_request')
  const ofport = Number(readInteger(row, 'ofport') ?? 0)
  const mac = readString(row, 'mac')
  return {
    uuid,
    name: readString(row, 'name'),
    bridge,
    port,
    type: readString(row, 'type') || 'system',
    options: readStringMap(row, 'options'),
    ofportRequest: ofportRequest === undefined ? undefined : Number(ofportRequest),
    previousOfport: ofport >= 1 && ofport <= OFPORT_AUTO_MAX ? ofport : undefined,
    mtuRequest: mtuRequest === undefined ? undefined : Number(mtuRequest),
    mac: mac === '' ? undefined : mac,
    bfd: readStringMap(row, 'bfd'),
    tag,
  }
}
