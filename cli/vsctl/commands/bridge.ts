// Bridge commands (ovs-vsctl.c cmd_add_br ... cmd_br_get_external_id): real bridges, fake (VLAN)
// bridges on a parent, listing and lookups, and external-ids (stored on the port for fake bridges).

import { compareAtoms } from '../../../schema/index.js'
import { checkConflicts, findBridge, populateCache, type VBridge } from '../cache.js'
import type { Context } from '../context.js'
import { VsctlError, VsctlExit } from '../errors.js'
import type { CommandSpec, PrereqContext } from '../spec.js'
import { bridgeInsertPort, delBridge, outputSorted, ovsInsertBridge, preGetInfo } from './common.js'

function addBr(ctx: Context): void {
  const name = ctx.argv[1]
  if (name === '') throw new VsctlError('bridge name must not be empty string')
  if (ctx.argv.length !== 2 && ctx.argv.length !== 4) throw new VsctlError(`'${ctx.argv[0]}' command takes exactly 1 or 3 arguments`)
  const parentName = ctx.argv.length === 4 ? ctx.argv[2] : undefined
  const vlan = parentName === undefined ? 0 : atoi(ctx.argv[3])
  if (vlan < 0 || vlan > 4095) throw new VsctlError(`${ctx.argv[0]}: vlan must be between 0 and 4095`)
  populateCache(ctx)
  if (ctx.has('--may-exist')) {
    const existing = findBridge(ctx, name, false)
    if (existing !== undefined) return checkMayExist(existing, name, parentName, vlan)
  }
  checkConflicts(ctx, name, `cannot create a bridge named ${name}`)
  const iface = ctx.txn.insert('Interface')
  ctx.writeSet('Interface', iface, 'name', [name])
  ctx.writeSet('Interface', iface, 'type', ['internal'])
  const port = ctx.txn.insert('Port')
  ctx.writeSet('Port', port, 'name', [name])
  ctx.writeSet('Port', port, 'interfaces', [iface])
  if (parentName === undefined) {
    const bridge = ctx.txn.insert('Bridge')
    ctx.writeSet('Bridge', bridge, 'name', [name])
    ctx.writeSet('Bridge', bridge, 'ports', [port])
    ovsInsertBridge(ctx, bridge)
  } else {
    const parent = findBridge(ctx, parentName, false)
    if (parent?.parent !== undefined) throw new VsctlError('cannot create bridge with fake bridge as parent')
    if (parent === undefined) throw new VsctlError(`parent bridge ${parentName} does not exist`)
    const conflict = parent.children.get(vlan)
    if (conflict !== undefined) throw new VsctlError(`bridge ${parentName} already has a child VLAN bridge ${conflict.name} on VLAN ${vlan}`)
    ctx.writeSet('Port', port, 'fake_bridge', [true])
    ctx.writeSet('Port', port, 'tag', [vlan])
    bridgeInsertPort(ctx, parent.uuid!, port)
  }
  ctx.state.expectedIfaces.push(iface)
  ctx.invalidateCache()
}

function checkMayExist(br: VBridge, name: string, parentName: string | undefined, vlan: number): void {
  if (parentName === undefined) {
    if (br.parent !== undefined) throw new VsctlError(`"--may-exist add-br ${name}" but ${name} is a VLAN bridge for VLAN ${br.vlan}`)
    return
  }
  const prefix = `"--may-exist add-br ${name} ${parentName} ${vlan}" but ${name}`
  if (br.parent === undefined) throw new VsctlError(`${prefix} is not a VLAN bridge`)
  if (br.parent.name !== parentName) throw new VsctlError(`${prefix} has the wrong parent ${br.parent.name}`)
  if (br.vlan !== vlan) throw new VsctlError(`${prefix} is a VLAN bridge for the wrong VLAN ${br.vlan}`)
}

function delBr(ctx: Context): void {
  populateCache(ctx)
  const bridge = findBridge(ctx, ctx.argv[1], !ctx.has('--if-exists'))
  if (bridge !== undefined) delBridge(ctx, bridge)
}

function listBr(ctx: Context): void {
  let real = ctx.has('--real')
  let fake = ctx.has('--fake')
  if (!real && !fake) real = fake = true
  const names = [...populateCache(ctx).bridges.values()].filter((br) => (br.parent !== undefined ? fake : real)).map((br) => br.name)
  outputSorted(ctx, names)
}

function brExists(ctx: Context): void {
  populateCache(ctx)
  if (findBridge(ctx, ctx.argv[1], false) === undefined) throw new VsctlExit(2)
}

