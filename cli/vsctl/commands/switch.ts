// Open vSwitch-wide commands (ovs-vsctl.c cmd_init, cmd_emer_reset): `init` only makes sure the
// Open_vSwitch row exists; `emer-reset` clears controllers, managers, SSL, mirrors, flow exporters
// and other_config back to a known-good state while keeping bridges and ports.

import type { Context } from '../context.js'
import type { CommandSpec, PrereqContext } from '../spec.js'

const BRIDGE_CLEARED = ['controller', 'fail_mode', 'mirrors', 'netflow', 'sflow', 'ipfix', 'flood_vlans'] as const
const DELETED_TABLES = ['Mirror', 'Controller', 'Manager', 'NetFlow', 'SSL', 'sFlow', 'IPFIX', 'Flow_Sample_Collector_Set'] as const

function preEmerReset(ctx: PrereqContext): void {
  const p = ctx.prereqs
  p.addColumn('Open_vSwitch', 'manager_options')
  p.addColumn('Open_vSwitch', 'ssl')
  for (const column of [...BRIDGE_CLEARED, 'other_config']) p.addColumn('Bridge', column)
  p.addColumn('Port', 'other_config')
  p.addColumn('Interface', 'ingress_policing_rate')
  p.addColumn('Interface', 'ingress_policing_burst')
}

function emerReset(ctx: Context): void {
  ctx.writeSet('Open_vSwitch', ctx.ovs, 'manager_options', [])
  ctx.writeSet('Open_vSwitch', ctx.ovs, 'ssl', [])
  for (const bridge of ctx.txn.rows('Bridge')) {
    for (const column of BRIDGE_CLEARED) ctx.writeSet('Bridge', bridge, column, [])
    const config = ctx.get('Bridge', bridge, 'other_config')
    const i = config.keys.indexOf('hwaddr')
    if (i >= 0) ctx.writeMap('Bridge', bridge, 'other_config', ['hwaddr'], [config.values![i]])
    else ctx.writeMap('Bridge', bridge, 'other_config', [], [])
  }
  for (const port of ctx.txn.rows('Port')) ctx.writeMap('Port', port, 'other_config', [], [])
  for (const iface of ctx.txn.rows('Interface')) {
    ctx.writeSet('Interface', iface, 'ingress_policing_rate', [0])
    ctx.writeSet('Interface', iface, 'ingress_policing_burst', [0])
  }
  for (const table of DELETED_TABLES) for (const row of ctx.txn.rows(table)) ctx.txn.delete(table, row)
  ctx.invalidateCache()
}

export const SWITCH_COMMANDS: readonly CommandSpec[] = [
  { name: 'init', minArgs: 0, maxArgs: 0, args: '', options: '', mode: 'rw' },
  { name: 'emer-reset', minArgs: 0, maxArgs: 0, args: '', options: '', mode: 'rw', prereq: preEmerReset, run: emerReset },
]
