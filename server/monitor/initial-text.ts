// The initial contents of a monitor reply as JSON text (jsonToText of renderInitial), built from
// per-row texts cached by row version: a row is rendered once per selection and version, so the
// short-lived clients of scripts (ovs-vsctl connects, monitors every Bridge, Port and Interface,
// commits and leaves) cost the server a concatenation instead of a re-render of whole tables. The
// text comes in pieces, each written as it is: joined into one string it would be copied twice more.

import { jsonToText } from '../../schema/index.js'
import type { Database, Row } from '../engine/index.js'
import { conditionSelects } from './condition.js'
import { renderInitialRow } from './render.js'
import { INITIAL, type Selection } from './selection.js'

/** Selections whose row texts are kept; the least recently used one goes beyond this. */
const MAX_SELECTIONS = 32

/**
 * Row members (`"<uuid>":<row text>`) by selection key; rows are frozen and replaced on change,
 * so a WeakMap keyed by row is exact.
 */
export class InitialTexts {
  private readonly bySelection = new Map<string, WeakMap<Row, string>>()

  /**
   * jsonToText(renderInitial(db, selection)) as pieces whose concatenation is that text, byte for
   * byte; each piece is a flat string (a table's members are joined once), so writing them one
   * after another copies no text again. `key` is selectionKey(selection).
   */
  pieces(db: Database, selection: Selection, key: string): string[] {
    const rows = this.cache(key)
    const pieces: string[] = []
    for (const [name, t] of selection.tables) {
      if ((t.kinds & INITIAL) === 0) continue
      const members: string[] = []
      for (const row of db.tables.get(name)!.rows.values()) {
        if (selection.format === 'update2' && !conditionSelects(t.condition, row)) continue
        let member = rows.get(row)
        if (member === undefined) rows.set(row, (member = `"${row.uuid}":${jsonToText(renderInitialRow(selection.format, t, row))}`))
        members.push(member)
      }
      if (members.length > 0) pieces.push(`${pieces.length === 0 ? '{' : '},'}${JSON.stringify(name)}:{`, members.join(','))
    }
    pieces.push(pieces.length === 0 ? '{}' : '}}')
    return pieces
  }

  private cache(key: string): WeakMap<Row, string> {
    let rows = this.bySelection.get(key)
    if (rows !== undefined) this.bySelection.delete(key)
    else rows = new WeakMap()
    this.bySelection.set(key, rows)
    if (this.bySelection.size > MAX_SELECTIONS) this.bySelection.delete(this.bySelection.keys().next().value!)
    return rows
  }
}
