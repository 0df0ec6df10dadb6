// CPU time and resident memory of a running process, read from Linux's /proc: how the benchmarks
// charge work to ovsdb-server and to our server without trusting either to report on itself.

import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

let ticksPerSecond: number | null = null

/** Clock ticks per second of /proc/<pid>/stat times (`getconf CLK_TCK`, 100 when it cannot be asked). */
function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      const text = execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()
      ticksPerSecond = /^[1-9][0-9]*$/.test(text) ? Number(text) : 100
    } catch {
      ticksPerSecond = 100
    }
  }
  return ticksPerSecond
}

/** CPU time of a process (all its threads) in milliseconds: in user mode and in the kernel. */
export interface CpuTimes {
  readonly userMs: number
  readonly systemMs: number
}

/** User and system CPU time of process `pid` (all its threads). Throws if it has exited. */
export function cpuTimes(pid: number): CpuTimes {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the parenthesised command name (which may itself hold spaces): state is field 3,
  // utime field 14 and stime field 15 in proc(5) numbering.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const msPerTick = 1000 / clockTicks()
  return { userMs: Number(fields[11]) * msPerTick, systemMs: Number(fields[12]) * msPerTick }
}

/** User plus system CPU time of process `pid` (all its threads) in milliseconds. Throws if it has exited. */
export function cpuTimeMs(pid: number): number {
  const { userMs, systemMs } = cpuTimes(pid)
  return userMs + systemMs
}

/** Resident set size (VmRSS) of process `pid` in KiB. Throws if it has exited. */
export function rssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = /^VmRSS:\s+([0-9]+) kB$/m.exec(status)
  if (match === null) throw new Error(`no VmRSS for process ${pid}`)
  return Number(match[1])
}

/** Runs `work` and returns how much CPU time process `pid` spent meanwhile (ms; in all, and of it in the kernel), beside work's own result. */
export async function chargeCpu<T>(pid: number, work: () => Promise<T>): Promise<{ cpuMs: number; systemMs: number; result: T }> {
  const before = cpuTimes(pid)
  const result = await work()
  const after = cpuTimes(pid)
  const systemMs = after.systemMs - before.systemMs
  return { cpuMs: after.userMs - before.userMs + systemMs, systemMs, result }
}
