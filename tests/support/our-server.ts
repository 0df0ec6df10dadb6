// Starts switchyard-server in the test's own process on a private temp directory and Unix socket,
// closed and removed at the test's teardown; for interop tests that drive it with real OVS clients.

import type { Test } from 'tap'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ServerConfig } from '../../server/rpc/args.js'
import { createLogger } from '../../server/rpc/log.js'
import { startServer } from '../../server/rpc/start.js'

/** A database of the server: its file name in the temp directory and its schema (null: vswitch). */
export interface TestDatabase {
  readonly file: string
  readonly schemaPath: string | null
}

/** Our server, its socket path and its temp directory; `restart` closes it and starts it again on the same files. */
export type OurServer = Awaited<ReturnType<typeof startServer>> & { readonly socket: string; readonly dir: string; restart(): Promise<void> }

/**
 * Starts our server serving `databases` (default: one vswitch database) on `<dir>/db.sock`, and
 * on the remotes and with the TLS material of `extra` when given.
 */
export async function startOurServer(t: Test, databases: readonly TestDatabase[] = [{ file: 'conf.db', schemaPath: null }], extra: Pick<Partial<ServerConfig>, 'remotes' | 'tls'> = {}): Promise<OurServer> {
  const dir = mkdtempSync(join(tmpdir(), 'sy-interop-'))
  const socket = join(dir, 'db.sock')
  const config: ServerConfig = {
    databases: databases.map((db) => ({ path: join(dir, db.file), schemaPath: db.schemaPath })),
    remotes: [`punix:${socket}`, ...(extra.remotes ?? [])],
    logLevel: 'off',
    pidfile: null,
    tls: extra.tls ?? null,
    probeIntervalMs: null,
    maxMessageBytes: null,
    maxBacklogBytes: null,
  }
  const restart = async () => {
    await server.close()
    Object.assign(server, await startServer(config, createLogger('off')))
  }
  const server: OurServer = Object.assign(await startServer(config, createLogger('off')), { socket, dir, restart })
  t.teardown(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })
  return server
}
