// The operations that do not change rows: wait (== and != over columns and rows, timeout 0,
// a timeout that expires, malformed waits), abort, comment, assert without the lock, commit
// (durable or not, malformed), and how their failures interact with the other ops.
import type { Transcript } from '../../support/transcript.js'
import { abort, assertLock, comment, commit, insert, select, step, update, wait } from '../../support/transcript-dsl.js'

const base = { color: 'red', neg: -1 }
const rowA = { ...base, word: 'a', i: 1, s: 'x' }
const rowB = { ...base, word: 'b', i: 2, s: 'x' }

const transcript: Transcript = {
  schema: 'atoms.ovsschema',
  description: 'wait, abort, comment, assert and commit',
  steps: [
    step('two rows', insert('Scalar', rowA), insert('Scalar', rowB)),
    step('wait == with the exact rows', wait('Scalar', [], ['i'], '==', [{ i: 1 }, { i: 2 }])),
    step('wait == rows in another order', wait('Scalar', [], ['i'], '==', [{ i: 2 }, { i: 1 }])),
    step('wait == with a missing row fails at once (timeout 0)', wait('Scalar', [], ['i'], '==', [{ i: 1 }])),
    step('wait != with the exact rows fails', wait('Scalar', [], ['i'], '!=', [{ i: 1 }, { i: 2 }])),
    step('wait != with different rows succeeds', wait('Scalar', [], ['i'], '!=', [{ i: 3 }])),
    step('wait == on several columns', wait('Scalar', [['word', '==', 'a']], ['i', 's'], '==', [{ i: 1, s: 'x' }])),
    step('wait compares the projection as a set (duplicates collapse)', wait('Scalar', [], ['s'], '==', [{ s: 'x' }])),
    step('wait with duplicate expected rows', wait('Scalar', [], ['s'], '==', [{ s: 'x' }, { s: 'x' }])),
    step('wait == on an empty selection', wait('Scalar', [['i', '>', 100]], ['i'], '==', [])),
    step('wait with where matching nothing and rows given', wait('Scalar', [['i', '>', 100]], ['i'], '==', [{ i: 1 }])),
    step('wait with columns null', wait('Scalar', [['word', '==', 'a']], ['i'], '==', [{ i: 1 }], { columns: null })),
    step('wait with columns omitted', { op: 'wait', table: 'Scalar', where: [['word', '==', 'zz']], until: '==', rows: [], timeout: 0 }),
    step('wait with a row missing a listed column', wait('Scalar', [['word', '==', 'a']], ['i', 's'], '==', [{ i: 1 }])),
    step('wait with a row holding an unlisted column', wait('Scalar', [['word', '==', 'a']], ['i'], '==', [{ i: 1, s: 'x' }])),
    step('wait row with a wrong type', wait('Scalar', [], ['i'], '==', [{ i: 'one' }])),
    step('wait until other than == and !=', wait('Scalar', [], ['i'], '<' as never, [])),
    step('wait until missing', { op: 'wait', table: 'Scalar', where: [], columns: ['i'], rows: [], timeout: 0 }),
    step('wait rows missing', { op: 'wait', table: 'Scalar', where: [], columns: ['i'], until: '==', timeout: 0 }),
    step('wait on an unknown column', wait('Scalar', [], ['nope'], '==', [])),
    step('wait with a negative timeout', wait('Scalar', [], ['i'], '==', [{ i: 1 }], { timeout: -1 })),
    step('wait with a real timeout', wait('Scalar', [], ['i'], '==', [{ i: 1 }], { timeout: 0.5 })),
    step('a satisfied wait then an insert', wait('Scalar', [], ['i'], '!=', []), insert('Scalar', { ...base, word: 'c', i: 3 })),
    step('a failed wait stops the insert after it', wait('Scalar', [], ['i'], '==', []), insert('Scalar', { ...base, word: 'd', i: 4 })),
    step('a wait sees earlier ops of the same transaction', update('Scalar', [['word', '==', 'c']], { i: 30 }),
      wait('Scalar', [['word', '==', 'c']], ['i'], '==', [{ i: 30 }])),
    step('wait on _uuid', wait('Scalar', [['word', '==', 'a']], ['_uuid'], '==', [{ _uuid: ['uuid', '<0>'] }])),
    step('a wait that times out after 30 ms', wait('Scalar', [['word', '==', 'a']], ['i'], '==', [{ i: 99 }], { timeout: 30 })),
    step('an expiring wait after an insert rolls the insert back',
      insert('Scalar', { ...base, word: 'e' }), wait('Scalar', [['word', '==', 'a']], ['i'], '!=', [{ i: 1 }], { timeout: 20 })),
    step('nothing was inserted', select('Scalar', [], ['word'])),
    step('abort alone', abort()),
    step('abort after an insert rolls it back', insert('Scalar', { ...base, word: 'f' }), abort()),
    step('ops after abort are null', abort(), insert('Scalar', { ...base, word: 'g' })),
    step('abort with an extra member', { op: 'abort', why: 'x' }),
    step('nothing was inserted by the aborts', select('Scalar', [], ['word'])),
    step('comment', comment('a note')),
    step('two comments and an update', comment('one'), update('Scalar', [['word', '==', 'a']], { i: 10 }), comment('two')),
    step('comment missing its text', { op: 'comment' }),
    step('comment that is not a string', { op: 'comment', comment: 5 }),
    step('assert a lock this session does not hold', assertLock('my_lock')),
    step('assert after an insert rolls it back', insert('Scalar', { ...base, word: 'h' }), assertLock('my_lock')),
    step('assert with a lock name that is not an id', assertLock('bad lock')),
    step('assert missing its lock', { op: 'assert' }),
    step('commit not durable', commit(false)),
    step('commit durable with a change', update('Scalar', [['word', '==', 'a']], { i: 11 }), commit(true)),
    step('commit durable missing', { op: 'commit' }),
    step('commit durable not a boolean', { op: 'commit', durable: 'yes' }),
    step('commit then a failing op', commit(true), update('Scalar', [], { i: 'x' })),
    step('the final rows', select('Scalar', [], ['word', 'i'])),
  ],
}
export default transcript
