// Many short-lived clients: `ovs-vsctl --no-wait add-port` run as separate processes against a
// server holding the Open_vSwitch schema, charging the server's CPU time per command. Each one
// connects, reads the schema and the tables it needs, commits, and leaves, as scripts do.

import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { openOnServer, type Runner } from './contest.js'
import { closedLoop, type Sample } from './driver.js'
import { chargeCpu } from './proc-stats.js'
import type { ServerProcess } from './server-process.js'
import { REPO_ROOT, findOvsProgram, type ServerSetup } from './servers.js'

const exec = promisify(execFile)

/** The Open_vSwitch schema both servers serve: the installed one, else the copy we ship. */
export function vswitchSchemaPath(): string {
  const installed = '/usr/share/openvswitch/vswitch.ovsschema'
  return existsSync(installed) ? installed : join(REPO_ROOT, 'schema', 'vswitch.ovsschema')
}

/** `ovs-vsctl add-port` batches against one server with bridge br0. */
export class VsctlRunner implements Runner {
  private added = 0

  private constructor(private readonly server: ServerProcess, private readonly command: (...args: string[]) => Promise<{ stdout: string }>) {}

  /** Starts `setup`'s server and runs `ovs-vsctl init` and `add-br br0`. Rejects when ovs-vsctl is missing or fails. */
  static open(setup: ServerSetup): Promise<VsctlRunner> {
    const vsctl = findOvsProgram('ovs-vsctl')
    if (vsctl === null) return Promise.reject(new Error('ovs-vsctl not installed'))
    return openOnServer(setup, async (server) => {
      const env = { ...process.env, OVS_RUNDIR: setup.dir, OVS_LOGDIR: setup.dir, OVS_DBDIR: setup.dir }
      const command = (...args: string[]) => exec(vsctl, [`--db=unix:${server.socketPath}`, '--no-wait', '--timeout=120', ...args], { env })
      await command('init')
      await command('add-br', 'br0')
      return new VsctlRunner(server, command)
    })
  }

  /** Adds the next `count` ports, `parallel` processes at a time; checks `list-ports br0` shows every port so far. */
  async run(count: number, parallel: number): Promise<Sample> {
    const first = this.added
    const { cpuMs, systemMs, result } = await chargeCpu(this.server.pid, () =>
      closedLoop(Array.from({ length: parallel }), (_c, _i, n) => this.command('add-port', 'br0', `p${first + n}`), { durationMs: Infinity, maxOps: count }))
    this.added += count
    const { stdout } = await this.command('list-ports', 'br0')
    const ports = stdout.split('\n').filter((line) => line !== '').length
    if (ports !== this.added) throw new Error(`${this.server.label}: list-ports br0 shows ${ports} ports, expected ${this.added}`)
    return { ops: count, elapsedMs: result.elapsedMs, cpuMs, systemMs }
  }

  async close(): Promise<void> {
    await this.server.stop()
  }
}
