// Builds a running server from a ServerConfig: opens each database file (created from its schema
// when absent) with its MonitorHub, adds `_Server`, then opens the remotes. Closing undoes it in
// reverse order: remotes and sessions first, then the stores (flushing queued commits).

import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { CREATE_FILE, READ_ONCE, databaseSchemaFromJson, schemaAfter, schemaJsonInOvsOrder, type DatabaseSchema } from '../../schema/index.js'
import { fillServerDatabase, loadServerSchema, SERVER_DB_NAME } from '../server-db.js'
import type { Database } from '../engine/index.js'
import { openMemoryStore, openSqliteStore, rewriteSqliteStore, type OpenedStore } from '../storage/index.js'
import type { DatabaseSpec, ServerConfig } from './args.js'
import { DbRemoteSet } from './db-remote-set.js'
import { isDbRemote } from './db-remotes.js'
import type { HostedDb } from './hosted-db.js'
import type { TlsMaterial } from './listener.js'
import type { Logger } from './log.js'
import { packagePath } from './package-path.js'
import { RpcServer } from './server.js'
import { WatchedHub } from './watched-hub.js'

/** A server that is serving. */
export interface StartedServer {
  readonly rpc: RpcServer
  /** The hosted databases, `_Server` last. */
  readonly databases: readonly HostedDb[]
  /** The `db:` remotes (none when the command line gives none). */
  readonly dbRemotes: DbRemoteSet
  /** Stops remotes and sessions, then closes every store. */
  close(): Promise<void>
}

/** Called when storage fails under a database: the process should stop. */
export type FatalHandler = (hosted: HostedDb, error: unknown) => void

/**
 * Opens the databases and remotes of `config`. Throws Error with a message naming the file or
 * remote at fault (unreadable schema, bad database file, port in use, ...); nothing stays open then.
 */
export async function startServer(config: ServerConfig, log: Logger, onFatal?: FatalHandler): Promise<StartedServer> {
  const stores: OpenedStore[] = []
  try {
    const databases = config.databases.map((spec) => openDatabase(spec, stores))
    databases.push(serverDatabase(databases))
    const rpc = new RpcServer(databases, {
      log,
      ...(config.tls === null ? {} : { tls: readTls(config.tls) }),
      ...(config.probeIntervalMs === null ? {} : { probeIntervalMs: config.probeIntervalMs }),
      ...(config.maxMessageBytes === null ? {} : { maxMessageBytes: config.maxMessageBytes }),
      ...(config.maxBacklogBytes === null ? {} : { maxBacklogBytes: config.maxBacklogBytes }),
      ...(config.updateWindowMs == null ? {} : { updateWindowMs: config.updateWindowMs }),
      ...(config.busyPollUs == null ? {} : { busyPollUs: config.busyPollUs }),
      ...(onFatal === undefined ? {} : { onFatal }),
      readOnly: config.readOnly ?? false,
    })
    const byName = new Map(databases.map((hosted) => [hosted.name, hosted]))
    const dbRemotes = new DbRemoteSet(rpc, byName, config.remotes.filter(isDbRemote), log)
    for (const { hub } of databases) if (hub instanceof WatchedHub) hub.watch(() => dbRemotes.schedule())
    const close = async () => {
      dbRemotes.close()
      await rpc.close()
      for (const store of stores) store.storage.close()
    }
    try {
      for (const remote of config.remotes) if (!isDbRemote(remote)) await rpc.addRemote(remote)
      await dbRemotes.start()
    } catch (error) {
      await close()
      throw error
    }
    return { rpc, databases, dbRemotes, close }
  } catch (error) {
    for (const store of stores) store.storage.close()
    throw error
  }
}

function openDatabase(spec: DatabaseSpec, stores: OpenedStore[]): HostedDb {
  const schema = readSchema(spec.schemaPath ?? packagePath('schema', 'vswitch.ovsschema'))
  mkdirSync(dirname(spec.path), { recursive: true })
  // A new file keeps the schema as `ovsdb-tool create` would write it (see schemaAfter).
  const store = openSqliteStore(spec.path, existsSync(spec.path) ? schema : schemaAfter(schema, CREATE_FILE))
  stores.push(store)
  const reopen = (converted?: Database) => {
    if (converted !== undefined) rewriteSqliteStore(spec.path, converted)
    const reopened = openSqliteStore(spec.path, converted?.schema ?? schema)
    stores.push(reopened)
    return reopened
  }
  return { ...hosted(store), reopen }
}

function serverDatabase(databases: readonly HostedDb[]): HostedDb {
  const names = new Set<string>()
  for (const { name } of databases) {
    if (names.has(name) || name === SERVER_DB_NAME) throw new Error(`two databases are named ${name}`)
    names.add(name)
  }
  const store = openMemoryStore(loadServerSchema())
  fillServerDatabase(store.db, [...databases, { name: SERVER_DB_NAME, schema: store.db.schema }])
  return hosted(store)
}

/** `get_schema` answers with the schema as ovsdb-server prints it after reading it from its file (or its built-in text). */
function hosted(store: OpenedStore): HostedDb {
  const schema = store.db.schema
  return {
    name: schema.name,
    schema,
    schemaJson: schemaJsonInOvsOrder(schema, READ_ONCE),
    db: store.db,
    storage: store.storage,
    hub: new WatchedHub(schema.name, store.db, store.history),
  }
}

function readSchema(path: string): DatabaseSchema {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new Error(`cannot read schema ${path}: ${(error as Error).message}`)
  }
  try {
    return databaseSchemaFromJson(JSON.parse(text))
  } catch (error) {
    throw new Error(`${path}: not a valid OVSDB schema: ${(error as Error).message}`)
  }
}

function readTls(files: NonNullable<ServerConfig['tls']>): TlsMaterial {
  const read = (option: string, path: string) => {
    try {
      return readFileSync(path)
    } catch (error) {
      throw new Error(`cannot read ${option} ${path}: ${(error as Error).message}`)
    }
  }
  return {
    privateKey: read('--private-key', files.privateKey),
    certificate: read('--certificate', files.certificate),
    caCert: read('--ca-cert', files.caCert),
  }
}
