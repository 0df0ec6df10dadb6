// Tracks which rows hold a non-default value in an ephemeral column. Ephemeral columns are not
// persisted, so after a restart they are back at their defaults; the transaction history survives
// a restart only when no row held an ephemeral value at the last commit, or a client resuming with
// monitor_cond_since would keep values the restarted server no longer has.

import { datumEquals, type DatabaseSchema } from '../../schema/index.js'
import type { Delta, Row } from '../engine/index.js'
import { tableCodec } from './row-codec.js'

/** The set of rows ("table\nuuid") whose ephemeral columns are not all at their defaults. */
export class EphemeralRows {
  private readonly rows = new Set<string>()

  constructor(private readonly schema: DatabaseSchema) {}

  /** How many rows hold ephemeral values. */
  get size(): number {
    return this.rows.size
  }

  /** Follows one committed transaction. */
  apply(delta: Delta): void {
    for (const [name, changes] of delta.tables) {
      const codec = tableCodec(this.schema.tables.get(name)!)
      if (codec.ephemeral.length === 0) continue
      const holds = (row: Row) => codec.ephemeral.some((column) => !datumEquals(row.fields[column.name], codec.defaults[column.name]))
      const track = (row: Row) => (holds(row) ? this.rows.add(`${name}\n${row.uuid}`) : this.rows.delete(`${name}\n${row.uuid}`))
      for (const row of changes.inserted.values()) track(row)
      for (const change of changes.modified.values()) track(change.new)
      for (const uuid of changes.deleted.keys()) this.rows.delete(`${name}\n${uuid}`)
    }
  }
}