function brToVlan(ctx: Context): void {
  populateCache(ctx)
  ctx.output += `${findBridge(ctx, ctx.argv[1], true)!.vlan}\n`
}

function brToParent(ctx: Context): void {
  populateCache(ctx)
  const bridge = findBridge(ctx, ctx.argv[1], true)!
  ctx.output += `${(bridge.parent ?? bridge).name}\n`
}

function preExternalId(ctx: PrereqContext): void {
  preGetInfo(ctx)
  ctx.prereqs.addColumn('Bridge', 'external_ids')
  ctx.prereqs.addColumn('Port', 'external_ids')
}

/** The row and key prefix holding a bridge's external-ids: the Bridge, or the fake bridge's Port. */
function externalIdsHome(ctx: Context, bridge: VBridge): { table: string; row: string; prefix: string } {
  if (bridge.uuid !== undefined) return { table: 'Bridge', row: bridge.uuid, prefix: '' }
  return { table: 'Port', row: populateCache(ctx).ports.get(bridge.name)!.uuid, prefix: 'fake-bridge-' }
}

function brSetExternalId(ctx: Context): void {
  populateCache(ctx)
  const home = externalIdsHome(ctx, findBridge(ctx, ctx.argv[1], true)!)
  const current = ctx.get(home.table, home.row, 'external_ids')
  const entries = new Map(current.keys.map((k, i) => [k as string, current.values![i] as string]))
  const key = home.prefix + ctx.argv[2]
  if (ctx.argv.length >= 4) entries.set(key, ctx.argv[3])
  else entries.delete(key)
  ctx.verify(home.table, home.row, 'external_ids')
  ctx.writeMap(home.table, home.row, 'external_ids', [...entries.keys()], [...entries.values()])
}

function brGetExternalId(ctx: Context): void {
  populateCache(ctx)
  const home = externalIdsHome(ctx, findBridge(ctx, ctx.argv[1], true)!)
  ctx.verify(home.table, home.row, 'external_ids')
  const map = ctx.get(home.table, home.row, 'external_ids')
  if (ctx.argv.length >= 3) {
    const i = map.keys.indexOf(home.prefix + ctx.argv[2])
    if (i >= 0) ctx.output += `${map.values![i] as string}\n`
    return
  }
  const order = map.keys.map((_, i) => i).sort((a, b) => compareAtoms(map.keys[a], map.keys[b], 'string'))
  for (const i of order) {
    const key = map.keys[i] as string
    if (key.startsWith(home.prefix)) ctx.output += `${key.slice(home.prefix.length)}=${map.values![i] as string}\n`
  }
}

/** C atoi: leading spaces and sign, digits up to the first non-digit, 0 when none. */
export function atoi(text: string): number {
  const match = /^\s*([+-]?\d+)/.exec(text)
  return match === null ? 0 : Number(match[1]) | 0
}


export const BRIDGE_COMMANDS: readonly CommandSpec[] = [
  { name: 'add-br', minArgs: 1, maxArgs: 3, args: 'NEW-BRIDGE [PARENT] [NEW-VLAN]', options: '--may-exist', mode: 'rw', prereq: preGetInfo, run: addBr },
  { name: 'del-br', minArgs: 1, maxArgs: 1, args: 'BRIDGE', options: '--if-exists', mode: 'rw', prereq: preGetInfo, run: delBr },
  { name: 'list-br', minArgs: 0, maxArgs: 0, args: '', options: '--real,--fake', mode: 'ro', prereq: preGetInfo, run: listBr },
  { name: 'br-exists', minArgs: 1, maxArgs: 1, args: 'BRIDGE', options: '', mode: 'ro', prereq: preGetInfo, run: brExists },
  { name: 'br-to-vlan', minArgs: 1, maxArgs: 1, args: 'BRIDGE', options: '', mode: 'ro', prereq: preGetInfo, run: brToVlan },
  { name: 'br-to-parent', minArgs: 1, maxArgs: 1, args: 'BRIDGE', options: '', mode: 'ro', prereq: preGetInfo, run: brToParent },
  { name: 'br-set-external-id', minArgs: 2, maxArgs: 3, args: 'BRIDGE KEY [VALUE]', options: '', mode: 'rw', prereq: preExternalId, run: brSetExternalId },
  { name: 'br-get-external-id', minArgs: 1, maxArgs: 2, args: 'BRIDGE [KEY]', options: '', mode: 'ro', prereq: preExternalId, run: brGetExternalId },
]
