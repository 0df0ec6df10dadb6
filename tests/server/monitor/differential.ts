// The two sides of the monitor differential test: the real ovsdb-server over its Unix socket and
// our MonitorHub driven in-process by the engine, each running the same steps and reporting what
// each connection received, normalised (UUIDs numbered, `_version`s and transaction ids masked,
// rows and notifications in a canonical order) so that the two reports compare equal.

import { randomUUID } from 'node:crypto'
import { OvsdbError, jsonText, jsonToText } from '../../../schema/index.js'
import { parseJsonExact } from '../../../protocol/index.js'
import { Database, transact } from '../../../server/engine/index.js'
import { MonitorHub, type MonitorVersion } from '../../../server/monitor/index.js'
import { UuidNormalizer } from '../../support/normalize.js'
import { Collector, monitorSchema } from './helpers.js'
import { WireClient, type WireAnswer } from './wire-client.js'

/** One step, run on connection `conn` (default 0). Ops and requests may name earlier UUIDs `<N>`. */
export type Step = { conn?: number } & (
  | { transact: unknown[] }
  | { monitor: { version: MonitorVersion; id: unknown; requests: unknown; last?: string } }
  | { change: { oldId: unknown; newId: unknown; requests: unknown } }
  | { cancel: unknown }
)

/** What one step produced: the reply outcome and, per connection, the notifications received. */
export interface Observation {
  outcome: unknown
  notifications: unknown[][]
}

const METHODS = { 1: 'monitor', 2: 'monitor_cond', 3: 'monitor_cond_since' } as const
const TXN = '<txn>'

/** A side runs steps; `connections` fixed at creation. */
export interface Side {
  run(step: Step): Promise<Observation>
  close(): void
}

/** The real ovsdb-server at `socketPath`, database `db`. */
export async function realSide(socketPath: string, db: string, connections: number): Promise<Side> {
  const clients = await Promise.all(Array.from({ length: connections }, () => WireClient.connect(socketPath)))
  const normalizer = new UuidNormalizer()
  return {
    async run(step) {
      const conn = step.conn ?? 0
      const [method, params] = wireCall(step, db, normalizer)
      const answer: WireAnswer = await clients[conn].call(method, params)
      const notifications: unknown[][] = []
      for (let i = 0; i < clients.length; i++) notifications.push(i === conn ? answer.notifications : await clients[i].flush())
      return normalise(step, answer.outcome, notifications, normalizer)
    },
    close: () => clients.forEach((client) => client.close()),
  }
}

/** Our engine and MonitorHub, one Collector per connection. */
export function ourSide(connections: number): Side {
  const db = new Database(monitorSchema())
  const hub = new MonitorHub('Mon', db, [])
  const sinks = Array.from({ length: connections }, () => new Collector())
  const normalizer = new UuidNormalizer()
  return {
    async run(step) {
      const sink = sinks[step.conn ?? 0]
      const outcome = answer(() => {
        if ('transact' in step) return runTransaction(db, hub, normalizer.resolve(step.transact) as unknown[])
        if ('monitor' in step) {
          const { version, id, requests, last } = step.monitor
          return hub.add(sink, id, version, normalizer.resolve(requests), last)
        }
        if ('change' in step) {
          hub.changeConditions(sink, step.change.oldId, step.change.newId, normalizer.resolve(step.change.requests))
          return {}
        }
        if (!hub.cancel(sink, step.cancel)) throw new Error('unknown monitor')
        return {}
      })
      return normalise(step, outcome, sinks.map((s) => s.take()), normalizer)
    },
    close: () => undefined,
  }
}

