// A server under benchmark as a child process: spawned directly (so its PID is the server's, for
// /proc CPU and RSS), ready once its Unix socket accepts a connection, stopped by that PID only.

import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { connect } from 'node:net'

const READY_TIMEOUT_MS = 300_000
const POLL_MS = 2
const STOP_GRACE_MS = 10_000

/** A running server process. */
export interface ServerProcess {
  readonly label: string
  readonly pid: number
  readonly socketPath: string
  /** Milliseconds from spawn until the socket accepted a connection. */
  readonly readyMs: number
  /** What the process wrote on stderr so far. */
  stderr(): string
  /** Sends SIGTERM to the PID (SIGKILL after a grace period) and resolves once it has exited. */
  stop(): Promise<void>
}

/**
 * Spawns `command args` and resolves once `socketPath` accepts connections. Rejects (after killing
 * the child) if it exits first or does not listen within five minutes.
 */
export async function spawnServer(label: string, command: string, args: readonly string[], socketPath: string, env: NodeJS.ProcessEnv = process.env): Promise<ServerProcess> {
  const started = performance.now()
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = () => stopChild(child, exited)
  try {
    await waitForSocket(socketPath, child, () => stderr)
  } catch (error) {
    await stop()
    throw error
  }
  return { label, pid: child.pid ?? -1, socketPath, readyMs: performance.now() - started, stderr: () => stderr, stop }
}

async function waitForSocket(path: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = performance.now() + READY_TIMEOUT_MS
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${child.spawnfile} exited before listening: ${stderr()}`)
    if (existsSync(path) && (await canConnect(path))) return
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
  throw new Error(`${child.spawnfile} did not listen on ${path}`)
}

function canConnect(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path)
    socket.once('connect', () => { socket.destroy(); resolve(true) })
    socket.once('error', () => resolve(false))
  })
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return
  process.kill(child.pid, 'SIGTERM')
  const timer = setTimeout(() => { if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL') }, STOP_GRACE_MS)
  await exited
  clearTimeout(timer)
}
