// Conditions: every function on every column kind, ovsdb-server's type rules and errors, the
// true/false literal clauses and the optional-scalar extension.
import t from 'tap'
import { FUNCTIONS } from '../../../server/engine/index.js'
import { insert, map, newDb, ref, run, set } from './helpers.js'

const K = '00000000-0000-4000-8000-000000000001'

function fixture() {
  const db = newDb()
  insert(db, 'Root', { name: 'p', i: 1, r: 1.5, b: true, u: ref(K), oi: 5, iset: set(1, 2), smap: map(['a', '1'], ['b', '2']) })
  insert(db, 'Root', { name: 'q', i: 2, r: -1, b: false, oi: set(), iset: set(), smap: map() })
  return db
}

/** Names of the rows matching `clause`, or the error when the condition is refused. */
function names(db: ReturnType<typeof newDb>, ...where: unknown[]): unknown {
  const [result] = run(db, [{ op: 'select', table: 'Root', where, columns: ['name'], sort: ['name'] }])
  const rows = (result as { rows?: { name: string }[] }).rows
  return rows === undefined ? result : rows.map((row) => row.name).join(',')
}

t.test('every function is defined for integer and real scalars', async (t) => {
  const db = fixture()
  const expected = { '<': '', '<=': 'p', '==': 'p', '!=': 'q', '>=': 'p,q', '>': 'q', includes: 'p', excludes: 'q' }
  for (const fn of FUNCTIONS) t.equal(names(db, ['i', fn, 1]), expected[fn], `i ${fn} 1`)
  t.equal(names(db, ['r', '<', 0]), 'q')
  t.equal(names(db, ['r', '>=', 1.5]), 'p')
})

t.test('boolean, string and uuid scalars take only ==, !=, includes, excludes', async (t) => {
  const db = fixture()
  t.equal(names(db, ['b', '==', true]), 'p')
  t.equal(names(db, ['name', 'excludes', 'p']), 'q')
  t.equal(names(db, ['u', 'includes', ref(K)]), 'p')
  t.same(names(db, ['b', '<', true]), {
    error: 'syntax error',
    details: 'Type mismatch: "<" operator may not be applied to column b of type boolean.',
    syntax: '["b","<",true]',
  })
})

t.test('ordering an optional scalar is false when it is empty (OVS extension)', async (t) => {
  const db = fixture()
  t.equal(names(db, ['oi', '<', 10]), 'p')
  t.equal(names(db, ['oi', '>', 0]), 'p')
  t.equal(names(db, ['oi', '==', set()]), 'q')
  t.equal(names(db, ['oi', '!=', 5]), 'q')
})

t.test('sets: == and != compare whole sets, includes is a superset test, excludes a disjointness test', async (t) => {
  const db = fixture()
  t.equal(names(db, ['iset', '==', set(1, 2)]), 'p')
  t.equal(names(db, ['iset', '!=', set(1, 2)]), 'q')
  t.equal(names(db, ['iset', 'includes', 2]), 'p')
  t.equal(names(db, ['iset', 'includes', set()]), 'p,q')
  t.equal(names(db, ['iset', 'excludes', set(2, 7)]), 'q')
  t.same(names(db, ['iset', '<', 1]), {
    error: 'syntax error',
    details: 'Type mismatch: "<" operator may not be applied to column iset of type set of integers.',
    syntax: '["iset","<",1]',
  })
})

t.test('maps: includes and excludes compare key-value pairs', async (t) => {
  const db = fixture()
  t.equal(names(db, ['smap', 'includes', map(['a', '1'])]), 'p')
  t.equal(names(db, ['smap', 'includes', map(['a', '2'])]), '')
  t.equal(names(db, ['smap', 'excludes', map(['a', '2'])]), 'p,q')
  t.equal(names(db, ['smap', '==', map()]), 'q')
})

t.test('true and false are conditions of their own; an empty condition matches everything', async (t) => {
  const db = fixture()
  t.equal(names(db, true), 'p,q')
  t.equal(names(db, true, false), '')
  t.equal(names(db), 'p,q')
})

t.test('the argument is parsed with the column constraints and size rules', async (t) => {
  const db = fixture()
  t.same(names(db, ['n', '>', 100]), { error: 'constraint violation', details: '100 is not in the valid range 0 to 10 (inclusive)' })
  t.same(names(db, ['sset', 'includes', set('a', 'b', 'c')]), {
    error: 'syntax error', details: 'set must have 0 to 2 members but 3 are present', syntax: '["set",["a","b","c"]]',
  })
  t.equal(names(db, ['sset', 'excludes', set('a', 'b', 'c')]), 'p,q', 'excludes takes any number of elements')
  t.same(names(db, ['oi', '<', set()]), {
    error: 'syntax error', details: 'set must have exactly one member but 0 are present', syntax: '["set",[]]',
  })
})

t.test('malformed clauses, unknown columns and unknown functions are refused', async (t) => {
  const db = fixture()
  t.same(names(db, ['i', '==', 1, 2]), { error: 'syntax error', details: 'Parse error in condition.', syntax: '["i","==",1,2]' })
  t.same(names(db, ['zz', '==', 1]), { error: 'unknown column', details: 'No column zz in table Root.', syntax: '["zz","==",1]' })
  t.same(names(db, ['i', 'frob', 1]), { error: 'unknown function', details: 'No function named frob.' })
})

t.test('conditions on _uuid and _version work like any uuid column', async (t) => {
  const db = fixture()
  const [result] = run(db, [{ op: 'select', table: 'Root', where: [['name', '==', 'p']], columns: ['_uuid'] }])
  const uuid = (result as { rows: { _uuid: unknown }[] }).rows[0]._uuid
  t.equal(names(db, ['_uuid', '==', uuid]), 'p')
  t.equal(names(db, ['_uuid', '!=', uuid]), 'q')
  t.equal(names(db, ['_version', '!=', ref(K)]), 'p,q')
})
