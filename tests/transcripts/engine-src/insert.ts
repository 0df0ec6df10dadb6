// insert: uuid-name rules, explicit "uuid", named-uuid references forward and backward, and the
// parse errors of a malformed insert (unknown table/column, bad row, bad member types).
import type { Transcript } from '../../support/transcript.js'
import { insert, named, select, set, step, u, uuidText } from '../../support/transcript-dsl.js'

const base = { color: 'red', neg: -1, word: 'w' }
const explicit = '5d0c4b0e-9a4e-4a0e-8d53-3c2f1e0a9b71'

const transcript: Transcript = {
  schema: 'atoms.ovsschema',
  description: 'insert: names, explicit UUIDs and malformed requests',
  steps: [
    step('insert with uuid-name returns the uuid', insert('Scalar', { ...base, word: 'a' }, 'a')),
    step('uuid-name may be reused across transactions', insert('Scalar', { ...base, word: 'a2' }, 'a')),
    step('duplicate uuid-name in one transaction',
      insert('Scalar', { ...base, word: 'd1' }, 'dup'), insert('Scalar', { ...base, word: 'd2' }, 'dup')),
    step('uuid-name that is not an id', insert('Scalar', base, '1bad')),
    step('uuid-name with a dash', insert('Scalar', base, 'bad-name')),
    step('uuid-name of wrong type', { op: 'insert', table: 'Scalar', row: base, 'uuid-name': 7 }),
    step('named-uuid referring backward',
      insert('Scalar', { ...base, word: 'target' }, 't'), insert('Scalar', { ...base, word: 'pointer', u: named('t') })),
    step('named-uuid referring forward',
      insert('Scalar', { ...base, word: 'fwd', u: named('later') }), insert('Scalar', { ...base, word: 'later' }, 'later')),
    step('the forward reference resolved to the later row', select('Scalar', [['word', 'includes', 'fwd']], ['u'])),
    step('named-uuid never defined', insert('Scalar', { ...base, ou: named('nowhere') })),
    step('named-uuid in a select condition', insert('Scalar', { ...base, word: 'c' }, 'c'), select('Scalar', [['_uuid', '==', named('c')]], ['word'])),
    step('named-uuid inside a set', insert('Scalar', { ...base, word: 's1' }, 's'), insert('Scalar', { ...base, word: 's2', ou: set(named('s')) })),
    step('explicit uuid', { op: 'insert', table: 'Scalar', row: { ...base, word: 'explicit' }, uuid: explicit }),
    step('select the explicit uuid', select('Scalar', [['_uuid', '==', ['uuid', explicit]]], ['word'])),
    step('explicit uuid already in the table', { op: 'insert', table: 'Scalar', row: base, uuid: explicit }),
    step('explicit uuid equal to an existing row of another table',
      { op: 'insert', table: 'Wide', row: { i: 1 }, uuid: explicit }),
    step('explicit uuid twice in one transaction',
      { op: 'insert', table: 'Scalar', row: base, uuid: '6e1d5c1f-0b5f-4b1f-9e64-4d3f2f1bac82' },
      { op: 'insert', table: 'Scalar', row: base, uuid: '6e1d5c1f-0b5f-4b1f-9e64-4d3f2f1bac82' }),
    step('explicit uuid of a row deleted in the same transaction',
      { op: 'delete', table: 'Scalar', where: [['word', '==', 'explicit']] },
      { op: 'insert', table: 'Scalar', row: { ...base, word: 'again' }, uuid: explicit }),
    step('explicit uuid from a placeholder of an existing row', { op: 'insert', table: 'Scalar', row: base, uuid: uuidText(0) }),
    step('explicit uuid that is not a uuid', { op: 'insert', table: 'Scalar', row: base, uuid: 'not-a-uuid' }),
    step('explicit uuid as a uuid atom', { op: 'insert', table: 'Scalar', row: base, uuid: ['uuid', explicit] }),
    step('explicit uuid with uuid-name', { op: 'insert', table: 'Scalar', row: { ...base, word: 'both' }, uuid: '7f2e6d20-1c60-4c20-af75-5e40303cbd93', 'uuid-name': 'both' },
      insert('Scalar', { ...base, word: 'ref both', u: named('both') })),
    step('_uuid inside row is ignored', insert('Scalar', { ...base, word: 'uuidcol', _uuid: u(0) })),
    step('_version inside row', insert('Scalar', { ...base, _version: u(0) })),
    step('unknown table', insert('Nope', {})),
    step('unknown column', insert('Scalar', { ...base, nope: 1 })),
    step('row missing', { op: 'insert', table: 'Scalar' }),
    step('row not an object', { op: 'insert', table: 'Scalar', row: [1] }),
    step('table missing', { op: 'insert', row: {} }),
    step('table not a string', { op: 'insert', table: 5, row: {} }),
    step('unknown member in insert', { op: 'insert', table: 'Scalar', row: base, extra: 1 }),
    step('op missing', { table: 'Scalar' }),
    step('unknown op', { op: 'frob', table: 'Scalar' }),
    step('op not a string', { op: 3 }),
    step('operation not an object', 5 as never),
    step('second of three ops fails, third is null',
      insert('Scalar', { ...base, word: 'first' }), insert('Nope', {}), insert('Scalar', base)),
    step('uuid-name of a failed transaction is not remembered', insert('Scalar', { ...base, u: named('first') })),
    step('only committed rows remain', select('Scalar', [], ['word'])),
  ],
}
export default transcript