function wireCall(step: Step, db: string, normalizer: UuidNormalizer): [string, unknown[]] {
  if ('transact' in step) return ['transact', [db, ...(normalizer.resolve(step.transact) as unknown[])]]
  if ('monitor' in step) {
    const { version, id, requests, last } = step.monitor
    const params = [db, id, normalizer.resolve(requests)]
    return [METHODS[version], version === 3 ? [...params, last] : params]
  }
  if ('change' in step) return ['monitor_cond_change', [step.change.oldId, step.change.newId, normalizer.resolve(step.change.requests)]]
  return ['monitor_cancel', [step.cancel]]
}

function runTransaction(db: Database, hub: MonitorHub, ops: unknown[]): unknown {
  const outcome = transact(db, parseJsonExact(jsonToText(ops)) as unknown[])
  if (outcome.kind !== 'done') throw new Error('transaction blocked')
  if (outcome.delta !== null) hub.commit(randomUUID(), outcome.delta)
  return parseJsonExact(jsonToText(outcome.results))
}

/** The outcome of `f` as a reply: its result, or its error as ovsdb-server would send it. */
function answer(f: () => unknown): { result: unknown } | { error: unknown } {
  try {
    return { result: f() }
  } catch (error) {
    if (error instanceof OvsdbError) return { error: parseJsonExact(jsonToText(error)) }
    if (error instanceof Error && error.message === 'unknown monitor') return { error: 'unknown monitor' }
    throw error
  }
}

/** Numbers UUIDs (the reply first: it introduces inserted rows) and puts everything in canonical form. */
function normalise(step: Step, outcome: unknown, notifications: unknown[][], normalizer: UuidNormalizer): Observation {
  const reply = 'monitor' in step && isResult(outcome) ? { result: monitorResult(step.monitor.version, outcome.result) } : outcome
  const normalisedReply = normalizer.normalize(reply)
  const normalisedNotes = notifications.map((notes) =>
    notes
      .map((note) => notificationForm(note as { method: string; params: unknown[] }))
      .sort((a, b) => compareText(jsonText(a.params[0]), jsonText(b.params[0])))
      .map((note) => sortRows(normalizer.normalize(note))),
  )
  return { outcome: sortRows(normalisedReply), notifications: normalisedNotes }
}

function isResult(outcome: unknown): outcome is { result: unknown } {
  return typeof outcome === 'object' && outcome !== null && 'result' in outcome
}

function monitorResult(version: MonitorVersion, result: unknown): unknown {
  if (version !== 3) return rowPairs(result)
  const [found, , updates] = result as [boolean, string, unknown]
  return [found, TXN, rowPairs(updates)]
}

function notificationForm(note: { method: string; params: unknown[] }): { method: string; params: unknown[] } {
  const { method, params } = note
  if (method === 'update3') return { method, params: [params[0], TXN, rowPairs(params[2])] }
  if (method === 'update' || method === 'update2') return { method, params: [params[0], rowPairs(params[1])] }
  return note
}

/** `{table: {uuid: row}}` as `{table: [[uuid, row], ...]}`, so that the normaliser sees row UUIDs. */
function rowPairs(updates: unknown): unknown {
  const tables: Record<string, unknown[]> = {}
  for (const [table, rows] of Object.entries(updates as Record<string, Record<string, unknown>>)) {
    tables[table] = Object.entries(rows).sort(([a], [b]) => compareText(a, b))
  }
  return { rowPairs: tables }
}

/** Sorts every `rowPairs` table by its normalised text (ovsdb-server sends rows in hash order). */
function sortRows(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortRows)
  if (typeof value !== 'object' || value === null) return value
  const object: Record<string, unknown> = {}
  for (const [key, member] of Object.entries(value)) {
    object[key] = key === 'rowPairs' ? sortTables(member as Record<string, unknown[]>) : sortRows(member)
  }
  return object
}

function sortTables(tables: Record<string, unknown[]>): Record<string, unknown[]> {
  const sorted: Record<string, unknown[]> = {}
  for (const [table, pairs] of Object.entries(tables)) {
    sorted[table] = [...pairs].sort((a, b) => compareText(jsonToText(a), jsonToText(b)))
  }
  return sorted
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
