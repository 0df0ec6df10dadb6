// vsctl beside ovs-vsctl against the same private real ovsdb-server: N sequential `--no-wait
// add-port` processes each, one chained invocation adding N ports, and process start-up alone
// (`--version`, no connection). Run: npm run build && npx tsx bench/vsctl.ts [N] — prints times and
// ratios (ratio = vsctl ÷ ovs-vsctl; below 1 is vsctl faster).

import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { startRealOvsdb } from '../tests/support/real-ovsdb.js'

const N = Number(process.argv[2] ?? 1000)
const SCHEMA = '/usr/share/openvswitch/vswitch.ovsschema'
const VSCTL = new URL('../dist/cli/vsctl.js', import.meta.url).pathname
const STARTUP_RUNS = 50

type Tool = { name: string; command: string; prefix: string[] }

const tools: Tool[] = [
  { name: 'ovs-vsctl', command: 'ovs-vsctl', prefix: [] },
  { name: 'vsctl', command: process.execPath, prefix: [VSCTL] },
]

function run(tool: Tool, args: string[]): void {
  const result = spawnSync(tool.command, [...tool.prefix, ...args], { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`${tool.name} ${args.join(' ')} failed: ${result.stderr}`)
}

function timed(f: () => void): number {
  const start = performance.now()
  f()
  return performance.now() - start
}

async function measure(tool: Tool): Promise<{ sequential: number; chained: number; startup: number }> {
  const server = await startRealOvsdb(SCHEMA)
  const db = `--db=unix:${server.socketPath}`
  try {
    run(tool, [db, '--no-wait', 'add-br', 'br0'])
    const sequential = timed(() => { for (let i = 0; i < N; i++) run(tool, [db, '--no-wait', 'add-port', 'br0', `p${i}`]) })
    const chain: string[] = ['add-br', 'br1']
    for (let i = 0; i < N; i++) chain.push('--', 'add-port', 'br1', `q${i}`)
    const chained = timed(() => run(tool, [db, '--no-wait', ...chain]))
    const startup = timed(() => { for (let i = 0; i < STARTUP_RUNS; i++) run(tool, ['--version']) }) / STARTUP_RUNS
    return { sequential, chained, startup }
  } finally {
    await server.stop()
  }
}

if (!existsSync(VSCTL)) throw new Error('build first: npm run build (dist/cli/vsctl.js missing)')
const [ovs, ours] = [await measure(tools[0]), await measure(tools[1])]
const row = (metric: string, a: number, b: number): string => `${metric.padEnd(40)} | ${a.toFixed(1).padStart(10)} | ${b.toFixed(1).padStart(10)} | ${(b / a).toFixed(2)}x`
console.log(`${'metric (ms)'.padEnd(40)} | ${'ovs-vsctl'.padStart(10)} | ${'vsctl'.padStart(10)} | ratio`)
console.log(row(`${N} sequential add-port processes`, ovs.sequential, ours.sequential))
console.log(row('  per process', ovs.sequential / N, ours.sequential / N))
console.log(row(`one invocation chaining ${N} add-port`, ovs.chained, ours.chained))
console.log(row('start-up alone (--version, mean)', ovs.startup, ours.startup))
