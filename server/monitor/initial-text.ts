// The initial contents of a monitor reply as JSON text (jsonToText of renderInitial), kept per
// selection between requests: a row is rendered once per selection and version, and a table's
// members stay joined until a commit modifies or deletes one of its rows; rows a commit inserts
// are appended (rendered when next asked for). So the short-lived clients of scripts (ovs-vsctl
// connects, monitors every Bridge, Port and Interface, commits and leaves) cost the server the
// rows that changed instead of a walk over whole tables. The text comes in pieces, each written
// as it is: joined into one string it would be copied twice more.

import { jsonToText } from '../../schema/index.js'
import type { Database, Delta, Row } from '../engine/index.js'
import { conditionSelects } from './condition.js'
import { renderInitialRow } from './render.js'
import { INITIAL, type Selection } from './selection.js'

/** Selections whose row texts are kept; the least recently used one goes beyond this. */
const MAX_SELECTIONS = 32
/** The most recently used selections that also keep joined table texts (a copy of their rows' texts). */
const MAX_JOINED = 4
/** Chunks one table's text may be in before they are joined into one. */
const MAX_CHUNKS = 8
/** Inserted rows waiting to be rendered beyond which a table's text is dropped instead (rebuilt when asked for). */
const MAX_PENDING = 4096

/** One table's members for one selection. */
interface TableText {
  /** Rows the table holds once `pending` is appended: a check that no change went unseen. */
  tableSize: number
  /** The selected rows' members (`"<uuid>":<row text>`) in table order, joined by commas, in a few chunks. */
  chunks: string[]
  /** Rows inserted since, in insertion order (which is the table's order), not rendered yet. */
  pending: Row[]
}

/** What is kept for one selection: row members (rows are frozen and replaced on change, so a WeakMap keyed by row is exact) and table texts. */
interface SelectionTexts {
  readonly selection: Selection
  readonly members: WeakMap<Row, string>
  readonly tables: Map<string, TableText>
}

/** The initial texts of the recently asked selections of one database. */
export class InitialTexts {
  private readonly bySelection = new Map<string, SelectionTexts>()

  /**
   * jsonToText(renderInitial(db, selection)) as pieces whose concatenation is that text, byte for
   * byte; each piece is a flat string or short, so writing them one after another copies no text
   * again. `key` is selectionKey(selection).
   */
  pieces(db: Database, selection: Selection, key: string): string[] {
    const kept = this.take(key, selection)
    const pieces: string[] = []
    for (const [name, t] of selection.tables) {
      if ((t.kinds & INITIAL) === 0) continue
      const { chunks } = this.tableText(kept, db, name)
      if (chunks.length === 0) continue
      pieces.push(`${pieces.length === 0 ? '{' : '},'}${JSON.stringify(name)}:{`)
      chunks.forEach((chunk, i) => (i === 0 ? pieces.push(chunk) : pieces.push(',', chunk)))
    }
    pieces.push(pieces.length === 0 ? '{}' : '}}')
    return pieces
  }

  /** Follows a commit: tables it inserted into get the rows appended; tables it modified or deleted in are dropped. */
  commit(delta: Delta): void {
    for (const kept of this.bySelection.values()) {
      for (const [name, change] of delta.tables) {
        const text = kept.tables.get(name)
        if (text === undefined) continue
        if (change.modified.size > 0 || change.deleted.size > 0 || text.pending.length + change.inserted.size > MAX_PENDING) {
          kept.tables.delete(name)
          continue
        }
        for (const row of change.inserted.values()) text.pending.push(row)
        text.tableSize += change.inserted.size
      }
    }
  }

  /** The table's text, current: rebuilt when missing or when the table's size shows a change not followed. */
  private tableText(kept: SelectionTexts, db: Database, name: string): TableText {
    const rows = db.tables.get(name)!.rows
    let text = kept.tables.get(name)
    if (text === undefined || text.tableSize !== rows.size) {
      text = { tableSize: rows.size, chunks: [], pending: [] }
      this.append(kept, name, text, rows.values())
      kept.tables.set(name, text)
    } else if (text.pending.length > 0) {
      const pending = text.pending
      text.pending = []
      this.append(kept, name, text, pending)
      if (text.chunks.length > MAX_CHUNKS) text.chunks = [text.chunks.join(',')]
    }
    return text
  }

  /** Appends the members of the selected ones of `rows` to `text` as one chunk. */
  private append(kept: SelectionTexts, name: string, text: TableText, rows: Iterable<Row>): void {
    const { selection, members } = kept
    const t = selection.tables.get(name)!
    const joined: string[] = []
    for (const row of rows) {
      if (selection.format === 'update2' && !conditionSelects(t.condition, row)) continue
      let member = members.get(row)
      if (member === undefined) members.set(row, (member = `"${row.uuid}":${jsonToText(renderInitialRow(selection.format, t, row))}`))
      joined.push(member)
    }
    if (joined.length > 0) text.chunks.push(joined.join(','))
  }

  /** The texts kept for `key`, made the most recently used; older selections beyond MAX_JOINED drop their table texts. */
  private take(key: string, selection: Selection): SelectionTexts {
    let kept = this.bySelection.get(key)
    if (kept !== undefined) this.bySelection.delete(key)
    else kept = { selection, members: new WeakMap(), tables: new Map() }
    this.bySelection.set(key, kept)
    if (this.bySelection.size > MAX_SELECTIONS) this.bySelection.delete(this.bySelection.keys().next().value!)
    let older = this.bySelection.size - MAX_JOINED
    for (const selection of this.bySelection.values()) {
      if (older-- <= 0) break
      selection.tables.clear()
    }
    return kept
  }
}
