// Renders `<table-updates>` (RFC 7047 §4.1.6, `update`) and `<table-updates2>` (ovsdb-server(7)
// §4.1.13, `update2`/`update3`) for a Selection from a Delta, from the committed rows (initial
// replies) or from a condition change, following OVS ovsdb/monitor.c row by row.

import { datumToJson, defaultAtom, type ColumnType, type Datum, type Uuid } from '../../schema/index.js'
import type { Database, Delta, Row } from '../engine/index.js'
import { conditionSelects, type MonitorCondition } from './condition.js'
import { datumDiff } from './diff.js'
import { DELETE, INITIAL, INSERT, MODIFY, type Selection, type TableSelection, type UpdateFormat } from './selection.js'

/** `{table: {uuid: row-update}}`, tables and rows in the order met; never holds an empty table. */
export type TableUpdates = Record<string, Record<Uuid, unknown>>

/** The initial rows of every table whose selection includes `initial` (`{}` when none). */
export function renderInitial(db: Database, selection: Selection): TableUpdates {
  const updates: TableUpdates = {}
  for (const [name, t] of selection.tables) {
    if ((t.kinds & INITIAL) === 0) continue
    for (const row of db.tables.get(name)!.rows.values()) {
      if (selection.format === 'update2' && !conditionSelects(t.condition, row)) continue
      addRow(updates, name, row.uuid, renderInitialRow(selection.format, t, row))
    }
  }
  return updates
}

/** One row's `initial` row-update for table selection `t` (what renderInitial puts under its uuid). */
export function renderInitialRow(format: UpdateFormat, t: TableSelection, row: Row): unknown {
  return rowUpdate(format, t, INITIAL, null, row, undefined)
}

/** What `delta` means to `selection`, or null when it changes nothing the selection reports. */
export function renderDelta(selection: Selection, delta: Delta): TableUpdates | null {
  const updates: TableUpdates = {}
  let any = false
  for (const [name, changes] of delta.tables) {
    const t = selection.tables.get(name)
    if (t === undefined) continue
    const render = (uuid: Uuid, old: Row | null, now: Row | null, changed?: ReadonlySet<string>): void => {
      const kind = changeKind(selection.format, t, old, now, changed)
      if (kind === 0) return
      addRow(updates, name, uuid, rowUpdate(selection.format, t, kind, old, now, changed))
      any = true
    }
    for (const [uuid, row] of changes.inserted) render(uuid, null, row)
    for (const [uuid, change] of changes.modified) render(uuid, change.old, change.new, change.changed)
    for (const [uuid, row] of changes.deleted) render(uuid, row, null)
  }
  return any ? updates : null
}

/**
 * The update2 a condition change causes (ovsdb_monitor_compose_cond_change_update): for each
 * table whose condition differs, rows now selected but not before become `insert`, rows no
 * longer selected become `delete`. Null when no row moves.
 */
export function renderConditionChange(
  db: Database,
  selection: Selection,
  previous: ReadonlyMap<string, MonitorCondition | null>,
): TableUpdates | null {
  const updates: TableUpdates = {}
  let any = false
  for (const [name, t] of selection.tables) {
    const before = previous.get(name) ?? null
    if (before?.key === t.condition?.key) continue
    for (const row of db.tables.get(name)!.rows.values()) {
      const was = conditionSelects(before, row)
      const is = conditionSelects(t.condition, row)
      const kind = was === is ? 0 : is ? INSERT : DELETE
      if ((kind & t.kinds) === 0) continue
      addRow(updates, name, row.uuid, rowUpdate('update2', t, kind, row, row, undefined))
      any = true
    }
  }
  return any ? updates : null
}

/**
 * The kind of change (a bit of selection.ts) a row change is for this table's selection, or 0
 * when it is not reported: a modify touching no tracked column, a change the condition hides,
 * or a kind the selection does not include. For update2 a modify that moves the row into or out
 * of the condition becomes an insert or a delete.
 */
