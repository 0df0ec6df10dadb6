// Port and bond commands (ovs-vsctl.c add_port, cmd_add_bond, cmd_add_bond_iface,
// cmd_del_bond_iface, cmd_del_port, cmd_list_ports, cmd_port_to_br).

import { checkConflicts, findBridge, findIface, findPort, populateCache, type VPort } from '../cache.js'
import type { Context } from '../context.js'
import { VsctlError } from '../errors.js'
import { commandToString } from '../parse.js'
import type { CommandSpec } from '../spec.js'
import { bridgeInsertPort, delPort, outputSorted, preGetInfo, realRow } from './common.js'
import { setColumn } from './db-column.js'

function sortC(names: string[]): string[] {
  return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

function listPorts(ctx: Context): void {
  populateCache(ctx)
  const bridge = findBridge(ctx, ctx.argv[1], true)!
  ctx.verify('Bridge', realRow(bridge), 'ports')
  outputSorted(ctx, bridge.ports.filter((p) => p.name !== bridge.name).map((p) => p.name))
}

interface AddPortRequest {
  readonly bridgeName: string
  readonly portName: string
  readonly fakeIface: boolean
  readonly ifaces: readonly string[]
  readonly settings: readonly string[]
}

function addPort(ctx: Context, req: AddPortRequest): void {
  if (req.portName === '') throw new VsctlError('port name must not be empty string')
  if (req.ifaces.some((name) => name === '')) throw new VsctlError('interface name must not be empty string')
  populateCache(ctx)
  if (ctx.has('--may-exist')) {
    const existing = findPort(ctx, req.portName, false)
    if (existing !== undefined) return checkExistingPort(ctx, existing, req)
  }
  checkConflicts(ctx, req.portName, `cannot create a port named ${req.portName}`)
  for (const name of req.ifaces) checkConflicts(ctx, name, `cannot create an interface named ${name}`)
  const bridge = findBridge(ctx, req.bridgeName, true)!
  const ifaces = req.ifaces.map((name) => {
    const iface = ctx.txn.insert('Interface')
    ctx.writeSet('Interface', iface, 'name', [name])
    ctx.state.expectedIfaces.push(iface)
    return iface
  })
  const port = ctx.txn.insert('Port')
  ctx.writeSet('Port', port, 'name', [req.portName])
  ctx.writeSet('Port', port, 'interfaces', ifaces)
  ctx.writeSet('Port', port, 'bond_fake_iface', [req.fakeIface])
  if (bridge.parent !== undefined) ctx.writeSet('Port', port, 'tag', [bridge.vlan])
  for (const setting of req.settings) setColumn(ctx, ctx.schema.tables.get('Port')!, port, setting, false)
  bridgeInsertPort(ctx, realRow(bridge), port)
  const cache = populateCache(ctx)
  const vport = cache.addPort(bridge, port, req.portName, undefined)
  req.ifaces.forEach((name, i) => cache.addIface(vport, ifaces[i], name))
}

function checkExistingPort(ctx: Context, port: VPort, req: AddPortRequest): void {
  const want = sortC([...req.ifaces])
  const have = sortC(ctx.refs('Port', port.uuid, 'interfaces').map((iface) => ctx.string('Interface', iface, 'name')))
  if (port.bridge.name !== req.bridgeName) {
    throw new VsctlError(`"${commandToString(ctx)}" but ${req.portName} is actually attached to bridge ${port.bridge.name}`)
  }
  if (want.join('\0') !== have.join('\0')) {
    throw new VsctlError(`"${commandToString(ctx)}" but ${req.portName} actually has interface(s) ${have.join(', ')}`)
  }
}

function addPortCommand(ctx: Context): void {
  addPort(ctx, { bridgeName: ctx.argv[1], portName: ctx.argv[2], fakeIface: false, ifaces: [ctx.argv[2]], settings: ctx.argv.slice(3) })
}

function addBond(ctx: Context): void {
  let count = ctx.argv.length - 3
  for (let i = 3; i < ctx.argv.length; i++) {
    if (ctx.argv[i].includes('=')) {
      count = i - 3
      break
    }
  }
  if (count < 2) throw new VsctlError(`add-bond requires at least 2 interfaces, but only ${count} were specified`)
  addPort(ctx, {
    bridgeName: ctx.argv[1],
    portName: ctx.argv[2],
    fakeIface: ctx.has('--fake-iface'),
    ifaces: ctx.argv.slice(3, 3 + count),
    settings: ctx.argv.slice(3 + count),
  })
}

function addBondIface(ctx: Context): void {
  populateCache(ctx)
  const port = findPort(ctx, ctx.argv[1], true)!
  const name = ctx.argv[2]
  if (ctx.has('--may-exist')) {
    const iface = findIface(ctx, name, false)
    if (iface !== undefined) {
      if (iface.port === port) return
      throw new VsctlError(`"${commandToString(ctx)}" but ${name} is actually attached to port ${iface.port.name}`)
    }
  }
  checkConflicts(ctx, name, `cannot create an interface named ${name}`)
  const iface = ctx.txn.insert('Interface')
  ctx.writeSet('Interface', iface, 'name', [name])
  ctx.txn.writePartial('Port', port.uuid, 'interfaces', { keys: [iface] })
  ctx.state.expectedIfaces.push(iface)
  populateCache(ctx).addIface(port, iface, name)
}

function delBondIface(ctx: Context): void {
  populateCache(ctx)
  const name = ctx.argv[ctx.argv.length - 1]
  const iface = findIface(ctx, name, !ctx.has('--if-exists'))
  if (iface === undefined) return
  if (ctx.argv.length > 2) {
    const port = findPort(ctx, ctx.argv[1], true)
    if (iface.port !== port) throw new VsctlError(`port ${ctx.argv[1]} does not have an interface ${name}`)
  }
  if (iface.port.ifaces.length <= 1) throw new VsctlError(`cannot delete last interface from port ${iface.port.name}`)
  const remaining = ctx.refs('Port', iface.port.uuid, 'interfaces').filter((i) => i !== iface.uuid)
  ctx.writeSet('Port', iface.port.uuid, 'interfaces', remaining)
  iface.port.ifaces.splice(iface.port.ifaces.indexOf(iface), 1)
  populateCache(ctx).ifaces.delete(iface.name)
  ctx.txn.delete('Interface', iface.uuid)
}

function delPortCommand(ctx: Context): void {
  const mustExist = !ctx.has('--if-exists')
  const target = ctx.argv[ctx.argv.length - 1]
  populateCache(ctx)
  let port: VPort | undefined
  if (findBridge(ctx, target, false) !== undefined) {
    if (mustExist) throw new VsctlError(`cannot delete port ${target} because it is the local port for bridge ${target} (deleting this port requires deleting the entire bridge)`)
  } else if (!ctx.has('--with-iface')) {
    port = findPort(ctx, target, mustExist)
  } else {
    port = findPort(ctx, target, false) ?? findIface(ctx, target, false)?.port
    if (mustExist && port === undefined) throw new VsctlError(`no port or interface named ${target}`)
  }
  if (port === undefined) return
  if (ctx.argv.length === 3) {
    const bridge = findBridge(ctx, ctx.argv[1], true)!
    if (port.bridge !== bridge) {
      if (port.bridge.parent === bridge) throw new VsctlError(`bridge ${ctx.argv[1]} does not have a port ${ctx.argv[2]} (although its child bridge ${port.bridge.name} does)`)
      throw new VsctlError(`bridge ${ctx.argv[1]} does not have a port ${ctx.argv[2]}`)
    }
  }
  delPort(ctx, port)
}

function portToBr(ctx: Context): void {
  populateCache(ctx)
  ctx.output += `${findPort(ctx, ctx.argv[1], true)!.bridge.name}\n`
}

export const PORT_COMMANDS: readonly CommandSpec[] = [
  { name: 'list-ports', minArgs: 1, maxArgs: 1, args: 'BRIDGE', options: '', mode: 'ro', prereq: preGetInfo, run: listPorts },
  { name: 'add-port', minArgs: 2, maxArgs: Infinity, args: 'BRIDGE NEW-PORT [COLUMN[:KEY]=VALUE]...', options: '--may-exist', mode: 'rw', prereq: preGetInfo, run: addPortCommand },
  { name: 'del-port', minArgs: 1, maxArgs: 2, args: '[BRIDGE] PORT|IFACE', options: '--if-exists,--with-iface', mode: 'rw', prereq: preGetInfo, run: delPortCommand },
  { name: 'port-to-br', minArgs: 1, maxArgs: 1, args: 'PORT', options: '', mode: 'ro', prereq: preGetInfo, run: portToBr },
  { name: 'add-bond', minArgs: 4, maxArgs: Infinity, args: 'BRIDGE BOND IFACE... [COLUMN[:KEY]=VALUE]...', options: '--may-exist,--fake-iface', mode: 'rw', prereq: preGetInfo, run: addBond },
  { name: 'add-bond-iface', minArgs: 2, maxArgs: 2, args: 'BOND IFACE', options: '--may-exist', mode: 'rw', prereq: preGetInfo, run: addBondIface },
  { name: 'del-bond-iface', minArgs: 1, maxArgs: 2, args: '[BOND] IFACE', options: '--if-exists', mode: 'rw', prereq: preGetInfo, run: delBondIface },
]
