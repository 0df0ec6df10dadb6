// Test support for the reconciler: the vswitch schema, and an in-memory database (a Replica that a
// test edits the way ovs-vsctl would and that applies the reconciler's update transactions), so
// passes run without a server.

import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Replica, type Operation } from '../../client/index.js'
import { parseJsonExact } from '../../protocol/index.js'
import { databaseSchemaFromJson, type DatabaseSchema } from '../../schema/index.js'
import type { DbSource } from '../../reconciler/reconciler.js'

const SCHEMA_PATH = fileURLToPath(new URL('../../schema/vswitch.ovsschema', import.meta.url))

/** The Open_vSwitch schema the project ships. */
export function vswitchSchema(): DatabaseSchema {
  return databaseSchemaFromJson(parseJsonExact(readFileSync(SCHEMA_PATH, 'utf8')))
}

type Json = Record<string, unknown>

/** Interface columns a test may set. */
export interface IfaceSpec {
  readonly name: string
  readonly type?: string
  readonly options?: Record<string, string>
  readonly ofport_request?: number
  readonly mtu_request?: number
  readonly bfd?: Record<string, string>
}

const set = (uuids: readonly string[]): unknown => ['set', uuids.map((uuid) => ['uuid', uuid])]
const map = (record: Record<string, string> = {}): unknown => ['map', Object.entries(record)]

/** A database in memory: one Open_vSwitch row plus whatever a test adds. */
export class MemoryDb implements DbSource {
  readonly replica: Replica
  connected = true
  hasLock = true
  generation = 0
  /** Every transaction the reconciler sent. */
  readonly transactions: Operation[][] = []
  readonly ovsUuid = uuidOf(0)
  readonly #rows = new Map<string, { table: string; row: Json }>()
  readonly #listeners: (() => void)[] = []
  #next = 1

  constructor() {
    const schema = vswitchSchema()
    this.replica = new Replica(schema, new Map([...schema.tables].map(([name, table]) => [name, [...table.columns.keys()]])))
    this.#put('Open_vSwitch', this.ovsUuid, { next_cfg: 0, cur_cfg: 0, bridges: set([]) })
  }

  onChange(listener: () => void): void {
    this.#listeners.push(listener)
  }

