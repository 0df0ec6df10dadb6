// The select operation: projection, distinct rows, the sort extension and column-set errors.
import t from 'tap'
import { insert, newDb, run, select } from '../helpers.js'

t.test('select without columns returns every column, _uuid and _version included', async (t) => {
  const db = newDb()
  insert(db, 'Root', { name: 'a' })
  const [row] = select(db, 'Root')
  t.same(Object.keys(row).sort(), ['_uuid', '_version', 'b', 'e', 'i', 'im', 'iset', 'kids', 'n', 'name', 'oi', 'r', 'rset', 'smap', 'sset', 'u', 'weak', 'weak1', 'wmap'])
})

t.test('select with columns returns distinct projected rows unless _uuid is among them', async (t) => {
  const db = newDb()
  for (const name of ['a', 'b', 'c']) insert(db, 'Root', { name, i: name === 'c' ? 2 : 1 })
  t.equal(select(db, 'Root', [], ['i']).length, 2)
  t.equal(select(db, 'Root', [], ['i', '_uuid']).length, 3)
})

t.test('sort orders rows by the listed columns', async (t) => {
  const db = newDb()
  for (const [name, i] of [['a', 3], ['b', 1], ['c', 2]] as const) insert(db, 'Root', { name, i })
  const [result] = run(db, [{ op: 'select', table: 'Root', where: [], columns: ['name'], sort: ['i'] }])
  t.same(result, { rows: [{ name: 'b' }, { name: 'c' }, { name: 'a' }] })
})

t.test('an unknown or repeated column name is a syntax error', async (t) => {
  const db = newDb()
  t.same(run(db, [{ op: 'select', table: 'Root', where: [], columns: ['zz'] }]), [
    { error: 'syntax error', details: 'zz is not a valid column name', syntax: '["zz"]' },
  ])
  t.same(run(db, [{ op: 'select', table: 'Root', where: [], columns: ['name', 'name'] }]), [
    { error: 'syntax error', details: 'array of distinct column names expected', syntax: '["name","name"]' },
  ])
})

t.test('select without where is a parse error', async (t) => {
  const [error] = run(newDb(), [{ op: 'select', table: 'Root' }])
  t.equal((error as { details: string }).details, "Parsing ovsdb operation 1 of 1 failed: Required 'where' member is missing.")
})
