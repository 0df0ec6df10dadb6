// Row lookup: conditions that pin _uuid or a whole index are answered from the maps, and must
// agree with a scan, including rows the same transaction inserted, renamed or deleted.
import fc from 'fast-check'
import t from 'tap'
import { byUuid, insert, newDb, ref, run, select } from './helpers.js'

t.test('_uuid == finds the row, and nothing once it is deleted in the same transaction', async (t) => {
  const db = newDb()
  const uuid = insert(db, 'Root', { name: 'a' })
  t.same(select(db, 'Root', byUuid(uuid), ['name']), [{ name: 'a' }])
  const [, after] = run(db, [
    { op: 'delete', table: 'Root', where: byUuid(uuid) },
    { op: 'select', table: 'Root', where: byUuid(uuid) },
  ])
  t.same(after, { rows: [] })
})

t.test('an indexed == sees renames and inserts made earlier in the transaction', async (t) => {
  const db = newDb()
  const a = insert(db, 'Root', { name: 'a' })
  const results = run(db, [
    { op: 'update', table: 'Root', where: [['name', '==', 'a']], row: { name: 'b' } },
    { op: 'select', table: 'Root', where: [['name', '==', 'a']], columns: ['_uuid'] },
    { op: 'select', table: 'Root', where: [['name', '==', 'b']], columns: ['_uuid'] },
    { op: 'insert', table: 'Root', row: { name: 'a' } },
    { op: 'select', table: 'Root', where: [['name', '==', 'a']], columns: ['name'] },
  ])
  t.same(results.slice(1, 3), [{ rows: [] }, { rows: [{ _uuid: ref(a) }] }])
  t.same(results[4], { rows: [{ name: 'a' }] })
})

t.test('lookups by _uuid and by index agree with a full scan (property)', async (t) => {
  const names = fc.constantFrom('a', 'b', 'c', 'd')
  const step = fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), name: names }),
    fc.record({ kind: fc.constant('rename' as const), from: names, to: names }),
    fc.record({ kind: fc.constant('delete' as const), name: names }),
  )
  fc.assert(
    fc.property(fc.array(fc.array(step, { maxLength: 4 }), { maxLength: 5 }), fc.array(step, { maxLength: 4 }), names, (txns, last, probe) => {
      const db = newDb()
      for (const txn of txns) run(db, txn.map(toOp))
      const ops = [
        { op: 'select', table: 'Root', where: [['name', '==', probe]], columns: ['_uuid'], sort: ['_uuid'] },
        { op: 'select', table: 'Root', where: [['name', 'includes', probe]], columns: ['_uuid'], sort: ['_uuid'] },
      ]
      const results = run(db, [...last.map(toOp), ...ops])
      const [indexed, scanned] = results.slice(last.length, last.length + 2)
      return JSON.stringify(indexed) === JSON.stringify(scanned)
    }),
  )
  t.pass('index lookups match scans')
})

function toOp(step: { kind: 'insert'; name: string } | { kind: 'rename'; from: string; to: string } | { kind: 'delete'; name: string }) {
  if (step.kind === 'insert') return { op: 'insert', table: 'Root', row: { name: step.name } }
  if (step.kind === 'rename') return { op: 'update', table: 'Root', where: [['name', '==', step.from]], row: { name: step.to } }
  return { op: 'delete', table: 'Root', where: [['name', '==', step.name]] }
}
