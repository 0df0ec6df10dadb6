// `show` (lib/db-ctl-base.c cmd_show with ovs-vsctl.c cmd_show_tables): an indented tree from each
// Open_vSwitch row through managers, bridges, controllers, ports and interfaces, printing each
// row's non-default columns of interest.

import { atomToString, datumEquals, defaultDatum } from '../../../schema/index.js'
import type { Context } from '../context.js'
import type { CommandSpec, PrereqContext } from '../spec.js'
import { datumToString } from '../values.js'

interface ShowTable {
  readonly table: string
  readonly nameColumn?: string
  readonly columns: readonly string[]
}

const SHOW_TABLES: readonly ShowTable[] = [
  { table: 'Open_vSwitch', columns: ['manager_options', 'bridges', 'ovs_version'] },
  { table: 'Bridge', nameColumn: 'name', columns: ['controller', 'fail_mode', 'datapath_type', 'ports'] },
  { table: 'Port', nameColumn: 'name', columns: ['tag', 'trunks', 'interfaces'] },
  { table: 'Interface', nameColumn: 'name', columns: ['type', 'options', 'error', 'bfd_status'] },
  { table: 'Controller', nameColumn: 'target', columns: ['is_connected'] },
  { table: 'Manager', nameColumn: 'target', columns: ['is_connected'] },
]

function preShow(ctx: PrereqContext): void {
  for (const show of SHOW_TABLES) {
    ctx.prereqs.addTable(show.table)
    if (show.nameColumn !== undefined) ctx.prereqs.addColumn(show.table, show.nameColumn)
    for (const column of show.columns) ctx.prereqs.addColumn(show.table, column)
  }
}

function showRow(ctx: Context, show: ShowTable, row: string, level: number, shown: Set<string>): void {
  const indent = ' '.repeat(level * 4)
  if (show.nameColumn !== undefined) {
    const type = ctx.txn.type(show.table, show.nameColumn)
    ctx.output += `${indent}${show.table} ${datumToString(ctx.get(show.table, row, show.nameColumn), type)}\n`
  } else {
    ctx.output += `${indent}${row}\n`
  }
  if (shown.has(show.table)) return
  shown.add(show.table)
  for (const column of show.columns) showColumn(ctx, show, row, column, level, shown)
  shown.delete(show.table)
}

function showColumn(ctx: Context, show: ShowTable, row: string, column: string, level: number, shown: Set<string>): void {
  const type = ctx.txn.type(show.table, column)
  const datum = ctx.get(show.table, row, column)
  const pad = ' '.repeat((level + 1) * 4)
  const keyRef = type.key.type === 'uuid' ? SHOW_TABLES.find((s) => s.table === type.key.refTable) : undefined
  if (keyRef !== undefined) {
    for (const ref of datum.keys as string[]) if (ctx.txn.exists(keyRef.table, ref)) showRow(ctx, keyRef, ref, level + 1, shown)
    return
  }
  const valueRef = type.value?.type === 'uuid' ? SHOW_TABLES.find((s) => s.table === type.value!.refTable) : undefined
  if (valueRef?.nameColumn !== undefined) {
    ctx.output += `${pad}${column}:\n`
    datum.keys.forEach((key, i) => {
      const ref = datum.values![i] as string
      const name = ctx.txn.exists(valueRef.table, ref) ? datumToString(ctx.get(valueRef.table, ref, valueRef.nameColumn!), ctx.txn.type(valueRef.table, valueRef.nameColumn!)) : '"<null>"'
      ctx.output += `${pad}    ${atomToString(key, type.key.type)}=${name}\n`
    })
    return
  }
  if (!datumEquals(datum, defaultDatum(type))) ctx.output += `${pad}${column}: ${datumToString(datum, type)}\n`
}

function show(ctx: Context): void {
  for (const row of ctx.txn.rows('Open_vSwitch')) showRow(ctx, SHOW_TABLES[0], row, 0, new Set())
}

export const SHOW_COMMANDS: readonly CommandSpec[] = [
  { name: 'show', minArgs: 0, maxArgs: 0, args: '', options: '', mode: 'ro', prereq: preShow, run: show },
]
