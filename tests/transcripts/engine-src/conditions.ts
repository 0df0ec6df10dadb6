// Conditions (RFC 7047 §5.1 + OVS extensions) on every scalar and optional-scalar column type:
// every function on every type (the ordering ones are type errors on boolean, string and uuid),
// empty optional columns, boolean literal conditions, several conditions, and malformed ones.
import type { Transcript, TranscriptStep } from '../../support/transcript.js'
import { insert, select, set, step, u } from '../../support/transcript-dsl.js'
import type { Condition, Json } from '../../support/transcript-dsl.js'

const FUNCTIONS = ['<', '<=', '==', '!=', '>=', '>', 'includes', 'excludes'] as const
const base = { color: 'red', neg: -1 }

/** The probe value for each column; UUIDs are the rows "a" (<0>) and "b" (<1>). */
const PROBES: [string, Json][] = [
  ['i', 0], ['r', 0], ['b', true], ['s', 'banana'], ['u', u(0)],
  ['oi', 3], ['or', 2.5], ['ob', true], ['os', 'x'], ['ou', u(0)],
]

const rows = [
  { ...base, word: 'a', i: -5, r: -1.5, b: false, s: 'apple' },
  { ...base, word: 'b', i: 0, r: 0, b: true, s: 'banana', u: u(0), oi: 3, or: 2.5, ob: true, os: 'x', ou: u(0) },
  { ...base, word: 'c', i: 7, r: 3.25, b: true, s: '', u: u(1), oi: 10, or: -1, ob: false, os: 'y', ou: u(1) },
]

const where = (note: string, ...conditions: Condition[]): TranscriptStep =>
  step(note, select('Scalar', conditions, ['word']))

const transcript: Transcript = {
  schema: 'atoms.ovsschema',
  description: 'conditions on scalar and optional columns of every atomic type',
  steps: [
    ...rows.map((row) => step(`row ${row.word}`, insert('Scalar', row))),
    ...PROBES.flatMap(([column, value]) => FUNCTIONS.map((f) => where(`${column} ${f}`, [column, f, value]))),
    where('integer compared with a real', ['i', '<', 0.5]),
    where('real compared with an integer', ['r', '>=', 3]),
    where('optional column == empty set', ['oi', '==', set()]),
    where('optional column != empty set', ['oi', '!=', set()]),
    where('optional column includes empty set', ['oi', 'includes', set()]),
    where('optional column excludes empty set', ['oi', 'excludes', set()]),
    where('optional column compared with a one-element set', ['oi', '==', set(3)]),
    where('optional column compared with two elements', ['oi', '==', set(3, 10)]),
    where('scalar column compared with a one-element set', ['i', '==', set(0)]),
    where('scalar column compared with an empty set', ['i', '==', set()]),
    where('string ordering is a type error even for optional', ['os', '<', 'z']),
    where('value of the wrong type', ['i', '==', 'zero']),
    where('value violating the column range', ['pct', '==', 1000]),
    where('value violating the column enum', ['color', '==', 'purple']),
    where('value violating a length constraint', ['tag', '==', 'x']),
    where('unknown function', ['i', '===', 0]),
    where('function not a string', ['i', 5 as never, 0]),
    where('unknown column', ['nope', '==', 0]),
    where('_uuid ==', ['_uuid', '==', u(1)]),
    where('_uuid !=', ['_uuid', '!=', u(1)]),
    where('_uuid <', ['_uuid', '<', u(1)]),
    where('_uuid includes', ['_uuid', 'includes', u(1)]),
    where('_version != zero uuid', ['_version', '!=', ['uuid', '00000000-0000-0000-0000-000000000000']]),
    where('literal true', true),
    where('literal false', false),
    where('literal true and a condition', true, ['i', '>', 0]),
    where('two conditions are a conjunction', ['i', '>=', 0], ['b', '==', true]),
    where('contradictory conditions', ['i', '>', 0], ['i', '<', 0]),
    where('the same column twice', ['i', '>', -10], ['i', '<', 5]),
    where('condition with two members', ['i', '=='] as never),
    where('condition with four members', ['i', '==', 0, 0] as never),
    where('condition not an array', { i: 0 } as never),
    where('condition as a string', 'true' as never),
    where('column not a string', [5, '==', 0] as never),
    step('where not an array', { op: 'select', table: 'Scalar', where: { i: 0 } }),
    step('where missing', { op: 'select', table: 'Scalar' }),
    step('columns naming an unknown column', select('Scalar', [], ['nope'])),
    step('columns not an array', { op: 'select', table: 'Scalar', where: [], columns: 'word' }),
    step('columns with a duplicate', select('Scalar', [['word', '==', 'a']], ['word', 'word'])),
    step('columns with _uuid only', select('Scalar', [['word', '==', 'a']], ['_uuid'])),
  ],
}
export default transcript
