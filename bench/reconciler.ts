// The reconciler beside the real ovs-vswitchd (issue 6): waiting `ovs-vsctl add-port` latency,
// switch-daemon CPU per pass at many ports, and BFD detection time on a patch pair, for three stacks
// run side by side: ovsdb-server + ovs-vswitchd (dummy datapath), our server + our reconciler (sim),
// ovsdb-server + our reconciler. Run: npm run build && npx tsx bench/reconciler.ts (sizes: README).

import { addBfdPair, measureDetection, type DetectionResult } from './lib/bfd-detect.js'
import { envInt } from './lib/env.js'
import { printRatioTable, printRunHeader, type ResultRow } from './lib/ratio-table.js'
import { addBridge, addPort, firstLine, growBridge, idleCpu, mean, quantile, timeTurns, type Samples } from './lib/switch-load.js'
import { STACK_KINDS, startStack, type StackKind, type SwitchStack } from './lib/switch-stacks.js'
import { ourBuildStaleness, ourServerUnavailable } from './lib/servers.js'
import { vswitchSchemaPath } from './lib/vsctl-ports.js'

const ADD_PORTS = envInt('BENCH_ADD_PORTS', 200)
const BIG_PORTS = envInt('BENCH_BIG_PORTS', 1000)
const PASSES = envInt('BENCH_PASSES', 20)
const BFD_TRIALS = envInt('BENCH_BFD_TRIALS', 5)
const BFD_INTERVALS = [100, 300] as const
const IDLE_MS = 5000
const OURS_ON_OVSDB = ' [our reconciler on ovsdb-server]'

/** Why each stack could not run or stopped. */
const failed = new Map<SwitchStack, string>()
const unstarted = new Map<StackKind, string>()

async function startAll(): Promise<SwitchStack[]> {
  const stacks: SwitchStack[] = []
  const unbuilt = ourServerUnavailable()
  for (const kind of STACK_KINDS) {
    try {
      if (kind === 'ours' && unbuilt !== null) throw new Error(unbuilt)
      stacks.push(await startStack(kind, vswitchSchemaPath()))
    } catch (error) {
      if (kind === 'ovs') throw error
      unstarted.set(kind, firstLine(error))
      console.log(`${kind} could not start: ${firstLine(error)}`)
    }
  }
  return stacks
}

/** Rows comparing `pick` of the ovs stack with each of ours, one per metric. */
function rowsFor(stacks: readonly SwitchStack[], metric: string, pick: (stack: SwitchStack) => number | null, note?: string): ResultRow[] {
  const ovs = stacks.find((stack) => stack.kind === 'ovs')
  return (['ours', 'ours-on-ovsdb'] as const).map((kind) => {
    const stack = stacks.find((s) => s.kind === kind)
    const reason = stack === undefined ? unstarted.get(kind) : failed.get(stack)
    const ours = stack === undefined || failed.has(stack) ? null : pick(stack)
    return { metric: metric + (kind === 'ours' ? '' : OURS_ON_OVSDB), theirs: ovs === undefined ? null : pick(ovs), ours, note: reason ?? note }
  })
}

async function addPortLatency(stacks: readonly SwitchStack[]): Promise<void> {
  for (const stack of stacks) await addBridge(stack, 'br0')
  const { wall } = await timeTurns(stacks, ADD_PORTS, (stack, i) => addPort(stack, 'br0', `lat${i}`), failed)
  printRatioTable(`waiting ovs-vsctl add-port, ${ADD_PORTS} ports one by one (ms per command, process start included)`, [
    ...rowsFor(stacks, 'median', (stack) => quantile(wall.get(stack) ?? [], 0.5)),
    ...rowsFor(stacks, 'p90', (stack) => quantile(wall.get(stack) ?? [], 0.9)),
  ])
}

