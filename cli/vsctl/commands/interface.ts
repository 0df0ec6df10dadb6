// Interface commands (ovs-vsctl.c cmd_list_ifaces, cmd_iface_to_br).

import { findBridge, findIface, populateCache, verifyPorts } from '../cache.js'
import type { Context } from '../context.js'
import type { CommandSpec } from '../spec.js'
import { outputSorted, preGetInfo } from './common.js'

function listIfaces(ctx: Context): void {
  populateCache(ctx)
  const bridge = findBridge(ctx, ctx.argv[1], true)!
  verifyPorts(ctx)
  outputSorted(ctx, bridge.ports.flatMap((port) => port.ifaces.map((iface) => iface.name)).filter((name) => name !== bridge.name))
}

function ifaceToBr(ctx: Context): void {
  populateCache(ctx)
  ctx.output += `${findIface(ctx, ctx.argv[1], true)!.port.bridge.name}\n`
}

export const INTERFACE_COMMANDS: readonly CommandSpec[] = [
  { name: 'list-ifaces', minArgs: 1, maxArgs: 1, args: 'BRIDGE', options: '', mode: 'ro', prereq: preGetInfo, run: listIfaces },
  { name: 'iface-to-br', minArgs: 1, maxArgs: 1, args: 'IFACE', options: '', mode: 'ro', prereq: preGetInfo, run: ifaceToBr },
]
