// The insert operation: defaults, uuid-name and explicit uuid, and ovsdb-server's errors.
import t from 'tap'
import { byUuid, insert, named, newDb, ref, run, select, set, uuidOf } from '../helpers.js'

const U1 = '11111111-1111-4111-8111-111111111111'

t.test('insert fills columns it was not given with their defaults', async (t) => {
  const db = newDb()
  const uuid = insert(db, 'Root', { name: 'a' })
  const [row] = select(db, 'Root', byUuid(uuid), ['name', 'i', 'r', 'b', 'oi', 'iset', 'smap', 'u'])
  t.same(row, {
    name: 'a', i: 0, r: 0, b: false, oi: set(), iset: set(), smap: ['map', []],
    u: ref('00000000-0000-0000-0000-000000000000'),
  })
})

t.test('insert returns the row UUID and a later op in the same transaction sees the row', async (t) => {
  const db = newDb()
  const [inserted, selected] = run(db, [
    { op: 'insert', table: 'Root', row: { name: 'a' } },
    { op: 'select', table: 'Root', where: [], columns: ['_uuid'] },
  ])
  t.same(selected, { rows: [{ _uuid: ref(uuidOf(inserted)) }] })
})

t.test('named-uuid references resolve to rows inserted before or after them', async (t) => {
  const db = newDb()
  const [root, kid] = run(db, [
    { op: 'insert', table: 'Root', row: { name: 'a', kids: named('k') } },
    { op: 'insert', table: 'Kid', row: { k1: 'x' }, 'uuid-name': 'k' },
    { op: 'insert', table: 'Root', row: { name: 'b', kids: named('k') } },
  ])
  t.same(select(db, 'Root', byUuid(uuidOf(root)), ['kids']), [{ kids: ref(uuidOf(kid)) }])
  t.same(select(db, 'Root', [['name', '==', 'b']], ['kids']), [{ kids: ref(uuidOf(kid)) }])
})

t.test('an explicit uuid names the row; _uuid inside row is ignored', async (t) => {
  const db = newDb()
  const [result] = run(db, [{ op: 'insert', table: 'Root', uuid: U1.toUpperCase(), row: { name: 'a', _uuid: ref('22222222-2222-4222-8222-222222222222') } }])
  t.same(result, { uuid: ref(U1) })
})

t.test('an explicit uuid already used in the table is a duplicate uuid', async (t) => {
  const db = newDb()
  run(db, [{ op: 'insert', table: 'Root', uuid: U1, row: { name: 'a' } }])
  t.same(run(db, [{ op: 'insert', table: 'Root', uuid: U1, row: { name: 'b' } }]), [{
    error: 'duplicate uuid',
    details: 'This UUID would duplicate a UUID already present within the table or deleted within the same transaction.',
    syntax: `"${U1}"`,
  }])
  const deleted = run(db, [
    { op: 'delete', table: 'Root', where: byUuid(U1) },
    { op: 'insert', table: 'Root', uuid: U1, row: { name: 'c' } },
  ])
  t.equal((deleted[1] as { error: string }).error, 'duplicate uuid', 'a UUID deleted in the same transaction is refused too')
})

t.test('a malformed explicit uuid is a syntax error "bad uuid"', async (t) => {
  t.same(run(newDb(), [{ op: 'insert', table: 'Root', uuid: 'zz', row: {} }]), [{ error: 'syntax error', details: 'bad uuid', syntax: '"zz"' }])
})

t.test('a uuid-name used by two inserts is a duplicate uuid-name', async (t) => {
  const results = run(newDb(), [
    { op: 'insert', table: 'Root', row: { name: 'a' }, 'uuid-name': 'x' },
    { op: 'insert', table: 'Root', row: { name: 'b' }, 'uuid-name': 'x' },
  ])
  t.same(results[1], { error: 'duplicate uuid-name', details: 'This "uuid-name" appeared on an earlier "insert" operation.', syntax: '"x"' })
})

t.test('a uuid-name that is not an <id> is a type mismatch', async (t) => {
  const [error] = run(newDb(), [{ op: 'insert', table: 'Root', row: {}, 'uuid-name': '1a' }])
  t.equal((error as { details: string }).details, "Parsing ovsdb operation 1 of 1 failed: Type mismatch for member 'uuid-name'.")
})

t.test('an unknown column is an unknown column error whose syntax is the row', async (t) => {
  t.same(run(newDb(), [{ op: 'insert', table: 'Root', row: { zzz: 1 } }]), [
    { error: 'unknown column', details: 'No column zzz in table Root.', syntax: '{"zzz":1}' },
  ])
})

t.test('a value of the wrong type is a syntax error', async (t) => {
  t.same(run(newDb(), [{ op: 'insert', table: 'Root', row: { name: 1 } }]), [{ error: 'syntax error', details: 'expected string', syntax: '1' }])
})

t.test('a default value that breaks a constraint fails the insert', async (t) => {
  const db = newDb({ name: 'D', tables: { T: { columns: { e: { type: { key: { type: 'string', enum: ['set', ['x', 'y']] } } } } } } })
  t.same(run(db, [{ op: 'insert', table: 'T', row: {} }]), [
    { error: 'constraint violation', details: '"" is not one of the allowed values ([x, y])' },
  ])
})

t.test('an unknown table is a parse error of the operation', async (t) => {
  t.same(run(newDb(), [{ op: 'insert', table: 'Nope', row: {} }]), [{
    error: 'syntax error',
    details: 'Parsing ovsdb operation 1 of 1 failed: No table named Nope.',
    syntax: '{"op":"insert","row":{},"table":"Nope"}',
  }])
})
