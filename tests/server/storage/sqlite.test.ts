// The SQLite store: what a restart restores (rows, _version, every datum, history), group commit
// into the redo log and batches into the file, ephemeral columns, durability flag, plain-SQL
// readability and refusal of files it cannot own. The crash test (crash.test.ts) kills a writer.

import { randomUUID } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import { appendFileSync, copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import BetterSqlite3 from 'better-sqlite3'
import { exportOvsdbFile, openSqliteStore, type OpenedStore } from '../../../server/storage/index.js'
import { deltaToJson } from '../../../server/storage/delta-codec.js'
import { readRedoLog } from '../../../server/storage/redo-log.js'
import { storedJsonText } from '../../../server/storage/stored-json.js'
import { dumpBookkeeping, dumpRows, run, storeSchema, tempDir } from './helpers.js'

const BIG = 2n ** 62n + 12345n
const NEGATIVE = -(2n ** 63n)

/** Runs `ops` against the store's database and appends the commit; resolves with the record. */
async function commit(store: OpenedStore, ops: unknown[], durable = false) {
  const outcome = run(store.db, ops)
  const record = { txnId: randomUUID(), delta: outcome.delta!, comments: outcome.comments, peer: 'unix:test.sock', durable }
  await store.storage.append(record)
  return record
}

const FIRST = [
  { op: 'insert', table: 'Part', row: { n: 1 }, 'uuid-name': 'p1' },
  { op: 'insert', table: 'Part', row: { n: BIG }, 'uuid-name': 'p2' },
  {
    op: 'insert', table: 'Thing', 'uuid-name': 't',
    row: {
      name: 'héllo wörld ✓ 𝄞 "quoted" \\ \n\u0001', i: NEGATIVE, r: 0.1 + 0.2, b: true, u: ['uuid', '01234567-89ab-4def-8123-456789abcdef'],
      oi: 2n ** 63n - 1n, ints: ['set', [BIG, -5, 9007199254740993n]], reals: ['set', [5e-324, 1e300, -1.5, 123456789012345680]],
      strs: ['set', ['', 'ü', '日本']], ss: ['map', [['k', 'v'], ['ключ', 'значение']]], ir: ['map', [[BIG, 2.5]]],
      bu: ['map', [[true, ['named-uuid', 'p1']]]], part: ['set', [['named-uuid', 'p1'], ['named-uuid', 'p2']]],
      seen: ['named-uuid', 'p2'], status: ['map', [['state', 'up']]],
    },
  },
  { op: 'comment', comment: 'first' },
]

t.test('a restart restores every row, _version and datum exactly, big integers, reals and Unicode included', async (t) => {
  const path = join(tempDir(t), 'db.sqlite')
  const store = openSqliteStore(path, storeSchema())
  await commit(store, FIRST)
  await commit(store, [{ op: 'update', table: 'Part', where: [['n', '==', 1]], row: { n: -(2n ** 60n) } }])
  const before = dumpRows(store.db)
  store.storage.close()
  const reopened = openSqliteStore(path, storeSchema())
  t.teardown(() => reopened.storage.close())
  const withoutStatus = before.map((line) => line.replace(/"status":\["map",\[\["state","up"\]\]\]/, '"status":["map",[]]'))
  t.same(dumpRows(reopened.db), withoutStatus, 'same rows, ephemeral status back at its default')
  t.not(withoutStatus.join(), before.join(), 'the fixture did set an ephemeral value')
  t.same(dumpBookkeeping(reopened.db), dumpBookkeeping(store.db))
  const thing = [...reopened.db.tables.get('Thing')!.rows.values()][0]
  t.equal(thing.fields.r.keys[0], 0.1 + 0.2, 'reals keep every bit')
  t.equal(thing.fields.oi.keys[0], 2n ** 63n - 1n)
})

t.test('a restart restores the history with its deltas, oldest first, bounded by historyLimit', async (t) => {
  const path = join(tempDir(t), 'db.sqlite')
  const store = openSqliteStore(path, storeSchema(), { historyLimit: 3 })
  const records = [await commit(store, [{ op: 'insert', table: 'Thing', row: { name: 'a', i: BIG } }])]
  for (let i = 0; i < 3; i++) {
    records.push(await commit(store, [{ op: 'mutate', table: 'Thing', where: [], mutations: [['ints', 'insert', ['set', [i]]], ['i', '+=', 1]] }]))
  }
  records.push(await commit(store, [{ op: 'delete', table: 'Thing', where: [] }]))
  store.storage.close()
  const reopened = openSqliteStore(path, storeSchema(), { historyLimit: 3 })
  t.teardown(() => reopened.storage.close())
  const text = (delta: Parameters<typeof deltaToJson>[0]) => storedJsonText(deltaToJson(delta, reopened.db.schema))
  t.same(reopened.history.map((entry) => entry.txnId), records.slice(-3).map((record) => record.txnId))
  t.same(reopened.history.map((entry) => text(entry.delta)), records.slice(-3).map((record) => text(record.delta)))
  const change = [...reopened.history[0].delta.tables.get('Thing')!.modified.values()][0]
  t.same([...change.changed].sort(), ['_version', 'i', 'ints'])
  t.equal(change.new.fields.i.keys[0], BIG + 2n)
})

t.test('appends made in one tick share one redo-log write and resolve in append order', async (t) => {
  const groups: number[] = []
  const store = openSqliteStore(join(tempDir(t), 'db.sqlite'), storeSchema(), { onGroupCommit: (size) => groups.push(size) })
  t.teardown(() => store.storage.close())
  const order: number[] = []
  const appends = []
  for (let i = 0; i < 20; i++) {
    const outcome = run(store.db, [{ op: 'insert', table: 'Thing', row: { name: `t${i}` } }])
    appends.push(store.storage.append({ txnId: randomUUID(), delta: outcome.delta!, comments: [], peer: 'p', durable: i === 7 }).then(() => order.push(i)))
  }
  await Promise.all(appends)
  await commit(store, [{ op: 'insert', table: 'Thing', row: { name: 'later' } }])
  t.same(groups, [20, 1])
  t.same(order, [...Array(20).keys()])
})

t.test('ephemeral columns are not persisted; an ephemeral-only change rewrites only the version', async (t) => {
  const path = join(tempDir(t), 'db.sqlite')
  const store = openSqliteStore(path, storeSchema())
  t.teardown(() => store.storage.close())
  await commit(store, [{ op: 'insert', table: 'Thing', row: { name: 'x', status: ['map', [['a', 'b']]] } }])
  const file = new BetterSqlite3(path, { readonly: true })
  t.teardown(() => file.close())
  const data = () => file.prepare("SELECT version, data FROM rows WHERE tbl = 'Thing'").get() as { version: string; data: string }
  store.storage.fold()
  t.equal(data().data, '{"name":"x"}')
  const before = data()
  await commit(store, [{ op: 'update', table: 'Thing', where: [], row: { status: ['map', [['a', 'c']]] } }])
  store.storage.fold()
  const thing = [...store.db.tables.get('Thing')!.rows.values()][0]
  t.equal(data().data, before.data)
  t.equal(data().version, thing.version)
  t.not(thing.version, before.version)
  const history = file.prepare('SELECT COUNT(*) AS n FROM history').get() as { n: number }
  t.equal(history.n, 2, 'the ephemeral-only transaction is in the history')
})

t.test('history is not resumable after a restart that lost ephemeral values, and stays cut afterwards', async (t) => {
  const path = join(tempDir(t), 'db.sqlite')
  let store = openSqliteStore(path, storeSchema())
  await commit(store, [{ op: 'insert', table: 'Thing', row: { name: 'x', status: ['map', [['a', 'b']]] } }])
  store.storage.close()
  store = openSqliteStore(path, storeSchema())
  t.same(store.history, [], 'the restart reset an ephemeral value: no history to resume from')
  const after = await commit(store, [{ op: 'insert', table: 'Thing', row: { name: 'y' } }])
  store.storage.close()
  store = openSqliteStore(path, storeSchema())
  t.teardown(() => store.storage.close())
  t.same(store.history.map((entry) => entry.txnId), [after.txnId])
})

t.test('history survives a restart when ephemeral values were cleared before it', async (t) => {
  const path = join(tempDir(t), 'db.sqlite')
  let store = openSqliteStore(path, storeSchema())
  const records = [await commit(store, [{ op: 'insert', table: 'Thing', row: { name: 'x', status: ['map', [['a', 'b']]] } }])]
  records.push(await commit(store, [{ op: 'update', table: 'Thing', where: [], row: { status: ['map', []] } }]))
  store.storage.close()
  store = openSqliteStore(path, storeSchema())
  t.teardown(() => store.storage.close())
  t.same(store.history.map((entry) => entry.txnId), records.map((record) => record.txnId))
})

t.test('the file is readable with plain SQL: rows by table as JSON, history with comment and peer', async (t) => {
  const path = join(tempDir(t), 'db.sqlite')
  const store = openSqliteStore(path, storeSchema())
  const record = await commit(store, FIRST, true)
  store.storage.close()
  const file = new BetterSqlite3(path, { readonly: true })
  t.teardown(() => file.close())
  const row = file.prepare("SELECT uuid, json_extract(data, '$.name') AS name, json_extract(data, '$.status') AS status FROM rows WHERE tbl = 'Thing'").get() as Record<string, unknown>
  t.equal(row.name, 'héllo wörld ✓ 𝄞 "quoted" \\ \n\u0001')
  t.equal(row.status, null)
  const history = file.prepare('SELECT txn_id, comment, peer, date FROM history').all() as Record<string, string>[]
  t.same(history.map(({ txn_id, comment, peer }) => ({ txn_id, comment, peer })), [{ txn_id: record.txnId, comment: 'first', peer: 'unix:test.sock' }])
  t.match(history[0].date, /^\d{4}-\d\d-\d\dT/)
  const meta = file.prepare("SELECT value FROM meta WHERE key = 'format'").get() as { value: string }
  t.equal(meta.value, '2')
  const cli = spawnSync('sqlite3', [path, "select json_extract(data,'$.n') from rows where tbl='Part' order by 1"], { encoding: 'utf8' })
  if (cli.error !== undefined) t.comment('SKIP: sqlite3 shell not installed (the same query ran through better-sqlite3 above)')
  else t.equal(cli.stdout, `1\n${BIG}\n`, 'the sqlite3 shell reads it, big integers exact')
})

t.test('a SQLite file that cannot be written fails the store: later appends reject, the logged transactions stay in the redo log', async (t) => {
  const path = join(tempDir(t), 'db.sqlite')
  const logged: string[] = []
  const store = openSqliteStore(path, storeSchema(), { log: (line) => logged.push(line) })
  const other = new BetterSqlite3(path)
  other.exec('ALTER TABLE rows RENAME TO hidden')
  const answered = await commit(store, [{ op: 'insert', table: 'Thing', row: { name: 'x' } }])
  t.throws(() => store.storage.fold(), /rows/)
  t.match(logged.join('\n'), /writing logged transactions into the SQLite file failed: .*rows.* \(they stay in the redo logs\)/)
  await t.rejects(commit(store, [{ op: 'insert', table: 'Thing', row: { name: 'y' } }]), /rows/)
  await t.rejects(commit(store, [{ op: 'insert', table: 'Thing', row: { name: 'z' } }]), /storage failed earlier/)
  store.storage.close()
  t.ok(existsSync(`${path}-redo`), 'the redo log is kept')
  other.exec('ALTER TABLE hidden RENAME TO rows')
  other.close()
  const reopened = openSqliteStore(path, storeSchema())
  t.teardown(() => reopened.storage.close())
  t.same([...reopened.db.tables.get('Thing')!.rows.values()].map((row) => row.fields.name.keys[0]), ['x'], 'the answered transaction is in the file once it can be written')
  t.same(reopened.history.map((entry) => entry.txnId), [answered.txnId])
})

t.test('a format 1 file (rows keyed by table and uuid) is upgraded on open, its rows and their order kept', async (t) => {
  const path = join(tempDir(t), 'db.sqlite')
  const store = openSqliteStore(path, storeSchema())
  await commit(store, FIRST)
  await commit(store, [{ op: 'insert', table: 'Thing', row: { name: 'x' } }, { op: 'insert', table: 'Thing', row: { name: 'y' } }])
  const before = dumpRows(store.db)
  const order = [...store.db.tables.get('Thing')!.rows.keys()]
  store.storage.close()
  const old = new BetterSqlite3(path)
  old.exec(`ALTER TABLE rows RENAME TO r2;
CREATE TABLE rows (tbl TEXT NOT NULL, uuid TEXT NOT NULL, version TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (tbl, uuid));
INSERT INTO rows SELECT tbl, uuid, version, data FROM r2 ORDER BY id;
DROP TABLE r2;
UPDATE meta SET value = '1' WHERE key = 'format'`)
  old.close()
  const upgraded = openSqliteStore(path, storeSchema())
  t.same(dumpRows(upgraded.db), before.map((line) => line.replace(/"status":\["map",\[\["state","up"\]\]\]/, '"status":["map",[]]')), 'the same rows')
  t.same([...upgraded.db.tables.get('Thing')!.rows.keys()], order, 'in the same order')
  await commit(upgraded, [{ op: 'update', table: 'Thing', where: [['name', '==', 'x']], row: { name: 'x2' } }, { op: 'delete', table: 'Thing', where: [['name', '==', 'y']] }])
  const after = dumpRows(upgraded.db)
  upgraded.storage.close()
  const file = new BetterSqlite3(path, { readonly: true })
  t.equal((file.prepare("SELECT value FROM meta WHERE key = 'format'").get() as { value: string }).value, '2')
  t.same(file.prepare("SELECT json_extract(data, '$.name') AS name FROM rows WHERE tbl = 'Thing' ORDER BY id").all().slice(1), [{ name: 'x2' }], 'the upgraded rows are updated and deleted by id')
  file.close()
  const reopened = openSqliteStore(path, storeSchema())
  t.teardown(() => reopened.storage.close())
  t.same(dumpRows(reopened.db), after)
})

t.test('answered transactions are in the redo log first; a store reopened without close (a crash) writes them into the file', async (t) => {
  const path = join(tempDir(t), 'db.sqlite')
  const first = openSqliteStore(path, storeSchema())
  const kept = await commit(first, FIRST)
  first.storage.fold()
  const records = [await commit(first, [{ op: 'insert', table: 'Thing', row: { name: 'a' } }, { op: 'update', table: 'Thing', where: [], row: { status: ['map', []] } }])]
  records.push(await commit(first, [{ op: 'update', table: 'Thing', where: [['name', '==', 'a']], row: { name: 'b' } }, { op: 'comment', comment: 'rename' }]))
  records.push(await commit(first, [{ op: 'insert', table: 'Thing', row: { name: 'c' } }, { op: 'delete', table: 'Thing', where: [['name', '==', 'b']] }]))
  const live = new BetterSqlite3(path, { readonly: true })
  t.equal((live.prepare('SELECT COUNT(*) AS n FROM history').get() as { n: number }).n, 1, 'not in the SQLite file yet')
  live.close()
  t.same(readRedoLog(`${path}-redo`).map((entry) => [entry.seq, entry.txnId]), records.map((record, i) => [i + 2, record.txnId]), 'the three in the redo log, after the first')
  const expected = dumpRows(first.db)
  const crashed = join(tempDir(t), 'crashed.sqlite')
  for (const suffix of ['', '-wal', '-redo', '-redo-b']) copyFileSync(`${path}${suffix}`, `${crashed}${suffix}`)
  first.storage.close()
  appendFileSync(`${crashed}-redo`, '{"seq":99,"txn":"torn')
  const reopened = openSqliteStore(crashed, storeSchema())
  t.teardown(() => reopened.storage.close())
  t.same(dumpRows(reopened.db), expected, 'rows as answered (no ephemeral value was set); the torn last line is ignored')
  t.same(reopened.history.map((entry) => entry.txnId), [kept.txnId, ...records.map((record) => record.txnId)])
  const file = new BetterSqlite3(crashed, { readonly: true })
  t.teardown(() => file.close())
  t.equal((file.prepare('SELECT COUNT(*) AS n FROM history').get() as { n: number }).n, 4)
  t.equal((file.prepare("SELECT comment FROM history ORDER BY seq DESC LIMIT 1 OFFSET 1").get() as { comment: string }).comment, 'rename')
  t.equal(readFileSync(`${crashed}-redo`, 'utf8'), '', 'the redo log is emptied once the file has it')
  await commit(reopened, [{ op: 'insert', table: 'Thing', row: { name: 'e' } }])
  reopened.storage.fold()
  t.same((file.prepare('SELECT seq FROM history ORDER BY seq').raw().all() as [number][]).map(([seq]) => seq), [1, 2, 3, 4, 5], 'seq goes on')
})

t.test('logged transactions reach the SQLite file by themselves shortly after', async (t) => {
  const path = join(tempDir(t), 'db.sqlite')
  const store = openSqliteStore(path, storeSchema())
  t.teardown(() => store.storage.close())
  await commit(store, FIRST)
  const file = new BetterSqlite3(path, { readonly: true })
  t.teardown(() => file.close())
  const count = () => (file.prepare('SELECT COUNT(*) AS n FROM rows').get() as { n: number }).n
  const deadline = Date.now() + 5000
  while (count() === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10))
  t.equal(count(), 3)
  t.equal((file.prepare("SELECT value FROM meta WHERE key = 'redo_seq'").get() as { value: string }).value, '1')
})

