// Transactions on their way to the store: the texts of rows written by one group are reused by the
// next for the old versions of rows it modifies, and every Delta text and row write comes out
// exactly as when each row is serialised afresh, in tables with and without ephemeral columns.

import t from 'tap'
import { databaseSchemaFromJson } from '../../../schema/index.js'
import { Database, type Row } from '../../../server/engine/index.js'
import { deltaToText } from '../../../server/storage/delta-codec.js'
import { pendingTxn, rowData, type RowTexts } from '../../../server/storage/row-ops.js'
import { run } from './helpers.js'

const SCHEMA = {
  name: 'S',
  version: '1.0.0',
  tables: {
    Br: { isRoot: true, columns: { name: { type: 'string' }, ports: { type: { key: 'string', min: 0, max: 'unlimited' } } } },
    Ifc: { isRoot: true, columns: { name: { type: 'string' }, state: { type: { key: 'string', min: 0, max: 1 }, ephemeral: true } } },
  },
}

t.test('texts of rows the previous group wrote serve the next one, with the same results as serialising afresh', async (t) => {
  const db = new Database(databaseSchemaFromJson(SCHEMA))
  const groups = [
    [[{ op: 'insert', table: 'Br', row: { name: 'br0', ports: ['set', ['a']] } }, { op: 'insert', table: 'Ifc', row: { name: 'i0', state: 'up' } }]],
    [
      [{ op: 'update', table: 'Br', where: [['name', '==', 'br0']], row: { ports: ['set', ['a', 'b']] } }],
      [{ op: 'update', table: 'Br', where: [['name', '==', 'br0']], row: { ports: ['set', ['a', 'b', 'c']] } }, { op: 'update', table: 'Ifc', where: [], row: { state: 'down' } }],
    ],
    [[{ op: 'update', table: 'Br', where: [['name', '==', 'br0']], row: { name: 'br1' } }, { op: 'update', table: 'Ifc', where: [], row: { name: 'i1' } }]],
    [[{ op: 'delete', table: 'Br', where: [] }, { op: 'delete', table: 'Ifc', where: [] }]],
  ]
  let earlier: ReadonlyMap<Row, string> = new Map()
  let seq = 0
  let reused = 0
  for (const group of groups) {
    const texts: RowTexts = { earlier, written: new Map() }
    for (const ops of group) {
      const { delta, comments, durable } = run(db, ops)
      const record = { txnId: '00000000-0000-4000-8000-000000000000', delta: delta!, comments, peer: 'test', durable }
      for (const table of delta!.tables.values()) for (const change of table.modified.values()) if (texts.written.has(change.old) || earlier.has(change.old)) reused++
      const txn = pendingTxn(db.schema, record, ++seq, 'now', 0, texts)
      t.equal(txn.entry.deltaText, deltaToText(delta!, db.schema), `transaction ${seq}: the Delta text`)
      for (const op of txn.rows) {
        if (op[0] !== 'insert' && op[0] !== 'update') continue
        t.equal(op[4], rowData(db.schema.tables.get(op[1])!, db.tables.get(op[1])!.rows.get(op[2])!), `transaction ${seq}: the row text of ${op[1]}`)
      }
    }
    earlier = texts.written
  }
  t.equal(reused, 3, 'old versions of Br found among texts already made (once within a group, twice across groups)')
})
