// Auto Attach commands (ovs-vsctl.c cmd_add_aa_mapping, cmd_del_aa_mapping, cmd_get_aa_mapping):
// I-SID to VLAN mappings in the AutoAttach row of a bridge (its parent's for a fake bridge).

import { findBridge, populateCache } from '../cache.js'
import type { Context } from '../context.js'
import { VsctlError } from '../errors.js'
import type { CommandSpec, PrereqContext } from '../spec.js'
import { preGetInfo } from './common.js'

function preAa(ctx: PrereqContext): void {
  preGetInfo(ctx)
  ctx.prereqs.addColumn('Bridge', 'auto_attach')
  ctx.prereqs.addColumn('AutoAttach', 'mappings')
}

/** strtoull's reading of an argument (wrapping like C into int64), or a VsctlError "Invalid argument". */
function parseNumber(text: string): bigint {
  const match = /^\s*([+-]?)(\d+)/.exec(text)
  if (match === null) throw new VsctlError(`Invalid argument ${text}`)
  let value = BigInt(match[2]) & ((1n << 64n) - 1n)
  if (match[1] === '-') value = (-value) & ((1n << 64n) - 1n)
  return BigInt.asIntN(64, value)
}

function toInteger(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value
}

/** The bridge's Bridge row (the parent's for a fake bridge). */
function bridgeRow(ctx: Context): string {
  populateCache(ctx)
  const bridge = findBridge(ctx, ctx.argv[1], true)!
  return (bridge.parent ?? bridge).uuid!
}

function mappings(ctx: Context, aa: string): [number | bigint, number | bigint][] {
  const map = ctx.get('AutoAttach', aa, 'mappings')
  return map.keys.map((key, i) => [key as number | bigint, map.values![i] as number | bigint])
}

function addAaMapping(ctx: Context): void {
  const isid = toInteger(parseNumber(ctx.argv[2]))
  const vlan = toInteger(parseNumber(ctx.argv[3]))
  const bridge = bridgeRow(ctx)
  let [aa] = ctx.refs('Bridge', bridge, 'auto_attach')
  if (aa === undefined) {
    aa = ctx.txn.insert('AutoAttach')
    ctx.writeSet('Bridge', bridge, 'auto_attach', [aa])
  }
  const entries = new Map(mappings(ctx, aa))
  if (!entries.has(isid)) entries.set(isid, vlan)
  ctx.writeMap('AutoAttach', aa, 'mappings', [...entries.keys()], [...entries.values()])
}

function delAaMapping(ctx: Context): void {
  const isid = toInteger(parseNumber(ctx.argv[2]))
  const vlan = toInteger(parseNumber(ctx.argv[3]))
  const [aa] = ctx.refs('Bridge', bridgeRow(ctx), 'auto_attach')
  if (aa === undefined) return
  const pairs = mappings(ctx, aa)
  if (!pairs.some(([k, v]) => k === isid && v === vlan)) return
  const kept = pairs.filter(([k, v]) => k !== isid && v !== vlan)
  ctx.writeMap('AutoAttach', aa, 'mappings', kept.map(([k]) => k), kept.map(([, v]) => v))
}

function getAaMapping(ctx: Context): void {
  const bridge = bridgeRow(ctx)
  ctx.verify('Bridge', bridge, 'auto_attach')
  const [aa] = ctx.refs('Bridge', bridge, 'auto_attach')
  if (aa === undefined) return
  ctx.verify('AutoAttach', aa, 'mappings')
  for (const [isid, vlan] of mappings(ctx, aa)) ctx.output += `${isid} ${vlan}\n`
}

export const AA_COMMANDS: readonly CommandSpec[] = [
  { name: 'add-aa-mapping', minArgs: 3, maxArgs: 3, args: 'BRIDGE ARG ARG', options: '', mode: 'rw', prereq: preAa, run: addAaMapping },
  { name: 'del-aa-mapping', minArgs: 3, maxArgs: 3, args: 'BRIDGE ARG ARG', options: '', mode: 'rw', prereq: preAa, run: delAaMapping },
  { name: 'get-aa-mapping', minArgs: 1, maxArgs: 1, args: 'BRIDGE', options: '', mode: 'ro', prereq: preAa, run: getAaMapping },
]