  /** Applies the update operations (as the server would) and answers like it. */
  async transact(ops: readonly Operation[]): Promise<unknown[]> {
    this.transactions.push([...ops])
    return ops.map((op) => {
      if (op.op !== 'update') return {}
      const uuid = ((op.where as unknown[][])[0][2] as [string, string])[1]
      if (!this.#rows.has(uuid)) return { count: 0 }
      this.#put(op.table as string, uuid, op.row as Json, false)
      return { count: 1 }
    })
  }

  /** Reads a column of a row as OVSDB JSON-ish values (scalars, arrays for sets, records for maps). */
  column(table: string, uuid: string, column: string): unknown {
    const datum = this.replica.read(table, uuid, column)
    if (datum.values !== undefined) return Object.fromEntries(datum.keys.map((key, i) => [String(key), datum.values![i]]))
    return datum.keys.length === 1 ? datum.keys[0] : [...datum.keys]
  }

  /** The uuid of the row of `table` named `name`. */
  uuid(table: string, name: string): string {
    for (const [uuid, entry] of this.#rows) if (entry.table === table && entry.row.name === name) return uuid
    throw new Error(`no ${table} ${name}`)
  }

  /** `ovs-vsctl add-br NAME`: the bridge, its port and internal interface of the same name; bumps next_cfg. */
  addBridge(name: string, datapathType = 'netdev'): string {
    const iface = this.#insert('Interface', { name, type: 'internal' })
    const port = this.#insert('Port', { name, interfaces: set([iface]) })
    const bridge = this.#insert('Bridge', { name, ports: set([port]), datapath_type: datapathType })
    this.#put('Open_vSwitch', this.ovsUuid, { bridges: set([...this.#refs(this.ovsUuid, 'bridges'), bridge]) })
    return this.bump()
  }

  /** `ovs-vsctl add-port` / `add-bond`: one port with these interfaces on `bridge`. */
  addPort(bridge: string, name: string, ifaces: readonly IfaceSpec[], port: { tag?: number; fake_bridge?: boolean } = {}): string {
    const uuids = ifaces.map((spec) => this.#insert('Interface', ifaceRow(spec)))
    const portUuid = this.#insert('Port', { name, interfaces: set(uuids), ...port })
    const bridgeUuid = this.uuid('Bridge', bridge)
    this.#put('Bridge', bridgeUuid, { ports: set([...this.#refs(bridgeUuid, 'ports'), portUuid]) })
    return this.bump()
  }

  /** `ovs-vsctl del-port`. */
  delPort(bridge: string, name: string): string {
    const bridgeUuid = this.uuid('Bridge', bridge)
    const portUuid = this.uuid('Port', name)
    this.#put('Bridge', bridgeUuid, { ports: set(this.#refs(bridgeUuid, 'ports').filter((uuid) => uuid !== portUuid)) })
    for (const iface of this.#refs(portUuid, 'interfaces')) this.#delete(iface)
    this.#delete(portUuid)
    return this.bump()
  }

  /** `ovs-vsctl del-br`. */
  delBridge(name: string): string {
    const bridgeUuid = this.uuid('Bridge', name)
    this.#put('Open_vSwitch', this.ovsUuid, { bridges: set(this.#refs(this.ovsUuid, 'bridges').filter((uuid) => uuid !== bridgeUuid)) })
    for (const port of this.#refs(bridgeUuid, 'ports')) {
      for (const iface of this.#refs(port, 'interfaces')) this.#delete(iface)
      this.#delete(port)
    }
    this.#delete(bridgeUuid)
    return this.bump()
  }

  /** `ovs-vsctl set Interface NAME ...`. */
  setInterface(name: string, spec: Partial<IfaceSpec>): string {
    this.#put('Interface', this.uuid('Interface', name), ifaceRow({ name, ...spec }))
    return this.bump()
  }

  /** Increments next_cfg as a waiting ovs-vsctl does; returns the value as text (for messages). */
  bump(): string {
    const next = (this.#rows.get(this.ovsUuid)!.row.next_cfg as number) + 1
    this.#put('Open_vSwitch', this.ovsUuid, { next_cfg: next })
    return String(next)
  }

  #insert(table: string, row: Json): string {
    const uuid = uuidOf(this.#next++)
    this.#put(table, uuid, row)
    return uuid
  }

  #refs(uuid: string, column: string): string[] {
    const value = this.#rows.get(uuid)?.row[column] as [string, [string, string][]] | undefined
    return value === undefined ? [] : value[1].map((ref) => ref[1])
  }

  #put(table: string, uuid: string, columns: Json, notify = true): void {
    const row = { ...(this.#rows.get(uuid)?.row ?? {}), ...columns }
    this.#rows.set(uuid, { table, row })
    this.replica.apply([{ table, uuid, kind: 'row', row }])
    if (notify) for (const listener of this.#listeners) listener()
  }

  #delete(uuid: string): void {
    const entry = this.#rows.get(uuid)
    if (entry === undefined) return
    this.#rows.delete(uuid)
    this.replica.apply([{ table: entry.table, uuid, kind: 'delete' }])
  }
}

function ifaceRow(spec: Partial<IfaceSpec>): Json {
  const row: Json = {}
  if (spec.name !== undefined) row.name = spec.name
  if (spec.type !== undefined) row.type = spec.type
  if (spec.options !== undefined) row.options = map(spec.options)
  if (spec.bfd !== undefined) row.bfd = map(spec.bfd)
  if (spec.ofport_request !== undefined) row.ofport_request = spec.ofport_request
  if (spec.mtu_request !== undefined) row.mtu_request = spec.mtu_request
  return row
}

function uuidOf(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`
}