async function bfdDetection(stacks: readonly SwitchStack[]): Promise<void> {
  const results = new Map<SwitchStack, DetectionResult[]>()
  for (const stack of stacks) {
    try {
      await addBfdPair(stack)
      const perInterval: DetectionResult[] = []
      for (const interval of BFD_INTERVALS) perInterval.push(await measureDetection(stack, interval, BFD_TRIALS))
      results.set(stack, perInterval)
    } catch (error) {
      if (stack.kind === 'ovs') throw error
      failed.set(stack, firstLine(error))
      console.log(`${stack.label} FAILED: ${firstLine(error)}`)
    }
  }
  const rows: ResultRow[] = []
  BFD_INTERVALS.forEach((interval, i) => {
    const pick = (q: number) => (stack: SwitchStack) => quantile(results.get(stack)?.[i].samples ?? [], q)
    const label = `${interval}ms x 3 (configured ${interval * 3} ms)`
    rows.push(...rowsFor(stacks, `${label} median`, pick(0.5)), ...rowsFor(stacks, `${label} max`, pick(1)))
  })
  printRatioTable(`BFD detection on a patch pair, ms from the cut's commit to bfd_status leaving up (${BFD_TRIALS} cuts each)`, rows)
  for (const [stack, perInterval] of results) {
    for (const r of perInterval) console.log(`  ${stack.label} ${r.intervalMs}x3: ${r.samples.map((ms) => ms.toFixed(0)).join(', ')} ms; ${[...new Set(r.outcomes)].join(' | ')}`)
  }
}

async function cpuPerPass(stacks: readonly SwitchStack[]): Promise<void> {
  for (const stack of stacks) {
    try {
      await growBridge(stack, 'br0', 'big', Math.max(0, BIG_PORTS - ADD_PORTS))
    } catch (error) {
      if (stack.kind === 'ovs') throw error
      failed.set(stack, firstLine(error))
    }
  }
  const live = stacks.filter((stack) => !failed.has(stack))
  const noop = await timeTurns(live, PASSES, (stack, i) => stack.vsctl('set', 'Open_vSwitch', '.', `external_ids:bench=${i}`), failed)
  const add = await timeTurns(live, PASSES, (stack, i) => addPort(stack, 'br0', `more${i}`), failed)
  const idle = await idleCpu(live, IDLE_MS)
  const at = (samples: Samples, q: number | 'mean') => (stack: SwitchStack) => (q === 'mean' ? mean(samples.get(stack) ?? []) : quantile(samples.get(stack) ?? [], q))
  printRatioTable(`switch daemon per pass with ${Math.max(BIG_PORTS, ADD_PORTS)} ports on br0 (ms)`, [
    ...rowsFor(stacks, 'CPU, no-op pass (external_ids bump)', at(noop.cpu, 'mean')),
    ...rowsFor(stacks, 'CPU, no-op pass, whole run ÷ passes', (stack) => noop.cpuOverall.get(stack) ?? null),
    ...rowsFor(stacks, 'CPU, one add-port pass', at(add.cpu, 'mean')),
    ...rowsFor(stacks, 'CPU, add-port pass, whole run ÷ passes', (stack) => add.cpuOverall.get(stack) ?? null),
    ...rowsFor(stacks, 'CPU per second idle (ms)', (stack) => idle.get(stack) ?? null),
    ...rowsFor(stacks, 'wall, waiting no-op ovs-vsctl (median)', at(noop.wall, 0.5)),
    ...rowsFor(stacks, 'wall, waiting add-port (median)', at(add.wall, 0.5)),
  ])
  console.log(`  CPU = the daemon's utime+stime from /proc (10 ms ticks), mean over ${PASSES} waiting commands: within each command's`)
  console.log(`  window, or over the whole run of turns (work trailing the return and timers included); idle over ${IDLE_MS} ms`)
}

printRunHeader('reconciler (issue 6): switchyard reconciler beside ovs-vswitchd')
console.log(`sizes: BENCH_ADD_PORTS=${ADD_PORTS} BENCH_BIG_PORTS=${BIG_PORTS} BENCH_PASSES=${PASSES} BENCH_BFD_TRIALS=${BFD_TRIALS}`)
console.log('ratio = switchyard ÷ real Open vSwitch; "ovsdb-server" column = ovsdb-server + ovs-vswitchd (dummy datapath)')
const stale = ourBuildStaleness()
if (stale !== null) console.log(`WARNING: ${stale}`)
const stacks = await startAll()
try {
  await addPortLatency(stacks)
  await bfdDetection(stacks)
  await cpuPerPass(stacks)
} finally {
  for (const stack of stacks) await stack.stop()
}
