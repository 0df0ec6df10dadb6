#!/usr/bin/env node
// switchyard-reconciler: parses the command line, follows the database (lock `ovs_vswitchd`),
// drives the chosen engine through the reconcile loop, serves /healthz and /metrics (unless
// `--http none`), and exits cleanly on SIGTERM/SIGINT. A bad argument prints one line on stderr and exits 1.

import { randomInt } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { parseRemoteList, type Remote } from '../client/index.js'
import { parseReconcilerArgs, USAGE, type ReconcilerArgs } from './args.js'
import { createDriver } from './engine-driver.js'
import { parseDeviceList, systemClock, type DeviceSpec } from './engines/index.js'
import { DbFollower } from './follower.js'
import type { ReconcilerHttpSource, StartedReconcilerHttp } from './http.js'
import { createReconcilerLog, type ReconcilerLog } from './log.js'
import { Reconciler } from './reconciler.js'
import { FOLLOWED_TABLES, OMITTED_COLUMNS, QUIET_COLUMNS } from './columns.js'

const PROGRAM = 'switchyard-reconciler'

/** Runs the reconciler with `argv` (process arguments after the script); resolves once started. */
export async function main(argv: readonly string[]): Promise<void> {
  let setup: Setup | null
  try {
    setup = readSetup(argv)
  } catch (error) {
    process.stderr.write(`${PROGRAM}: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
    return
  }
  if (setup === null) return void process.stdout.write(`${USAGE}\n`)
  const { args, remotes, devices } = setup
  const log = createReconcilerLog(args.logLevel)
  const follower = new DbFollower({
    remotes, database: 'Open_vSwitch', lock: 'ovs_vswitchd', tables: FOLLOWED_TABLES, omit: OMITTED_COLUMNS, quiet: QUIET_COLUMNS, log,
  })
  const driver = createDriver(args.engine, { devices, clock: systemClock, log })
  const reconciler = new Reconciler(follower, driver, { clock: systemClock, log, random: () => randomInt(2 ** 32) })
  const http = await openHttp(args, { db: follower, bfd: reconciler.bfd, remote: args.remote }, log)
  if (http === false) return
  void follower.run()
  log.info('bridge', `${PROGRAM} started (engine ${args.engine}, database ${args.remote})`)
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log.info('bridge', `${signal} received, exiting`)
      follower.stop()
      void Promise.all([reconciler.stop(), http?.close()]).then(() => process.exit(0))
    })
  }
}

/**
 * Starts reconciler/http.ts (loaded only when wanted) as `--http` says; false (after printing why and
 * setting exit code 1) when a given address cannot be bound.
 */
async function openHttp(args: ReconcilerArgs, source: ReconcilerHttpSource, log: ReconcilerLog): Promise<StartedReconcilerHttp | null | false> {
  if (args.http === null) return null
  const { startReconcilerHttp } = await import('./http.js')
  try {
    return await startReconcilerHttp(source, args.http, log)
  } catch (error) {
    process.stderr.write(`${PROGRAM}: ${(error as Error).message}\n`)
    process.exitCode = 1
    return false
  }
}

interface Setup {
  readonly args: ReconcilerArgs
  readonly remotes: Remote[]
  readonly devices: DeviceSpec[]
}

/** The parsed command line with its remotes and devices (from --devices and --devices-file); null for --help. */
function readSetup(argv: readonly string[]): Setup | null {
  const args = parseReconcilerArgs(argv)
  if (args === null) return null
  const listed = args.devicesFile === undefined ? [] : parseDeviceList(JSON.parse(readFileSync(args.devicesFile, 'utf8')))
  return { args, remotes: parseRemoteList(args.remote), devices: [...args.devices.map((name) => ({ name })), ...listed] }
}

await main(process.argv.slice(2))
