// Controller and fail-mode commands (ovs-vsctl.c cmd_get_controller ... cmd_set_fail_mode).

import { findBridge, findRealBridge, populateCache } from '../cache.js'
import type { Context } from '../context.js'
import { VsctlError } from '../errors.js'
import type { CommandSpec, PrereqContext } from '../spec.js'
import { outputSorted, preGetInfo } from './common.js'
import { insertTargets } from './manager.js'

function preController(ctx: PrereqContext): void {
  preGetInfo(ctx)
  ctx.prereqs.addColumn('Controller', 'target')
  ctx.prereqs.addColumn('Controller', 'inactivity_probe')
}

function verifyControllers(ctx: Context, bridge: string): void {
  ctx.verify('Bridge', bridge, 'controller')
  for (const controller of ctx.refs('Bridge', bridge, 'controller')) ctx.verify('Controller', controller, 'target')
}

/** The Bridge row of `name`, or of its parent for a fake bridge. */
function bridgeRow(ctx: Context, name: string): string {
  populateCache(ctx)
  const bridge = findBridge(ctx, name, true)!
  return (bridge.parent ?? bridge).uuid!
}

function getController(ctx: Context): void {
  const bridge = bridgeRow(ctx, ctx.argv[1])
  verifyControllers(ctx, bridge)
  outputSorted(ctx, ctx.refs('Bridge', bridge, 'controller').map((c) => ctx.string('Controller', c, 'target')))
}

function delController(ctx: Context): void {
  populateCache(ctx)
  const bridge = findRealBridge(ctx, ctx.argv[1], true)!.uuid!
  verifyControllers(ctx, bridge)
  const controllers = ctx.refs('Bridge', bridge, 'controller')
  if (controllers.length === 0) return
  for (const controller of controllers) ctx.txn.delete('Controller', controller)
  ctx.writeSet('Bridge', bridge, 'controller', [])
}

function setController(ctx: Context): void {
  populateCache(ctx)
  const bridge = findRealBridge(ctx, ctx.argv[1], true)!.uuid!
  verifyControllers(ctx, bridge)
  for (const controller of ctx.refs('Bridge', bridge, 'controller')) ctx.txn.delete('Controller', controller)
  ctx.writeSet('Bridge', bridge, 'controller', insertTargets(ctx, 'Controller', ctx.argv.slice(2)))
}

function getFailMode(ctx: Context): void {
  const bridge = bridgeRow(ctx, ctx.argv[1])
  ctx.verify('Bridge', bridge, 'fail_mode')
  const mode = ctx.string('Bridge', bridge, 'fail_mode')
  if (mode !== '') ctx.output += `${mode}\n`
}

function delFailMode(ctx: Context): void {
  populateCache(ctx)
  ctx.writeSet('Bridge', findRealBridge(ctx, ctx.argv[1], true)!.uuid!, 'fail_mode', [])
}

function setFailMode(ctx: Context): void {
  populateCache(ctx)
  const bridge = findRealBridge(ctx, ctx.argv[1], true)!.uuid!
  const mode = ctx.argv[2]
  if (mode !== 'standalone' && mode !== 'secure') throw new VsctlError('fail-mode must be "standalone" or "secure"')
  ctx.writeSet('Bridge', bridge, 'fail_mode', [mode])
}

export const CONTROLLER_COMMANDS: readonly CommandSpec[] = [
  { name: 'get-controller', minArgs: 1, maxArgs: 1, args: 'BRIDGE', options: '', mode: 'ro', prereq: preController, run: getController },
  { name: 'del-controller', minArgs: 1, maxArgs: 1, args: 'BRIDGE', options: '', mode: 'rw', prereq: preController, run: delController },
  { name: 'set-controller', minArgs: 1, maxArgs: Infinity, args: 'BRIDGE TARGET...', options: '--inactivity-probe=', mode: 'rw', prereq: preController, run: setController },
  { name: 'get-fail-mode', minArgs: 1, maxArgs: 1, args: 'BRIDGE', options: '', mode: 'ro', prereq: preGetInfo, run: getFailMode },
  { name: 'del-fail-mode', minArgs: 1, maxArgs: 1, args: 'BRIDGE', options: '', mode: 'rw', prereq: preGetInfo, run: delFailMode },
  { name: 'set-fail-mode', minArgs: 2, maxArgs: 2, args: 'BRIDGE MODE', options: '', mode: 'rw', prereq: preGetInfo, run: setFailMode },
]