t.test('export includes what is still in the redo log of a running store', async (t) => {
  const dir = tempDir(t)
  const path = join(dir, 'db.sqlite')
  const store = openSqliteStore(path, storeSchema())
  t.teardown(() => store.storage.close())
  await commit(store, FIRST)
  store.storage.fold()
  await commit(store, [{ op: 'insert', table: 'Thing', row: { name: 'late' } }, { op: 'insert', table: 'Thing', row: { name: 'gone' } }])
  await commit(store, [{ op: 'update', table: 'Thing', where: [['name', '==', 'late']], row: { name: 'later' } }, { op: 'delete', table: 'Thing', where: [['name', '==', 'gone']] }])
  const summary = exportOvsdbFile(path, join(dir, 'out.db'))
  t.equal(summary.rows, 4, 'both Parts, the first Thing and the one logged')
  const exported = readFileSync(join(dir, 'out.db'), 'utf8')
  t.match(exported, /"name":"later"/)
  t.notMatch(exported, /"name":"(late|gone)"/)
})

t.test('compact keeps the data and close makes later appends reject', async (t) => {
  const path = join(tempDir(t), 'db.sqlite')
  const store = openSqliteStore(path, storeSchema())
  await commit(store, FIRST)
  store.storage.compact()
  const rows = dumpRows(store.db)
  store.storage.close()
  await t.rejects(store.storage.append({ txnId: randomUUID(), delta: { tables: new Map() }, comments: [], peer: '', durable: false }), /closed/)
  const reopened = openSqliteStore(path, storeSchema())
  t.teardown(() => reopened.storage.close())
  t.equal(dumpRows(reopened.db).length, rows.length)
})

