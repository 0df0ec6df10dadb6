// Many short-lived clients: `ovs-vsctl --no-wait add-port` run as separate processes against a
// server holding the Open_vSwitch schema, charging the server's CPU time per command. Each one
// connects, reads the schema and the tables it needs, commits, and leaves — as scripts do.

import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { closedLoop } from './driver.js'
import { chargeCpu } from './proc-stats.js'
import type { ServerProcess } from './server-process.js'
import { REPO_ROOT, findOvsProgram } from './servers.js'

const run = promisify(execFile)

/** The Open_vSwitch schema both servers serve: the installed one, else the copy we ship. */
export function vswitchSchemaPath(): string {
  const installed = '/usr/share/openvswitch/vswitch.ovsschema'
  return existsSync(installed) ? installed : join(REPO_ROOT, 'schema', 'vswitch.ovsschema')
}

/** What the commands cost. */
export interface VsctlCost {
  readonly cpuUsPerCommand: number
  /** Server CPU time of all the add-port commands (ms; /proc counts it in clock ticks). */
  readonly cpuMs: number
  readonly msPerCommand: number
}

/**
 * Runs `ovs-vsctl init` and `add-br br0`, then `count` `add-port br0 pN` processes, `parallel` at a
 * time, against `server`; checks `list-ports` shows them all. Rejects when ovs-vsctl is missing or fails.
 */
export async function measureAddPorts(server: ServerProcess, dir: string, count: number, parallel: number): Promise<VsctlCost> {
  const vsctl = findOvsProgram('ovs-vsctl')
  if (vsctl === null) throw new Error('ovs-vsctl not installed')
  const env = { ...process.env, OVS_RUNDIR: dir, OVS_LOGDIR: dir, OVS_DBDIR: dir }
  const command = (...args: string[]) => run(vsctl, [`--db=unix:${server.socketPath}`, '--no-wait', '--timeout=120', ...args], { env })
  await command('init')
  await command('add-br', 'br0')
  const { cpuMs, result } = await chargeCpu(server.pid, () =>
    closedLoop(Array.from({ length: parallel }), (_c, _i, n) => command('add-port', 'br0', `p${n}`), { durationMs: Infinity, maxOps: count }))
  const { stdout } = await command('list-ports', 'br0')
  const ports = stdout.split('\n').filter((line) => line !== '').length
  if (ports !== count) throw new Error(`${server.label}: list-ports br0 shows ${ports} ports, expected ${count}`)
  return { cpuUsPerCommand: (cpuMs * 1000) / count, cpuMs, msPerCommand: result.msPerOp }
}
