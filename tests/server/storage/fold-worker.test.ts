// The fold worker's side of the SQLite store: batches reach the file on the worker thread while
// new groups go to the other redo log, transactions handed over before their batch is written
// keep their order with those written by the main thread, and a batch the worker cannot write
// fails the store without losing an answered transaction (the redo logs keep it for the next open;
// the worker writes nothing after its failure). Closing while a hand-over waits for the next turn of
// the event loop still writes everything.

import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import t from 'tap'
import BetterSqlite3 from 'better-sqlite3'
import { openSqliteStore, type OpenedStore } from '../../../server/storage/index.js'
import { FoldThread } from '../../../server/storage/fold-thread.js'
import type { PendingTxn } from '../../../server/storage/row-ops.js'
import { dumpRows, run, storeSchema, tempDir } from './helpers.js'

async function insert(store: OpenedStore, name: string): Promise<void> {
  const outcome = run(store.db, [{ op: 'insert', table: 'Thing', row: { name } }])
  await store.storage.append({ txnId: randomUUID(), delta: outcome.delta!, comments: [], peer: 'p', durable: false })
}

/** Resolves once `done()` holds, polling every 10 ms; rejects after 20 s. */
async function until(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

t.test('batches go into the file on the worker while later groups are logged; reopening finds every row', async (t) => {
  const path = join(tempDir(t), 'db.sqlite')
  const store = openSqliteStore(path, storeSchema())
  const file = new BetterSqlite3(path, { readonly: true })
  t.teardown(() => file.close())
  const filed = () => (file.prepare("SELECT COUNT(*) AS n FROM rows WHERE tbl = 'Thing'").get() as { n: number }).n
  for (let i = 0; i < 50; i++) await insert(store, `a${i}`)
  await until(() => filed() === 50, 'the worker to write the first batch')
  for (let i = 0; i < 50; i++) await insert(store, `b${i}`)
  await until(() => filed() === 100, 'the worker to write the second batch')
  await insert(store, 'last')
  const expected = dumpRows(store.db)
  store.storage.close()
  t.equal(filed(), 101, 'close wrote the rest')
  const reopened = openSqliteStore(path, storeSchema())
  t.teardown(() => reopened.storage.close())
  t.same(dumpRows(reopened.db), expected)
  t.equal(reopened.history.length, 100, 'the newest 100 transactions are resumable')
})

t.test('transactions handed to the worker and those still on the main thread reach the file in order on fold', async (t) => {
  const path = join(tempDir(t), 'db.sqlite')
  const store = openSqliteStore(path, storeSchema())
  await Promise.all(Array.from({ length: 100 }, (_, i) => insert(store, `handed${i}`)))
  await Promise.all(Array.from({ length: 10 }, (_, i) => insert(store, `kept${i}`)))
  store.storage.fold()
  const file = new BetterSqlite3(path, { readonly: true })
  t.teardown(() => file.close())
  const names = (file.prepare("SELECT data FROM rows WHERE tbl = 'Thing' ORDER BY id").all() as { data: string }[]).map((row) => (JSON.parse(row.data) as { name: string }).name)
  t.same(names, [...Array.from({ length: 100 }, (_, i) => `handed${i}`), ...Array.from({ length: 10 }, (_, i) => `kept${i}`)], 'every row, in commit order')
  const seqs = (file.prepare('SELECT seq FROM history ORDER BY seq').raw().all() as [number][]).map(([seq]) => seq)
  t.same(seqs, Array.from({ length: 110 }, (_, i) => i + 1), 'one history row per transaction, none missing')
  const expected = dumpRows(store.db)
  store.storage.close()
  const reopened = openSqliteStore(path, storeSchema())
  t.teardown(() => reopened.storage.close())
  t.same(dumpRows(reopened.db), expected)
})

t.test('a store closed while a hand-over waits for the next turn still writes every transaction', async (t) => {
  const path = join(tempDir(t), 'db.sqlite')
  const store = openSqliteStore(path, storeSchema())
  await Promise.all(Array.from({ length: 100 }, (_, i) => insert(store, `row${i}`)))
  const expected = dumpRows(store.db)
  store.storage.close()
  await new Promise((resolve) => setImmediate(resolve))
  const reopened = openSqliteStore(path, storeSchema())
  t.teardown(() => reopened.storage.close())
  t.same(dumpRows(reopened.db), expected)
  t.equal(reopened.history.length, 100)
})

t.test('a worker that failed a batch shows it at once and writes nothing handed to it afterwards', async (t) => {
  const path = join(tempDir(t), 'db.sqlite')
  openSqliteStore(path, storeSchema()).storage.close()
  const other = new BetterSqlite3(path)
  t.teardown(() => other.close())
  other.exec('ALTER TABLE history RENAME TO hidden')
  const thread = new FoldThread(path, 100, () => undefined, () => undefined)
  t.teardown(() => thread.close())
  const txn = (seq: number, name: string): PendingTxn => ({
    entry: { seq, txnId: randomUUID(), date: new Date().toISOString(), comment: null, peer: 'p', ephemeralRows: 0, deltaText: '{}' },
    rows: [['insert', 'Thing', randomUUID(), randomUUID(), JSON.stringify({ name })]],
    durable: false,
  })
  thread.hand([txn(1, 'failed')])
  thread.commit()
  const sleeper = new Int32Array(new SharedArrayBuffer(4))
  for (const deadline = Date.now() + 20_000; !thread.failed && Date.now() < deadline;) Atomics.wait(sleeper, 0, 0, 5)
  t.ok(thread.failed, 'failed, seen before the worker\'s report is handled')
  t.notOk(thread.busy, 'and not busy')
  t.throws(() => thread.waitIdle(), /history/)
  other.exec('ALTER TABLE hidden RENAME TO history')
  thread.hand([txn(2, 'after')])
  thread.commit()
  await new Promise((resolve) => setTimeout(resolve, 300))
  t.equal((other.prepare("SELECT COUNT(*) AS n FROM rows WHERE tbl = 'Thing'").get() as { n: number }).n, 0, 'the file was left as it was')
})

t.test('a batch the worker cannot write fails later appends; the redo logs keep it for the next open', async (t) => {
  const path = join(tempDir(t), 'db.sqlite')
  const logged: string[] = []
  const store = openSqliteStore(path, storeSchema(), { log: (line) => logged.push(line) })
  await insert(store, 'first')
  store.storage.fold()
  const other = new BetterSqlite3(path)
  t.teardown(() => other.close())
  other.exec('ALTER TABLE history RENAME TO hidden')
  await insert(store, 'answered')
  await until(() => logged.length > 0, 'the worker to report the failure')
  t.match(logged[0], /writing logged transactions into the SQLite file failed: .*history.* \(they stay in the redo logs\)/)
  await t.rejects(insert(store, 'refused'), /history/)
  t.throws(() => store.storage.fold(), /history/)
  store.storage.close()
  other.exec('ALTER TABLE hidden RENAME TO history')
  const reopened = openSqliteStore(path, storeSchema())
  t.teardown(() => reopened.storage.close())
  t.same([...reopened.db.tables.get('Thing')!.rows.values()].map((row) => row.fields.name.keys[0]).sort(), ['answered', 'first'])
})
