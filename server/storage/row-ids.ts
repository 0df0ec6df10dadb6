// The `rows.id` of every row in a store file, by table and uuid, kept by the connection that writes
// it. Rows are written by id: a new row gets the next id, so inserts append to the end of the
// `rows` B-tree instead of landing at random places in a (table, uuid) index. With random UUIDs
// such an index dirtied one page per inserted row, about half of what writing a batch cost.

import type { Uuid } from '../../schema/index.js'
import type { SqliteDatabase } from './sqlite-driver.js'

/** Ids of stored rows and the next id to give out. */
export class RowIds {
  private readonly byTable = new Map<string, Map<Uuid, number>>()
  private next = 1

  /** The ids of the rows stored in the file `sqlite` has open. */
  static read(sqlite: SqliteDatabase): RowIds {
    const ids = new RowIds()
    for (const [id, table, uuid] of sqlite.prepare('SELECT id, tbl, uuid FROM rows').raw().iterate() as IterableIterator<[number, string, Uuid]>) {
      ids.tableIds(table).set(uuid, id)
      if (id >= ids.next) ids.next = id + 1
    }
    return ids
  }

  /** Gives the new row `uuid` of `table` the next id and returns it. */
  insert(table: string, uuid: Uuid): number {
    const id = this.next++
    this.tableIds(table).set(uuid, id)
    return id
  }

  /** The id of the stored row `uuid` of `table`. Throws when there is none (the file is out of step). */
  get(table: string, uuid: Uuid): number {
    const id = this.byTable.get(table)?.get(uuid)
    if (id === undefined) throw new Error(`no stored ${table} row ${uuid}`)
    return id
  }

  /** Forgets the row `uuid` of `table`; returns the id it was stored under. */
  delete(table: string, uuid: Uuid): number {
    const id = this.get(table, uuid)
    this.byTable.get(table)!.delete(uuid)
    return id
  }

  private tableIds(table: string): Map<Uuid, number> {
    let ids = this.byTable.get(table)
    if (ids === undefined) this.byTable.set(table, (ids = new Map()))
    return ids
  }
}
