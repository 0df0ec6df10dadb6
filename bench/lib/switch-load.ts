// What the reconciler benchmark does to every stack alike: waiting `ovs-vsctl add-port` timed one
// by one, stacks taking turns (order reversing each time, so machine load falls on all alike); growing
// a bridge to many ports; and charging the switch daemon's CPU for passes that change nothing.

import { cpuTimeMs } from './proc-stats.js'
import type { SwitchStack } from './switch-stacks.js'

const GROW_BATCH = 100

/** Per-stack samples of one measurement, in milliseconds. */
export type Samples = Map<SwitchStack, number[]>

/** Adds bridge `bridge` (the stack's datapath type) with a waiting ovs-vsctl. */
export async function addBridge(stack: SwitchStack, bridge: string): Promise<void> {
  await stack.vsctl('add-br', bridge, '--', 'set', 'Bridge', bridge, `datapath_type=${stack.datapathType}`)
}

/**
 * Runs `command(stack, i)` for i < count on every stack, taking turns; returns each call's wall time
 * and the daemon's CPU over it, and the daemon's CPU over the whole run ÷ count (work that trails a
 * command's return and background timers included). A stack whose command fails is recorded in `failed` and skipped
 * afterwards; the first stack (the reference) failing rejects.
 */
export async function timeTurns(stacks: readonly SwitchStack[], count: number, command: (stack: SwitchStack, i: number) => Promise<unknown>, failed: Map<SwitchStack, string>): Promise<{ wall: Samples; cpu: Samples; cpuOverall: Map<SwitchStack, number> }> {
  const wall: Samples = new Map(stacks.map((stack) => [stack, []]))
  const cpu: Samples = new Map(stacks.map((stack) => [stack, []]))
  const cpuAtStart = new Map(stacks.map((stack) => [stack, cpuTimeMs(stack.daemonPid)]))
  for (let i = 0; i < count; i++) {
    const order = i % 2 === 0 ? stacks : [...stacks].reverse()
    for (const stack of order.filter((s) => !failed.has(s))) {
      const [cpuBefore, started] = [cpuTimeMs(stack.daemonPid), performance.now()]
      try {
        await command(stack, i)
      } catch (error) {
        if (stack === stacks[0]) throw error
        failed.set(stack, firstLine(error))
        console.log(`${stack.label} FAILED: ${firstLine(error)}`)
        continue
      }
      wall.get(stack)?.push(performance.now() - started)
      cpu.get(stack)?.push(cpuTimeMs(stack.daemonPid) - cpuBefore)
    }
  }
  const cpuOverall = new Map(stacks.filter((stack) => !failed.has(stack)).map((stack) => [stack, (cpuTimeMs(stack.daemonPid) - (cpuAtStart.get(stack) ?? 0)) / count]))
  return { wall, cpu, cpuOverall }
}

/** Each stack's daemon CPU per second over `ms` milliseconds in which nothing is asked of it (all stacks at once). */
export async function idleCpu(stacks: readonly SwitchStack[], ms: number): Promise<Map<SwitchStack, number>> {
  const before = new Map(stacks.map((stack) => [stack, cpuTimeMs(stack.daemonPid)]))
  await new Promise((resolve) => setTimeout(resolve, ms))
  return new Map(stacks.map((stack) => [stack, ((cpuTimeMs(stack.daemonPid) - (before.get(stack) ?? 0)) * 1000) / ms]))
}

/** The first line of an error's message. */
export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]
}

/** A waiting `ovs-vsctl add-port BRIDGE NAME -- set Interface NAME type=dummy`. */
export function addPort(stack: SwitchStack, bridge: string, name: string): Promise<string> {
  return stack.vsctl('add-port', bridge, name, '--', 'set', 'Interface', name, 'type=dummy')
}

/** Adds dummy ports `prefix`0 … up to `count` to `bridge` (--no-wait, GROW_BATCH per command), then waits once for the switch to catch up. */
export async function growBridge(stack: SwitchStack, bridge: string, prefix: string, count: number): Promise<void> {
  for (let first = 0; first < count; first += GROW_BATCH) {
    const args: string[] = ['--no-wait']
    for (let i = first; i < Math.min(count, first + GROW_BATCH); i++) args.push('--', 'add-port', bridge, `${prefix}${i}`, '--', 'set', 'Interface', `${prefix}${i}`, 'type=dummy')
    await stack.vsctl(...args)
  }
  await stack.vsctl('set', 'Open_vSwitch', '.', 'external_ids:bench=grown')
  if (count === 0) return
  const ofports = (await stack.vsctl('--columns=ofport', '--format=csv', '--no-headings', 'find', 'Interface', `name=${prefix}0`)).trim()
  if (!/^[1-9][0-9]*$/.test(ofports)) throw new Error(`${stack.label}: ${prefix}0 has ofport ${ofports} after growing`)
}

/** The value at quantile `q` (0..1) of `values` (nearest rank), or null when empty. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
}

/** The sum of `values` divided by their count, or null when empty. */
export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length
}