t.test('files it cannot own are refused with the path in the message', async (t) => {
  const dir = tempDir(t)
  const ovs = join(dir, 'conf.db')
  writeFileSync(ovs, 'OVSDB JSON 2 0000000000000000000000000000000000000000\n{}\n')
  t.throws(() => openSqliteStore(ovs, storeSchema()), { message: new RegExp(`${ovs} is an Open vSwitch database file: import it first`) })
  const garbage = join(dir, 'garbage')
  writeFileSync(garbage, 'x'.repeat(4096))
  t.throws(() => openSqliteStore(garbage, storeSchema()), { message: new RegExp(`${garbage}: cannot open`) })
  const path = join(dir, 'db.sqlite')
  openSqliteStore(path, storeSchema()).storage.close()
  copyFileSync(path, join(dir, 'copy.sqlite'))
  const other = { ...storeSchema(), name: 'Other' }
  t.throws(() => openSqliteStore(join(dir, 'copy.sqlite'), other), /holds database "Store", not "Other"/)
})

t.test('the history table keeps at least auditLimit transactions and is trimmed back within a batch of its bound', async (t) => {
  const path = join(tempDir(t), 'db.sqlite')
  const store = openSqliteStore(path, storeSchema(), { historyLimit: 5, auditLimit: 5 })
  t.teardown(() => store.storage.close())
  const file = new BetterSqlite3(path, { readonly: true })
  t.teardown(() => file.close())
  const counts: number[] = []
  for (let i = 0; i < 300; i++) {
    await commit(store, [{ op: 'insert', table: 'Thing', row: { name: `t${i}` } }])
    store.storage.fold()
    counts.push((file.prepare('SELECT COUNT(*) AS n FROM history').get() as { n: number }).n)
  }
  t.ok(counts.slice(5).every((n) => n >= 5), 'never fewer than the bound once reached')
  t.ok(Math.max(...counts) <= 5 + 64, `never more than a trim batch over the bound (max ${Math.max(...counts)})`)
  const newest = file.prepare('SELECT MAX(seq) AS top, MIN(seq) AS bottom FROM history').get() as { top: number; bottom: number }
  t.equal(newest.top, 300, 'the newest transactions are the ones kept')
  t.equal(newest.top - newest.bottom + 1, counts.at(-1), 'kept rows are contiguous')
})
