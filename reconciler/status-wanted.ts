// What the status columns should say after a pass, column for column as ovs-vswitchd writes them:
// Interface (ofport, error, netdev status, statistics, bfd_status; a failed interface gets ofport -1,
// its error and the netdev columns cleared, as iface_clear_db_record), Port (a bond's
// bond_active_slave), Bridge (datapath_id, datapath_version), Open_vSwitch (cur_cfg = next_cfg, datapath and interface types, dpdk_*).

import type { BfdSessions } from './bfd-sessions.js'
import type { DesiredInterface, DesiredState } from './desired.js'
import type { InterfaceStatus, SwitchDriver } from './driver.js'
import type { ReconfigureResult } from './reconfigure.js'
import type { ColumnValue } from './status-snapshot.js'
import type { WantedStatus } from './status.js'

type Columns = Record<string, ColumnValue>

/** Netdev columns an interface that could not be created has empty (iface_clear_db_record). */
const CLEARED: Columns = {
  admin_state: null, link_state: null, link_resets: null, link_speed: null, duplex: null,
  mtu: null, mac_in_use: null, ifindex: null, status: {}, statistics: {}, bfd_status: {},
}

/**
 * Builds the wanted status of every configured row. Interface:statistics is included for the rows
 * `withStatistics` accepts (all of them on the periodic refresh, new ones otherwise); for the others
 * that column keeps its last written value.
 */
export async function wantedStatus(
  desired: DesiredState, result: ReconfigureResult, driver: SwitchDriver, bfd: BfdSessions, withStatistics: (uuid: string) => boolean,
): Promise<WantedStatus> {
  return {
    Interface: await interfaceRows(desired, result, driver, bfd, withStatistics),
    Port: await portRows(desired, result, driver),
    Bridge: await bridgeRows(desired, result, driver),
    Open_vSwitch: await ovsRow(desired, driver),
  }
}

async function interfaceRows(
  desired: DesiredState, result: ReconfigureResult, driver: SwitchDriver, bfd: BfdSessions, withStatistics: (uuid: string) => boolean,
): Promise<Map<string, Columns>> {
  const rows = new Map<string, Columns>()
  for (const [uuid, outcome] of result.interfaces) if (outcome.ofport < 0) rows.set(uuid, { ofport: -1, error: outcome.error ?? null, ...CLEARED })
  for (const iface of desired.interfaces.values()) {
    const outcome = result.interfaces.get(iface.uuid)
    if (outcome === undefined || outcome.ofport < 0) continue
    const status = await driver.interfaceStatus(iface.bridge, iface.name)
    rows.set(iface.uuid, interfaceColumns(iface, outcome.ofport, outcome.error ?? status.error, status, bfd, withStatistics(iface.uuid)))
  }
  return rows
}

async function portRows(desired: DesiredState, result: ReconfigureResult, driver: SwitchDriver): Promise<Map<string, Columns>> {
  const rows = new Map<string, Columns>()
  for (const port of desired.bridges.flatMap((bridge) => bridge.ports)) {
    if (port.interfaces.length > 1) rows.set(port.uuid, { bond_active_slave: await activeMember(port.interfaces, result, driver) })
  }
  return rows
}

/** A bridge that could not be created gets datapath_version "" and nothing else, as ovs-vswitchd leaves it. */
async function bridgeRows(desired: DesiredState, result: ReconfigureResult, driver: SwitchDriver): Promise<Map<string, Columns>> {
  const rows = new Map<string, Columns>()
  for (const bridge of desired.bridges) {
    if (result.failedBridges.has(bridge.name)) rows.set(bridge.uuid, { datapath_version: '' })
    if (!result.observed.has(bridge.name)) continue
    const status = await driver.bridgeStatus(bridge.name)
    rows.set(bridge.uuid, { datapath_id: bridge.datapathId ?? status.datapathId, datapath_version: status.datapathVersion })
  }
  return rows
}

async function ovsRow(desired: DesiredState, driver: SwitchDriver): Promise<Map<string, Columns>> {
  if (desired.ovsUuid === undefined) return new Map()
  return new Map([[desired.ovsUuid, {
    datapath_types: [...(await driver.datapathTypes())],
    iface_types: [...(await driver.ifaceTypes())],
    dpdk_version: 'none',
    dpdk_initialized: false,
    cur_cfg: desired.nextCfg,
  }]])
}

/** The MAC of a bond's active member: the member with link up and the lowest ofport; null when none is up. */
async function activeMember(members: readonly DesiredInterface[], result: ReconfigureResult, driver: SwitchDriver): Promise<string | null> {
  let best: { ofport: number; mac: string } | undefined
  for (const member of members) {
    const ofport = result.interfaces.get(member.uuid)?.ofport ?? -1
    if (ofport < 0 || (best !== undefined && best.ofport < ofport)) continue
    const status = await driver.interfaceStatus(member.bridge, member.name)
    if (status.linkState === 'up' && status.mac !== undefined) best = { ofport, mac: status.mac }
  }
  return best?.mac ?? null
}

function interfaceColumns(iface: DesiredInterface, ofport: number, error: string | undefined, status: InterfaceStatus, bfd: BfdSessions, withStatistics: boolean): Columns {
  const columns: Columns = {
    ofport,
    error: error ?? null,
    admin_state: status.adminState ?? null,
    link_state: status.linkState ?? null,
    link_resets: status.linkResets ?? null,
    link_speed: status.linkSpeed ?? null,
    duplex: status.duplex ?? null,
    mtu: status.mtu ?? null,
    mac_in_use: status.mac ?? null,
    ifindex: status.ifindex ?? null,
    status: status.status,
    bfd_status: bfd.status(iface.name) as Record<string, string>,
  }
  if (withStatistics) columns.statistics = status.statistics
  return columns
}
