// The mutate operation: every mutator on every column kind, with ovsdb-server's errors.
import t from 'tap'
import { insert, map, newDb, run, select, set } from '../helpers.js'

function mutated(row: Record<string, unknown>, mutations: unknown[][], column: string): unknown {
  const db = newDb()
  insert(db, 'Root', { name: 'a', ...row })
  const results = run(db, [{ op: 'mutate', table: 'Root', where: [], mutations }])
  if (JSON.stringify(results) !== '[{"count":1}]') return results[0]
  return select(db, 'Root', [], [column])[0][column]
}

t.test('arithmetic mutators apply to integer scalars', async (t) => {
  t.equal(mutated({ i: 7 }, [['i', '+=', 3]], 'i'), 10)
  t.equal(mutated({ i: 7 }, [['i', '-=', 10]], 'i'), -3)
  t.equal(mutated({ i: 7 }, [['i', '*=', -2]], 'i'), -14)
  t.equal(mutated({ i: -7 }, [['i', '/=', 2]], 'i'), -3)
  t.equal(mutated({ i: -7 }, [['i', '%=', 3]], 'i'), -1)
})

t.test('arithmetic mutators apply to every element of integer and real sets', async (t) => {
  t.same(mutated({ iset: set(1, 2, 3) }, [['iset', '*=', 2]], 'iset'), set(2, 4, 6))
  t.same(mutated({ rset: set(1.5, 3) }, [['rset', '/=', 2]], 'rset'), set(0.75, 1.5))
  t.same(mutated({ oi: set() }, [['oi', '+=', 1]], 'oi'), set(), 'an empty optional scalar stays empty')
})

t.test('reals take + - * / but not %', async (t) => {
  t.equal(mutated({ r: 1.5 }, [['r', '+=', 1], ['r', '*=', 3]], 'r'), 7.5)
  t.same(mutated({}, [['r', '%=', 2]], 'r'), {
    error: 'syntax error',
    details: 'Type mismatch: "%=" operator may not be applied to column r of type real.',
    syntax: '["r","%=",2]',
  })
})

t.test('division by zero is a domain error; overflow is a range error', async (t) => {
  t.same(mutated({}, [['i', '/=', 0]], 'i'), { error: 'domain error', details: 'Division by zero.' })
  t.same(mutated({}, [['r', '/=', 0]], 'r'), { error: 'domain error', details: 'Division by zero.' })
  t.same(mutated({ i: 9223372036854775807n }, [['i', '+=', 1]], 'i'), { error: 'range error', details: 'Result of "+=" operation is out of range.' })
  t.same(mutated({ r: 1e308 }, [['r', '*=', 10]], 'r'), { error: 'range error', details: 'Result of "*=" operation is out of range.' })
})

t.test('a result outside the column constraints is a constraint violation', async (t) => {
  t.same(mutated({ n: 5 }, [['n', '+=', 50]], 'n'), { error: 'constraint violation', details: '55 is not in the valid range 0 to 10 (inclusive)' })
})

t.test('a set mutation that makes elements collide is a constraint violation', async (t) => {
  t.same(mutated({ iset: set(1, 2) }, [['iset', '*=', 0]], 'iset'), {
    error: 'constraint violation', details: 'Result of "*=" operation contains duplicates.',
  })
})

t.test('insert and delete on sets: union, difference, and the size limit', async (t) => {
  t.same(mutated({ sset: set('x') }, [['sset', 'insert', set('y', 'x')]], 'sset'), set('x', 'y'))
  t.same(mutated({ iset: set(1, 2, 3) }, [['iset', 'delete', set(2, 9)]], 'iset'), set(1, 3))
  t.same(mutated({ sset: set('x', 'y') }, [['sset', 'insert', 'z']], 'sset'), {
    error: 'constraint violation', details: 'Attempted to store 3 elements in set of up to 2 strings.',
  })
  t.same(mutated({}, [['sset', 'insert', set('a', 'b', 'c')]], 'sset'), {
    error: 'syntax error', details: 'set must have 0 to 2 members but 3 are present', syntax: '["set",["a","b","c"]]',
  })
})

t.test('map insert keeps existing keys; map delete takes keys or exact pairs', async (t) => {
  const smap = map(['a', '1'], ['b', '2'])
  t.same(mutated({ smap }, [['smap', 'insert', map(['a', 'x'], ['c', '3'])]], 'smap'), map(['a', '1'], ['b', '2'], ['c', '3']))
  t.same(mutated({ smap }, [['smap', 'delete', set('a')]], 'smap'), map(['b', '2']))
  t.same(mutated({ smap }, [['smap', 'delete', map(['a', '1'], ['b', 'other'])]], 'smap'), map(['b', '2']))
})

t.test('mutators that do not fit the column type are type mismatches', async (t) => {
  t.same(mutated({}, [['name', '+=', 1]], 'name'), {
    error: 'syntax error',
    details: 'Type mismatch: "+=" operator may not be applied to column name of type string.',
    syntax: '["name","+=",1]',
  })
  t.same(mutated({}, [['i', 'insert', 1]], 'i'), {
    error: 'syntax error',
    details: 'Type mismatch: "insert" operator may not be applied to column i of type integer.',
    syntax: '["i","insert",1]',
  })
})

t.test('immutable columns, unknown mutators, unknown columns and bad shapes are refused', async (t) => {
  t.same(mutated({}, [['im', '+=', 1]], 'im'), {
    error: 'constraint violation', details: 'Cannot mutate immutable column im in table Root.', syntax: '["im","+=",1]',
  })
  t.same(mutated({}, [['i', 'frob', 1]], 'i'), { error: 'unknown mutator', details: 'No mutator named frob.' })
  t.same(mutated({}, [['zz', '+=', 1]], 'i'), { error: 'unknown column', details: 'No column zz in table Root.', syntax: '["zz","+=",1]' })
  t.same(mutated({}, [['i', '+=']], 'i'), { error: 'syntax error', details: 'Parse error in mutation.', syntax: '["i","+="]' })
})