function changeKind(format: UpdateFormat, t: TableSelection, old: Row | null, now: Row | null, changed?: ReadonlySet<string>): number {
  let kind = old === null ? INSERT : now === null ? DELETE : MODIFY
  if (kind === MODIFY && !touchesTracked(format, t, changed!)) return 0
  if (format === 'update2') {
    const was = old !== null && conditionSelects(t.condition, old)
    const is = now !== null && conditionSelects(t.condition, now)
    if (!was && !is) return 0
    if (kind === MODIFY) kind = !was ? INSERT : !is ? DELETE : MODIFY
  }
  return kind & t.kinds
}

/** True when a monitored column, or (update2) a column the condition reads, changed. */
function touchesTracked(format: UpdateFormat, t: TableSelection, changed: ReadonlySet<string>): boolean {
  for (const c of t.columns) if (changed.has(c.column.name)) return true
  if (format === 'update2' && t.condition !== null) {
    for (const name of t.condition.columns) if (changed.has(name)) return true
  }
  return false
}

function rowUpdate(format: UpdateFormat, t: TableSelection, kind: number, old: Row | null, now: Row | null, changed?: ReadonlySet<string>): unknown {
  return format === 'update' ? rowUpdate1(t, kind, old, now, changed) : rowUpdate2(t, kind, old, now, changed)
}

/** `<row-update>`: `new` with every selected column, `old` with the changed ones (all on delete). */
function rowUpdate1(t: TableSelection, kind: number, old: Row | null, now: Row | null, changed?: ReadonlySet<string>): unknown {
  const oldJson: Record<string, unknown> | undefined = kind & (DELETE | MODIFY) ? {} : undefined
  const newJson: Record<string, unknown> | undefined = kind & (INITIAL | INSERT | MODIFY) ? {} : undefined
  for (const { column, kinds } of t.columns) {
    if ((kinds & kind) === 0) continue
    if (kind === DELETE || (kind === MODIFY && changed!.has(column.name))) {
      oldJson![column.name] = datumToJson(fieldOf(old!, column.name), column.type)
    }
    if (newJson !== undefined) newJson[column.name] = datumToJson(fieldOf(now!, column.name), column.type)
  }
  // `new` before `old`, as ovsdb-server writes them (the walk of its hash table).
  const update: Record<string, unknown> = {}
  if (newJson !== undefined) update.new = newJson
  if (oldJson !== undefined) update.old = oldJson
  return update
}

/** `<row-update2>`: `delete: null`, `modify` with diffs of changed columns, else non-default columns. */
function rowUpdate2(t: TableSelection, kind: number, old: Row | null, now: Row | null, changed?: ReadonlySet<string>): unknown {
  if (kind === DELETE) return { delete: null }
  const json: Record<string, unknown> = {}
  for (const { column, kinds } of t.columns) {
    if ((kinds & kind) === 0) continue
    const value = fieldOf(now!, column.name)
    if (kind === MODIFY) {
      if (changed!.has(column.name)) json[column.name] = datumToJson(datumDiff(fieldOf(old!, column.name), value, column.type), column.type)
    } else if (!isDefault(value, column.type)) {
      json[column.name] = datumToJson(value, column.type)
    }
  }
  return { [kind === INITIAL ? 'initial' : kind === MODIFY ? 'modify' : 'insert']: json }
}

/** The datum of `column` in `row`, the implicit `_uuid` and `_version` included. */
function fieldOf(row: Row, column: string): Datum {
  if (column === '_uuid') return { keys: [row.uuid] }
  if (column === '_version') return { keys: [row.version] }
  return row.fields[column]
}

/** True when `datum` is the default of `type` (ovsdb_datum_is_default): update2 leaves it out. */
function isDefault(datum: Datum, type: ColumnType): boolean {
  if (datum.keys.length !== type.min) return false
  if (datum.keys.length === 0) return true
  if (datum.keys[0] !== defaultAtom(type.key.type)) return false
  return type.value === undefined || datum.values![0] === defaultAtom(type.value.type)
}

function addRow(updates: TableUpdates, table: string, uuid: Uuid, row: unknown): void {
  const rows = (updates[table] ??= {})
  rows[uuid] = row
}

