// Each op's successful path on the all-root Atoms schema: insert with defaults, select with and
// without columns, update, mutate, delete, commit, comment, several ops in one transaction.
import type { Transcript } from '../../support/transcript.js'
import { byUuid, comment, commit, del, insert, mutate, select, step, u, update, wait } from '../../support/transcript-dsl.js'

const base = { color: 'red', neg: -1, word: 'w' }

const transcript: Transcript = {
  schema: 'atoms.ovsschema',
  description: 'the successful path of every operation',
  steps: [
    step('empty transaction'),
    step('insert with defaults that violate enum fails', insert('Scalar', { neg: -1, word: 'w' })),
    step('insert with defaults elsewhere', insert('Scalar', base)),
    step('select everything shows defaults, _uuid and _version', select('Scalar')),
    step('insert every atomic type', insert('Scalar', { ...base, i: 5, r: 2.5, b: true, s: 'x', u: u(0), word: 'b', serial: 9 })),
    step('select with columns', select('Scalar', [['word', '==', 'b']], ['i', 'r', 'b', 's', 'u', 'serial'])),
    step('select _uuid and _version columns', select('Scalar', [['word', '==', 'b']], ['_uuid', '_version'])),
    step('select with empty columns', select('Scalar', [], [])),
    step('update by uuid', update('Scalar', [byUuid(1)], { i: 7, s: 'changed' }), select('Scalar', [byUuid(1)], ['i', 's'])),
    step('update matching no rows', update('Scalar', [['i', '==', 12345]], { i: 1 })),
    step('update every row', update('Scalar', [], { b: true }), select('Scalar', [], ['b'])),
    step('update that changes nothing', update('Scalar', [], { b: true })),
    step('mutate += on every row', mutate('Scalar', [], [['i', '+=', 1]]), select('Scalar', [], ['i'])),
    step('mutate with no mutations', mutate('Scalar', [], [])),
    step('insert, update and select in one transaction',
      insert('Scalar', { ...base, word: 'three' }, 'x'),
      update('Scalar', [['word', '==', 'three']], { i: 33 }),
      select('Scalar', [['word', '==', 'three']], ['i', 'word'])),
    step('delete one row', del('Scalar', [byUuid(0)]), select('Scalar', [], ['word'])),
    step('delete matching nothing', del('Scalar', [['word', '==', 'nothing']])),
    step('insert then delete in one transaction',
      insert('Scalar', { ...base, word: 'gone' }), del('Scalar', [['word', '==', 'gone']]), select('Scalar', [['word', '==', 'gone']])),
    step('a failing op after successes rolls everything back',
      insert('Scalar', { ...base, word: 'rolled back' }), update('Scalar', [], { i: 'not an integer' })),
    step('nothing of the failed transaction remains', select('Scalar', [], ['word'])),
    step('commit and comment', commit(false), comment('hello'), commit(true)),
    step('satisfied wait without timeout',
      { op: 'wait', table: 'Scalar', where: [['word', '==', 'b']], columns: ['i'], until: '==', rows: [{ i: 8 }] }),
    step('wait with timeout null', wait('Scalar', [['word', '==', 'b']], ['i'], '==', [{ i: 8 }], { timeout: null })),
    step('delete everything', del('Scalar', []), select('Scalar')),
    step('insert into a second table', insert('Wide', { i: 1, name: 'one' }), select('Wide', [], ['i', 'name'])),
  ],
}
export default transcript
