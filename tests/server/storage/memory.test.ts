// The in-memory store and group commit: appends resolve asynchronously, in order, grouped per turn
// of the event loop; a failed group fails every later append; close rejects what comes after.

import { randomUUID } from 'node:crypto'
import t from 'tap'
import { openMemoryStore } from '../../../server/storage/index.js'
import { GroupCommitter } from '../../../server/storage/group-commit.js'
import { run, storeSchema } from './helpers.js'

t.test('the memory store starts empty and resolves appends in order', async (t) => {
  const store = openMemoryStore(storeSchema())
  t.same(store.history, [])
  t.equal(store.db.tables.get('Thing')!.rows.size, 0)
  const order: number[] = []
  const appends = [0, 1, 2].map((i) => {
    const outcome = run(store.db, [{ op: 'insert', table: 'Thing', row: { name: `t${i}` } }])
    return store.storage.append({ txnId: randomUUID(), delta: outcome.delta!, comments: [], peer: 'p', durable: false }).then(() => order.push(i))
  })
  t.same(order, [], 'nothing resolves synchronously')
  await Promise.all(appends)
  t.same(order, [0, 1, 2])
  store.storage.compact()
  store.storage.close()
  await t.rejects(store.storage.append({ txnId: randomUUID(), delta: { tables: new Map() }, comments: [], peer: 'p', durable: false }), /closed/)
})

t.test('group commit writes one group per turn and poisons itself after a failure', async (t) => {
  const groups: number[][] = []
  const logged: string[] = []
  let failNext = false
  const committer = new GroupCommitter<number>((records) => {
    if (failNext) throw new Error('disk full')
    groups.push([...records])
  }, (line) => logged.push(line))
  await Promise.all([committer.append(1), committer.append(2), committer.append(3)])
  await committer.append(4)
  t.same(groups, [[1, 2, 3], [4]])
  failNext = true
  const failed = [committer.append(5), committer.append(6)]
  await t.rejects(failed[0], /disk full/)
  await t.rejects(failed[1], /disk full/)
  failNext = false
  await t.rejects(committer.append(7), /storage failed earlier: disk full/)
  t.same(logged, ['storage: writing 2 transaction(s) failed: disk full'])
  t.same(groups, [[1, 2, 3], [4]])
})

t.test('close writes what is queued before closing', async (t) => {
  const written: number[] = []
  const committer = new GroupCommitter<number>((records) => written.push(...records), () => undefined)
  const pending = committer.append(1)
  committer.close()
  t.same(written, [1])
  await pending
  await t.rejects(committer.append(2), /closed/)
})
