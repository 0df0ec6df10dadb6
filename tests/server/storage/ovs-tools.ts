// Real Open vSwitch tools for the storage interop tests: finding them, serving a given database
// file with a private ovsdb-server (temp directory, Unix socket, stopped by PID), running
// ovs-vsctl / ovsdb-tool / ovsdb-client, and reading every row of a served database.

import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { connect } from 'node:net'
import { delimiter, join } from 'node:path'
import { parseJsonExact } from '../../../protocol/index.js'
import type { DatabaseSchema } from '../../../schema/index.js'
import { RpcClient } from '../../support/rpc-client.js'

/** The tools the storage interop tests drive. */
export const STORAGE_TOOLS = ['ovsdb-tool', 'ovsdb-server', 'ovsdb-client', 'ovs-vsctl'] as const
export type StorageTool = (typeof STORAGE_TOOLS)[number]

const DIRS = ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin']

/** The absolute path of `name`, or null when it is not installed. */
export function findTool(name: StorageTool): string | null {
  for (const dir of [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...DIRS]) {
    if (existsSync(join(dir, name))) return join(dir, name)
  }
  return null
}

/** Runs `tool args`; returns stdout, throwing with stderr when it fails. */
export function runTool(tool: StorageTool, args: readonly string[], env: Record<string, string> = {}): string {
  const result = spawnSync(findTool(tool)!, args, { encoding: 'utf8', env: { ...process.env, ...env } })
  if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${result.status}): ${result.stderr}`)
  return result.stdout
}

/** A private ovsdb-server serving one file. */
export interface ServedFile {
  readonly socket: string
  stop(): Promise<void>
}

/** Starts ovsdb-server on `file` with its socket, pidfile, log and unixctl socket in `dir`. */
export async function serveFile(file: string, dir: string): Promise<ServedFile> {
  const socket = join(dir, 'db.sock')
  const child = spawn(findTool('ovsdb-server')!, [
    `--remote=punix:${socket}`, '--no-chdir', `--pidfile=${join(dir, 'pid')}`, `--log-file=${join(dir, 'log')}`,
    `--unixctl=${join(dir, 'ctl')}`, file,
  ], { stdio: 'ignore', env: { ...process.env, OVS_RUNDIR: dir, OVS_LOGDIR: dir, OVS_DBDIR: dir } })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let gone = false
  void exited.then(() => { gone = true })
  const stop = async () => {
    if (!gone && child.pid !== undefined) process.kill(child.pid, 'SIGTERM')
    await exited
  }
  for (let attempt = 0; attempt < 500 && !gone; attempt++) {
    if (existsSync(socket) && (await canConnect(socket))) return { socket, stop }
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  await stop()
  throw new Error(`ovsdb-server did not serve ${file}`)
}

/** Every row of every table of `schema` on the server at `socket`, keyed "table uuid", as exact JSON. */
export async function selectAll(socket: string, schema: DatabaseSchema, columns: (table: string) => string[]): Promise<Map<string, unknown>> {
  const client = await RpcClient.connect(socket)
  try {
    const tables = [...schema.tables.keys()]
    const ops = tables.map((table) => ({ op: 'select', table, where: [], columns: ['_uuid', ...columns(table)] }))
    const results = (await client.transact(schema.name, ops)) as { rows: Record<string, unknown>[] }[]
    const rows = new Map<string, unknown>()
    tables.forEach((table, i) => {
      for (const row of results[i].rows) {
        const { _uuid: uuid, ...rest } = row
        rows.set(`${table} ${(uuid as [string, string])[1]}`, rest)
      }
    })
    return rows
  } finally {
    await client.close()
  }
}

/** `ovsdb-client dump -f json` of the database at `socket`, parsed exactly. */
export function dumpJson(socket: string, database: string): unknown {
  return runTool('ovsdb-client', ['-f', 'json', 'dump', `unix:${socket}`, database]).trim().split('\n').map((line) => parseJsonExact(line))
}

function canConnect(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path)
    socket.once('connect', () => { socket.destroy(); resolve(true) })
    socket.once('error', () => resolve(false))
  })
}
