// Executing a transact request: operation parsing errors, result padding, commit errors
// appended, and the write refusals for read-only remotes and reserved databases.
import t from 'tap'
import { OPERATIONS } from '../../../server/engine/index.js'
import { newDb, run, SCHEMA } from './helpers.js'

t.test('an empty transaction answers an empty array', async (t) => {
  t.same(run(newDb(), []), [])
})

t.test('the failing operation gets the error and every later one null', async (t) => {
  t.same(run(newDb(), [{ op: 'comment', comment: 'a' }, { op: 'frob' }, { op: 'abort' }, { op: 'abort' }]), [
    {},
    { error: 'syntax error', details: 'Parsing ovsdb operation 2 of 4 failed: No operation "frob"', syntax: '{"op":"frob"}' },
    null,
    null,
  ])
})

t.test('operation objects are checked like ovsdb_parser: shape, op member, unexpected members', async (t) => {
  const db = newDb()
  t.same(run(db, [1]), [{ error: 'syntax error', details: 'Parsing ovsdb operation 1 of 1 failed: Object expected.' }])
  t.same(run(db, [{ table: 'Root' }]), [{
    error: 'syntax error', details: "Parsing ovsdb operation 1 of 1 failed: Required 'op' member is missing.", syntax: '{"table":"Root"}',
  }])
  t.same(run(db, [{ op: 1 }]), [{
    error: 'syntax error', details: "Parsing ovsdb operation 1 of 1 failed: Type mismatch for member 'op'.", syntax: '{"op":1}',
  }])
  // ovsdb-server names the first left-over member in its hash table's order: 'y' here (checked against 3.1).
  t.same(run(db, [{ op: 'abort', x: 1, y: 2 }]), [{
    error: 'syntax error',
    details: "Parsing ovsdb operation 1 of 1 failed: Member 'y' and 1 other member are present but not allowed here.",
    syntax: '{"op":"abort","x":1,"y":2}',
  }])
})

t.test('an unexpected member overrides the error the operation itself raised', async (t) => {
  t.same(run(newDb(), [{ op: 'insert', table: 'Root', row: { zz: 1 }, extra: true }]), [{
    error: 'syntax error',
    details: "Parsing ovsdb operation 1 of 1 failed: Member 'extra' is present but not allowed here.",
    syntax: '{"extra":true,"op":"insert","row":{"zz":1},"table":"Root"}',
  }])
})

t.test('a read-only remote refuses writes but allows reads', async (t) => {
  const db = newDb()
  t.same(run(db, [{ op: 'select', table: 'Root', where: [] }], { readOnly: true }), [{ rows: [] }])
  t.same(run(db, [{ op: 'delete', table: 'Root', where: [] }], { readOnly: true }), [
    { error: 'not allowed', details: 'delete operation not allowed when database server is in read only mode' },
  ])
})

t.test('a reserved database (name starting with _) refuses writes', async (t) => {
  const db = newDb({ ...SCHEMA, name: '_Reserved' })
  t.same(run(db, [{ op: 'insert', table: 'Root', row: {} }]), [
    { error: 'not allowed', details: 'insert operation not allowed on table in reserved database _Reserved' },
  ])
})

t.test('the operation catalogue lists the ten RFC 7047 operations', async (t) => {
  t.same([...OPERATIONS].sort(), ['abort', 'assert', 'comment', 'commit', 'delete', 'insert', 'mutate', 'select', 'update', 'wait'])
})
