// SqliteWriter addresses rows by id: inserts append in id order, updates and deletes find the row
// their insert got, and two writers taking turns on one file (the main thread's and the fold
// worker's) each notice the other's batches and read the ids again.

import { join } from 'node:path'
import t from 'tap'
import type { RowOp, PendingTxn } from '../../../server/storage/row-ops.js'
import { openStoreFile } from '../../../server/storage/sqlite-file.js'
import { SqliteWriter } from '../../../server/storage/sqlite-write.js'
import { openSqliteFile } from '../../../server/storage/sqlite-driver.js'
import { storeSchema, tempDir } from './helpers.js'

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`

/** Transaction `seq` making `rows`. */
function txn(seq: number, rows: RowOp[]): PendingTxn {
  return { entry: { seq, txnId: uuid(1000 + seq), date: 'now', comment: null, peer: 'test', ephemeralRows: 0, deltaText: '{}' }, rows, durable: false }
}

t.test('two writers taking turns update and delete the rows the other inserted', async (t) => {
  const path = join(tempDir(t), 'db.sqlite')
  const { sqlite: main } = openStoreFile(path, storeSchema())
  const worker = openSqliteFile(path)
  t.teardown(() => {
    main.close()
    worker.close()
  })
  const [first, second] = [new SqliteWriter(main, 100), new SqliteWriter(worker, 100)]
  first.write([txn(1, [['insert', 'Thing', uuid(1), uuid(101), '{"name":"a"}'], ['insert', 'Thing', uuid(2), uuid(102), '{"name":"b"}']])])
  second.write([txn(2, [['update', 'Thing', uuid(1), uuid(103), '{"name":"a2"}'], ['insert', 'Thing', uuid(3), uuid(104), '{"name":"c"}']])])
  second.write([txn(3, [['version', 'Thing', uuid(3), uuid(105)]])])
  first.write([txn(4, [['delete', 'Thing', uuid(3)], ['delete', 'Thing', uuid(2)], ['insert', 'Thing', uuid(4), uuid(106), '{"name":"d"}']])])
  second.write([txn(5, [['update', 'Thing', uuid(4), uuid(107), '{"name":"d2"}']])])
  const rows = main.prepare('SELECT id, uuid, version, data FROM rows ORDER BY id').raw().all()
  t.same(rows, [[1, uuid(1), uuid(103), '{"name":"a2"}'], [4, uuid(4), uuid(107), '{"name":"d2"}']], 'ids in insertion order; every change landed on its row')
  t.throws(() => first.write([txn(6, [['update', 'Thing', uuid(3), uuid(108), '{}']])]), /no stored Thing row/, 'a row the file does not hold fails the batch')
  t.same(main.prepare('SELECT COUNT(*) FROM history').raw().get(), [5], 'and nothing of it was written')
  first.write([txn(6, [['update', 'Thing', uuid(1), uuid(109), '{"name":"a3"}']])])
  t.same(main.prepare('SELECT version FROM rows WHERE id = 1').raw().get(), [uuid(109)], 'the writer goes on after a failed batch')
})
