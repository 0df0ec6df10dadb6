// The history's Delta text: deltaToText writes exactly storedJsonText(deltaToJson(...)) for inserts,
// deletes and modifications (big integers, reals, ephemeral columns), reusing row texts it is given.

import t from 'tap'
import { Database, type Delta, type Row } from '../../../server/engine/index.js'
import { deltaFromJson, deltaToJson, deltaToText } from '../../../server/storage/delta-codec.js'
import { rowData } from '../../../server/storage/row-ops.js'
import { parseStoredJson, storedJsonText } from '../../../server/storage/stored-json.js'
import { run, storeSchema } from './helpers.js'

function changes(): { db: Database; deltas: Delta[] } {
  const db = new Database(storeSchema())
  const deltas = [
    [
      { op: 'insert', table: 'Part', row: { n: 2n ** 62n + 1n }, 'uuid-name': 'p' },
      { op: 'insert', table: 'Thing', row: { name: 'a "q" ✓', r: 0.1 + 0.2, status: ['map', [['s', 'up']]], part: ['named-uuid', 'p'] } },
      { op: 'insert', table: 'Thing', row: { name: 'plain' } },
    ],
    [{ op: 'update', table: 'Thing', where: [['name', '==', 'plain']], row: { i: -(2n ** 63n), status: ['map', [['s', 'down']]] } }],
    [{ op: 'delete', table: 'Thing', where: [['name', '==', 'a "q" ✓']] }],
  ].map((ops) => run(db, ops).delta!)
  return { db, deltas }
}

t.test('deltaToText writes the same text as storedJsonText of deltaToJson', async (t) => {
  const { db, deltas } = changes()
  for (const delta of deltas) t.equal(deltaToText(delta, db.schema), storedJsonText(deltaToJson(delta, db.schema)))
})

t.test('deltaToText reuses given row texts, and the Part rows (no ephemeral columns) give the same text', async (t) => {
  const { db, deltas } = changes()
  const known = new Map<Row, string>()
  for (const row of deltas[0].tables.get('Part')!.inserted.values()) known.set(row, rowData(db.schema.tables.get('Part')!, row))
  t.equal(deltaToText(deltas[0], db.schema, known), storedJsonText(deltaToJson(deltas[0], db.schema)))
  const [row] = known.keys()
  known.set(row, '{"n":7}')
  t.match(deltaToText(deltas[0], db.schema, known), /"new":\{"_version":"[^"]+","n":7\}/, 'the given text is used as it is')
})

t.test('deltaToText reads back as the same Delta', async (t) => {
  const { db, deltas } = changes()
  for (const delta of deltas) {
    const back = deltaFromJson(parseStoredJson(deltaToText(delta, db.schema)), db.schema)
    t.same(deltaToJson(back, db.schema), deltaToJson(delta, db.schema))
  }
})
