// Prerequisite sets and small row edits shared by the bridge, port and interface commands
// (ovs-vsctl.c pre_get_info, ovs_insert_bridge, bridge_insert_port, del_port, del_bridge).

import type { Context } from '../context.js'
import type { VBridge, VPort } from '../cache.js'
import type { PrereqContext } from '../spec.js'

/** pre_get_info: the columns every bridge/port/interface command reads. */
export function preGetInfo(ctx: PrereqContext): void {
  const p = ctx.prereqs
  p.addColumn('Open_vSwitch', 'bridges')
  for (const column of ['name', 'controller', 'fail_mode', 'ports']) p.addColumn('Bridge', column)
  for (const column of ['name', 'fake_bridge', 'tag', 'interfaces']) p.addColumn('Port', column)
  for (const column of ['name', 'ofport', 'error']) p.addColumn('Interface', column)
}

/** Appends `bridge` to Open_vSwitch.bridges. */
export function ovsInsertBridge(ctx: Context, bridge: string): void {
  ctx.writeSet('Open_vSwitch', ctx.ovs, 'bridges', [...ctx.refs('Open_vSwitch', ctx.ovs, 'bridges'), bridge])
}

/** Appends `port` to `bridge`'s ports. */
export function bridgeInsertPort(ctx: Context, bridge: string, port: string): void {
  ctx.writeSet('Bridge', bridge, 'ports', [...ctx.refs('Bridge', bridge, 'ports'), port])
}

/** The Bridge row that holds `bridge`'s ports (the parent's row for a fake bridge). */
export function realRow(bridge: VBridge): string {
  return (bridge.parent ?? bridge).uuid!
}

/** del_port: removes the port from its bridge and deletes it and its interfaces. */
export function delPort(ctx: Context, port: VPort): void {
  const row = realRow(port.bridge)
  ctx.writeSet('Bridge', row, 'ports', ctx.refs('Bridge', row, 'ports').filter((p) => p !== port.uuid))
  const cache = ctx.state.cache!
  for (const iface of port.ifaces) {
    cache.ifaces.delete(iface.name)
    ctx.txn.delete('Interface', iface.uuid)
  }
  port.ifaces.length = 0
  port.bridge.ports.splice(port.bridge.ports.indexOf(port), 1)
  cache.ports.delete(port.name)
  ctx.txn.delete('Port', port.uuid)
}

/** del_bridge: deletes its VLAN children, its ports, its Flow_Sample_Collector_Sets, then the bridge. */
export function delBridge(ctx: Context, bridge: VBridge): void {
  for (const child of [...bridge.children.values()]) delBridge(ctx, child)
  for (const port of [...bridge.ports]) delPort(ctx, port)
  for (const set of ctx.txn.rows('Flow_Sample_Collector_Set')) {
    if (bridge.uuid !== undefined && ctx.scalar('Flow_Sample_Collector_Set', set, 'bridge') === bridge.uuid) ctx.txn.delete('Flow_Sample_Collector_Set', set)
  }
  if (bridge.parent !== undefined) bridge.parent.children.delete(bridge.vlan)
  if (bridge.uuid !== undefined) {
    ctx.txn.delete('Bridge', bridge.uuid)
    ctx.writeSet('Open_vSwitch', ctx.ovs, 'bridges', ctx.refs('Open_vSwitch', ctx.ovs, 'bridges').filter((b) => b !== bridge.uuid))
  }
  ctx.state.cache!.bridges.delete(bridge.name)
}

/** Appends `name`s, sorted in strcmp order, one per line (output_sorted). */
export function outputSorted(ctx: Context, names: string[]): void {
  for (const name of names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) ctx.output += `${name}\n`
}
