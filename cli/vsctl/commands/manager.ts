// Manager commands (ovs-vsctl.c cmd_get_manager, cmd_del_manager, cmd_set_manager) and the
// target insertion shared with set-controller (warning on target types ovs does not know).

import type { Context } from '../context.js'
import type { CommandSpec, PrereqContext } from '../spec.js'

const ACTIVE = ['tcp', 'ssl', 'unix']
const PASSIVE = ['ptcp', 'pssl', 'punix']

function preManager(ctx: PrereqContext): void {
  ctx.prereqs.addColumn('Open_vSwitch', 'manager_options')
  ctx.prereqs.addColumn('Manager', 'target')
  ctx.prereqs.addColumn('Manager', 'inactivity_probe')
}

/**
 * Inserts one `table` row (Controller or Manager) per target, with `--inactivity-probe` when
 * given; warns `target type "..." is possibly erroneous` for unknown stream types. Returns the rows.
 */
export function insertTargets(ctx: Context, table: 'Controller' | 'Manager', targets: readonly string[]): string[] {
  const probe = ctx.options.get('--inactivity-probe')
  const known = table === 'Controller' ? [...ACTIVE, ...PASSIVE, 'punix', 'unix'] : [...ACTIVE, ...PASSIVE]
  return targets.map((target) => {
    const type = target.includes(':') ? target.slice(0, target.indexOf(':')) : target
    if (!known.includes(type)) ctx.state.log.warn('vsctl', `target type "${target}" is possibly erroneous`)
    const row = ctx.txn.insert(table)
    ctx.writeSet(table, row, 'target', [target])
    if (probe !== undefined) ctx.writeSet(table, row, 'inactivity_probe', [atoll(probe)])
    return row
  })
}

function atoll(text: string): number | bigint {
  const match = /^\s*([+-]?\d+)/.exec(text)
  if (match === null) return 0
  const value = BigInt(match[1])
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value
}

function verifyManagers(ctx: Context): void {
  ctx.verify('Open_vSwitch', ctx.ovs, 'manager_options')
  for (const manager of ctx.refs('Open_vSwitch', ctx.ovs, 'manager_options')) ctx.verify('Manager', manager, 'target')
}

function deleteManagers(ctx: Context): void {
  for (const manager of ctx.refs('Open_vSwitch', ctx.ovs, 'manager_options')) ctx.txn.delete('Manager', manager)
  ctx.writeSet('Open_vSwitch', ctx.ovs, 'manager_options', [])
}

function getManager(ctx: Context): void {
  verifyManagers(ctx)
  const targets = [...new Set(ctx.refs('Open_vSwitch', ctx.ovs, 'manager_options').map((m) => ctx.string('Manager', m, 'target')))]
  for (const target of targets.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) ctx.output += `${target}\n`
}

function delManager(ctx: Context): void {
  verifyManagers(ctx)
  deleteManagers(ctx)
}

function setManager(ctx: Context): void {
  verifyManagers(ctx)
  deleteManagers(ctx)
  ctx.writeSet('Open_vSwitch', ctx.ovs, 'manager_options', insertTargets(ctx, 'Manager', ctx.argv.slice(1)))
}

export const MANAGER_COMMANDS: readonly CommandSpec[] = [
  { name: 'get-manager', minArgs: 0, maxArgs: 0, args: '', options: '', mode: 'ro', prereq: preManager, run: getManager },
  { name: 'del-manager', minArgs: 0, maxArgs: 0, args: '', options: '', mode: 'rw', prereq: preManager, run: delManager },
  { name: 'set-manager', minArgs: 1, maxArgs: Infinity, args: 'TARGET...', options: '--inactivity-probe=', mode: 'rw', prereq: preManager, run: setManager },
]
