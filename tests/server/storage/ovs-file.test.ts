// The Open vSwitch file format without the real tools: record framing (SHA-1, torn tails, clustered
// files), column-diff replay, import refusing to clobber or to keep a half-built store, and export.

import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { exportOvsdbFile, importOvsdbFile, openSqliteStore } from '../../../server/storage/index.js'
import { ovsdbRecord, parseOvsdbLog } from '../../../server/storage/ovs-log.js'
import { replayOvsdbLog } from '../../../server/storage/ovs-replay.js'
import { storedJsonText } from '../../../server/storage/stored-json.js'
import { STORE_SCHEMA_JSON, tempDir } from './helpers.js'

const SCHEMA = { name: 'D', tables: { T: { columns: {
  s: { type: { key: 'integer', min: 1, max: 'unlimited' } },
  m: { type: { key: 'string', value: 'string', min: 0, max: 'unlimited' } },
  o: { type: { key: 'string', min: 0, max: 1 } },
  n: { type: 'integer' },
} } } }
const ROW = '5313ddf2-2758-4871-9f12-40d5f3821182'

function file(...records: unknown[]): Buffer {
  return Buffer.concat(records.map((record) => ovsdbRecord(storedJsonText(record))))
}

t.test('records carry their length and SHA-1; a bad checksum or header is an error naming the record', async (t) => {
  const bytes = file(SCHEMA, { _date: 1, T: {} })
  t.same(parseOvsdbLog(bytes), { records: [SCHEMA, { _date: 1, T: {} }], truncated: false })
  t.match(bytes.toString(), /^OVSDB JSON \d+ [0-9a-f]{40}\n\{/)
  const corrupt = Buffer.from(bytes)
  corrupt[corrupt.length - 3] ^= 1
  t.throws(() => parseOvsdbLog(corrupt), /record 1 at offset \d+: SHA-1 mismatch/)
  t.throws(() => parseOvsdbLog(Buffer.concat([bytes, Buffer.from('garbage\n')])), /record 2 at offset \d+: bad header "garbage"/)
  t.throws(() => parseOvsdbLog(Buffer.from('OVSDB CLUSTER 10 x\n')), /clustered database/)
})

t.test('an incomplete last record (torn write) is dropped and reported, as ovsdb-server does', async (t) => {
  const bytes = file(SCHEMA, { T: { [ROW]: { n: 1 } } }, { T: { [ROW]: { n: 2 } } })
  for (const cut of [1, 20, 60]) {
    const log = parseOvsdbLog(bytes.subarray(0, bytes.length - cut))
    t.equal(log.records.length, 2, `cut ${cut} bytes`)
    t.equal(log.truncated, true)
  }
})

t.test('replay applies inserts, diffs, full values and deletions; a column at its default takes the value whole', async (t) => {
  const replayed = replayOvsdbLog([
    SCHEMA,
    { _date: 1, _is_diff: true, T: { [ROW]: { m: ['map', [['a', '1'], ['b', '2']]], o: 'x', n: 2n ** 62n } } },
    { _is_diff: true, T: { [ROW]: { s: 5, m: ['map', [['b', '3'], ['c', '4']]] } } },
    { _is_diff: true, _comment: 'c', T: { [ROW]: { s: ['set', [5, 7, 8]], m: ['map', [['a', '1'], ['b', '3']]], o: ['set', []] } } },
    { T: { [ROW]: { s: ['set', [8, 9]] } } },
  ])
  const row = replayed.tables.get('T')!.get(ROW)!
  t.same(row.s.keys, [8, 9], 'without _is_diff the value is whole')
  t.same(row.m, { keys: ['c'], values: ['4'] })
  t.same(row.o.keys, [])
  t.equal(row.n.keys[0], 2n ** 62n)
  t.equal(replayed.transactions, 4)
  const diffed = replayOvsdbLog([SCHEMA, { T: { [ROW]: {} } }, { _is_diff: true, T: { [ROW]: { s: 5 } } }, { _is_diff: true, T: { [ROW]: { s: ['set', [5, 7]] } } }])
  t.same(diffed.tables.get('T')!.get(ROW)!.s.keys, [7], '{0} → 5 (default: whole) → {5}^{5,7} = {7}, as ovsdb-tool query shows')
  const gone = replayOvsdbLog([SCHEMA, { T: { [ROW]: {} } }, { T: { [ROW]: null } }])
  t.equal(gone.tables.get('T')!.size, 0)
})

t.test('replay errors name the record and the problem', async (t) => {
  t.throws(() => replayOvsdbLog([]), /no schema record/)
  t.throws(() => replayOvsdbLog([SCHEMA, { X: {} }]), /record 1: unknown table "X"/)
  t.throws(() => replayOvsdbLog([SCHEMA, { T: { [ROW]: { zz: 1 } } }]), /record 1: T row .*: unknown column "zz"/)
  t.throws(() => replayOvsdbLog([SCHEMA, { T: { [ROW]: null } }]), /deletes missing T row/)
  t.throws(() => replayOvsdbLog([SCHEMA, { T: { 'not-a-uuid': {} } }]), /is not named by a UUID/)
  t.throws(() => replayOvsdbLog([SCHEMA, { T: { [ROW]: { n: 'x' } } }]), /expected integer/)
})

t.test('import builds a store with the rows and refuses to overwrite or to leave a broken store', async (t) => {
  const dir = tempDir(t)
  const conf = join(dir, 'conf.db')
  const part = '11111111-1111-4111-8111-111111111111'
  const thing = '22222222-2222-4222-8222-222222222222'
  writeFileSync(conf, file(STORE_SCHEMA_JSON,
    { _is_diff: true, Part: { [part]: { n: 3 } }, Thing: { [thing]: { name: 'a', part: ['uuid', part], status: ['map', [['k', 'v']]] } } }))
  const target = join(dir, 'store.sqlite')
  t.same(importOvsdbFile(conf, target), { database: 'Store', rows: 2, transactions: 1, truncated: false })
  const store = openSqliteStore(target, { name: 'Store', version: '', tables: new Map() })
  t.equal(store.db.tables.get('Part')!.refCounts.get(part), 1)
  t.same(store.db.tables.get('Thing')!.rows.get(thing)!.fields.status, { keys: [], values: [] }, 'ephemeral values are not imported')
  t.same(store.history, [])
  store.storage.close()
  t.throws(() => importOvsdbFile(conf, target), /already exists/)
  const dangling = join(dir, 'dangling.db')
  writeFileSync(dangling, file(STORE_SCHEMA_JSON, { Thing: { [thing]: { name: 'a', part: ['uuid', part] } } }))
  t.throws(() => importOvsdbFile(dangling, join(dir, 'bad.sqlite')), /references missing Part row/)
  t.notOk(existsSync(join(dir, 'bad.sqlite')), 'nothing is left behind')
  t.throws(() => importOvsdbFile(join(dir, 'absent.db'), join(dir, 'x.sqlite')), /absent\.db/)
})

t.test('export writes a schema record and one record of every row, replacing the target', async (t) => {
  const dir = tempDir(t)
  const conf = join(dir, 'conf.db')
  const part = '11111111-1111-4111-8111-111111111111'
  writeFileSync(conf, file(STORE_SCHEMA_JSON, { Part: { [part]: { n: 2n ** 62n } } }))
  importOvsdbFile(conf, join(dir, 'store.sqlite'))
  const out = join(dir, 'out.db')
  writeFileSync(out, 'old contents')
  t.same(exportOvsdbFile(join(dir, 'store.sqlite'), out), { database: 'Store', rows: 1, transactions: 1, truncated: false })
  const log = parseOvsdbLog(readFileSync(out))
  t.equal(log.records.length, 2)
  t.same((log.records[1] as Record<string, unknown>).Part, { [part]: { n: 2n ** 62n } })
  t.equal((log.records[1] as Record<string, unknown>)._comment, 'exported by switchyard')
  t.throws(() => exportOvsdbFile(join(dir, 'absent.sqlite'), out), /absent\.sqlite: no such file/)
})
