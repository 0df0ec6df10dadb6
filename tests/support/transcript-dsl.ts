// Small builders for writing transcript sources (tests/transcripts/engine-src/*.ts) tersely:
// OVSDB JSON notation (RFC 7047 §5.1) and the transact operations (§5.2), nothing more.

import type { TranscriptStep } from './transcript.js'

/** A JSON value as written in a transcript (bigint for 64-bit integers beyond 2^53). */
export type Json = null | boolean | number | bigint | string | Json[] | { [key: string]: Json }
/** A condition `[column, function, value]` or the literal `true`/`false`. */
export type Condition = [string, string, Json] | boolean
export type Op = { [key: string]: Json }

/** The UUID first seen N-th in this transcript, as `["uuid","<N>"]`. */
export const u = (n: number): Json => ['uuid', `<${n}>`]
/** The placeholder string `<N>` (e.g. for an insert's explicit "uuid"). */
export const uuidText = (n: number): string => `<${n}>`
export const named = (name: string): Json => ['named-uuid', name]
export const set = (...elements: Json[]): Json => ['set', elements]
export const map = (...pairs: [Json, Json][]): Json => ['map', pairs]
/** The condition selecting the row whose UUID was first seen N-th. */
export const byUuid = (n: number): Condition => ['_uuid', '==', u(n)]

/** A step: `note` says what it checks. */
export const step = (note: string, ...ops: Op[]): TranscriptStep => ({ note, ops })

export function insert(table: string, row: Op, uuidName?: string): Op {
  return uuidName === undefined ? { op: 'insert', table, row } : { op: 'insert', table, row, 'uuid-name': uuidName }
}

export function select(table: string, where: Condition[] = [], columns?: string[]): Op {
  return columns === undefined ? { op: 'select', table, where } : { op: 'select', table, where, columns }
}

export function update(table: string, where: Condition[], row: Op): Op {
  return { op: 'update', table, where, row }
}

export function mutate(table: string, where: Condition[], mutations: [string, string, Json][]): Op {
  return { op: 'mutate', table, where, mutations }
}

export function del(table: string, where: Condition[]): Op {
  return { op: 'delete', table, where }
}

/** A `wait` op; `extra` may set "timeout" (omit it only when the wait is satisfied at once). */
export function wait(table: string, where: Condition[], columns: string[], until: '==' | '!=', rows: Op[], extra: Op = {}): Op {
  return { op: 'wait', table, where, columns, until, rows, timeout: 0, ...extra }
}

export const commit = (durable: boolean): Op => ({ op: 'commit', durable })
export const abort = (): Op => ({ op: 'abort' })
export const comment = (text: string): Op => ({ op: 'comment', comment: text })
export const assertLock = (lock: string): Op => ({ op: 'assert', lock })
