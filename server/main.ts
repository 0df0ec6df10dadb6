#!/usr/bin/env node
// switchyard-server: parses the command line, starts the server (server/rpc/start.ts), the HTTP
// side and the control socket, writes the pidfile, and shuts down cleanly on SIGTERM/SIGINT or
// `ctl exit` — HTTP, control socket, remotes and sessions, then storage, then the pidfile. A bad
// argument or a failure to start prints one line on stderr and exits 1. `switchyard-server ctl ...`
// is the control socket's client instead.

import { readFileSync, unlinkSync, writeFileSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { StartedHttp } from './http/index.js'
import { DEFAULT_HTTP, parseServerArgs, USAGE, type ServerConfig } from './rpc/args.js'
import { openControl, type Control } from './rpc/control.js'
import { isDbRemote } from './rpc/db-remotes.js'
import { runCtl } from './rpc/ctl-client.js'
import { createLogger, type Logger } from './rpc/log.js'
import { packagePath } from './rpc/package-path.js'
import { startServer, type StartedServer } from './rpc/start.js'

const PROGRAM = 'switchyard-server'

/** Runs the server with `argv` (process arguments after the script). Resolves once serving. */
export async function main(argv: readonly string[]): Promise<void> {
  if (argv[0] === 'ctl') {
    process.exitCode = await runCtl(argv.slice(1), (text) => process.stdout.write(text), (text) => process.stderr.write(text))
    return
  }
  let config: ServerConfig | null
  try {
    config = parseServerArgs(argv)
  } catch (error) {
    return fail(error)
  }
  if (config === null) return void process.stdout.write(`${USAGE}\n`)
  const log = createLogger(config.logLevel)
  let server: StartedServer | null = null
  let http: StartedHttp | null = null
  let control: Control | null = null
  const running = {
    close: async () => {
      await http?.close()
      await control?.close()
      await server?.close()
    },
  }
  const stop = (code: number) => void shutdown(running, config, log, code)
  try {
    server = await startServer(config, log, (hosted, error) => {
      log.error('storage', `${hosted.name}: ${String(error)}; stopping so no unsaved change is served`)
      stop(1)
    })
    handleSignals(log, stop)
    http = await openHttp(config, server, log)
    if (config.unixctl !== null && config.unixctl !== undefined) {
      control = await openControl(config.unixctl, { server, version: packageVersion(), exit: () => stop(0), log })
    }
    if (config.pidfile !== null) writePidfile(config.pidfile)
  } catch (error) {
    await running.close().catch(() => undefined)
    return fail(error)
  }
  const where = [...server.rpc.listRemotes(), ...(http === null ? [] : [`http:${http.address}`])]
  log.info('main', `serving ${server.databases.map((hosted) => hosted.name).join(', ')} on ${where.join(', ')}`)
}

/**
 * Starts the HTTP side (server/http) unless `--http none`. Its module (fastify and friends) loads
 * only now, after the remotes serve: a restart answers its first clients without waiting for it.
 */
async function openHttp(config: ServerConfig, server: StartedServer, log: Logger): Promise<StartedHttp | null> {
  if (config.http === null) return null
  const { checkReadiness, startHttp } = await import('./http/index.js')
  const readiness = checkReadiness({
    databasePaths: config.databases.map((spec) => spec.path),
    expectedRemotes: config.remotes.filter((remote) => !isDbRemote(remote)).length,
    listRemotes: () => server.rpc.listRemotes(),
  })
  const backend = { rpc: server.rpc, databases: server.databases, readiness }
  return startHttp(backend, config.http ?? DEFAULT_HTTP, { token: config.httpToken ?? null }, log)
}

/** Shuts down cleanly on SIGTERM/SIGINT from now on (the HTTP side may still be loading). */
function handleSignals(log: Logger, stop: (code: number) => void): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log.info('main', `${signal} received, shutting down`)
      stop(0)
    })
  }
}

let stopping = false

async function shutdown(server: { close(): Promise<void> }, config: ServerConfig, log: Logger, code: number): Promise<void> {
  if (stopping) return
  stopping = true
  try {
    await server.close()
  } catch (error) {
    log.error('main', `while shutting down: ${String(error)}`)
    code = 1
  }
  if (config.pidfile !== null) removeFile(config.pidfile)
  process.exit(code)
}

/** The package's version, for `ctl version`. */
function packageVersion(): string {
  return (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version
}

function writePidfile(path: string): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, `${process.pid}\n`)
}

function removeFile(path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // already gone
  }
}

function fail(error: unknown): void {
  process.stderr.write(`${PROGRAM}: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
}

void main(process.argv.slice(2))
