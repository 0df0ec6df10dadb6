// Sets and maps as values: size rules (0..1, 1..1, 0..N, 1..N, unlimited) on insert and update,
// the bare-atom shorthand, duplicates, malformed notation, canonical order and the one-element
// print form, and every condition function on set and map columns.
import type { Transcript, TranscriptStep } from '../../support/transcript.js'
import { insert, map, select, set, step, u, update } from '../../support/transcript-dsl.js'
import type { Condition, Json } from '../../support/transcript-dsl.js'

const FUNCTIONS = ['==', '!=', 'includes', 'excludes', '<', '<=', '>', '>='] as const
const bag = { one: 'x', some2: set('a'), atleast1: set('z') }
const dict = { exactly1: map(['k', 'v']), pair: map([1, 1]) }

const bagRow = (note: string, row: Record<string, Json>): TranscriptStep => step(note, insert('Bag', { ...bag, ...row }))
const dictRow = (note: string, row: Record<string, Json>): TranscriptStep => step(note, insert('Dict', { ...dict, ...row }))
const bagWhere = (note: string, ...where: Condition[]): TranscriptStep => step(note, select('Bag', where, ['one']))
const dictWhere = (note: string, ...where: Condition[]): TranscriptStep => step(note, select('Dict', where, ['exactly1']))

/** Probes for set columns (rows p, q, r below) and map columns (rows k1, k2, k3). */
const SET_PROBES: [string, Json][] = [
  ['many', set(1, 2)], ['many', set()], ['many', 2], ['atleast1', set('s', 't')], ['reals', set(0.5)],
  ['bools', set(true)], ['uuids', set(u(0))], ['upto3', set(1, 2, 3)],
]
const MAP_PROBES: [string, Json][] = [
  ['ss', map(['a', '1'])], ['ss', map(['a', '1'], ['b', '2'])], ['ss', map()], ['is', map([1, 'one'])],
  ['ss', map(['a', 'other'])],
]

const transcript: Transcript = {
  schema: 'sets.ovsschema',
  description: 'set and map values: sizes, notation, conditions',
  steps: [
    bagRow('row p', { one: 'p', many: set(1, 2, 3), atleast1: set('s', 't'), reals: set(0.5, 1.5), bools: set(true), upto3: set(1, 2, 3) }),
    bagRow('row q', { one: 'q', many: set(2), atleast1: set('s'), bools: set(false, true), uuids: set(u(0)) }),
    bagRow('row r', { one: 'r', upto3: set(3, 2, 1) }),
    dictRow('row k1', { exactly1: map(['k1', 'v']), ss: map(['a', '1'], ['b', '2']), is: map([1, 'one']) }),
    dictRow('row k2', { exactly1: map(['k2', 'v']), ss: map(['a', '1']) }),
    dictRow('row k3', { exactly1: map(['k3', 'v']), ss: map(['a', '2'], ['c', '3']) }),
    ...SET_PROBES.flatMap(([column, value]) => FUNCTIONS.map((f) => bagWhere(`${column} ${f} ${JSON.stringify(value)}`, [column, f, value]))),
    ...MAP_PROBES.flatMap(([column, value]) => FUNCTIONS.map((f) => dictWhere(`${column} ${f} ${JSON.stringify(value)}`, [column, f, value]))),
    bagWhere('map value against a set column', ['many', '==', map([1, 2])]),
    dictWhere('set value against a map column', ['ss', '==', set('a')]),
    dictWhere('condition argument above the column max', ['upto3', 'includes', map(['a', 1], ['b', 2], ['c', 3], ['d', 4])]),
    bagWhere('includes argument larger than the column max', ['upto3', 'includes', set(1, 2, 3, 4)]),
    bagWhere('condition with a constrained set value out of range', ['small', 'includes', 99]),
    bagRow('elements come back sorted', { one: 's', many: set(3, -1, 2), atleast1: set('b', 'a', 'C') }),
    step('read them', select('Bag', [['one', '==', 's']], ['many', 'atleast1'])),
    bagRow('duplicate set elements', { many: set(1, 1) }),
    bagRow('duplicate string elements', { atleast1: set('a', 'a') }),
    dictRow('duplicate map keys', { ss: map(['a', '1'], ['a', '2']) }),
    dictRow('duplicate map keys with equal values', { ss: map(['a', '1'], ['a', '1']) }),
    bagRow('0..1 empty', { opt: set() }),
    bagRow('0..1 two elements', { opt: set(1, 2) }),
    bagRow('1..1 empty', { one: set() }),
    bagRow('1..1 as a one-element set', { one: set('y') }),
    bagRow('0..3 three', { upto3: set(1, 2, 3) }),
    bagRow('0..3 four', { upto3: set(1, 2, 3, 4) }),
    bagRow('1..2 empty', { some2: set() }),
    bagRow('1..2 three', { some2: set('a', 'b', 'c') }),
    bagRow('1..N empty', { atleast1: set() }),
    bagRow('unlimited with many elements', { many: set(...Array.from({ length: 40 }, (_, i) => i * 7 - 100)) }),
    bagRow('set of wrong-typed elements', { many: set('1') }),
    bagRow('set notation with an object', { many: ['set', { a: 1 }] as never }),
    bagRow('set notation with three members', { many: ['set', [1], 2] as never }),
    bagRow('unknown notation tag', { many: ['bag', [1]] as never }),
    bagRow('a bare array', { many: [1, 2] as never }),
    bagRow('nested sets', { many: set(set(1)) }),
    bagRow('set of uuids with a named-uuid that is never defined', { uuids: set(['named-uuid', 'ghost']) }),
    bagRow('constrained set with one bad element', { small: set(1, 11) }),
    bagRow('enum set 0..2 with a bad element', { colors: set('red', 'black') }),
    dictRow('map with a bare pair', { ss: ['map', ['a', '1']] as never }),
    dictRow('map pair of three', { ss: ['map', [['a', '1', '2']]] as never }),
    dictRow('map given a set', { ss: set('a') }),
    dictRow('map given a bare atom', { ss: 'a' }),
    dictRow('map 1..1 empty', { exactly1: map() }),
    dictRow('map 1..2 three pairs', { pair: map([1, 1], [2, 2], [3, 3]) }),
    dictRow('map 0..3 four pairs', { upto3: map(['a', 1], ['b', 2], ['c', 3], ['d', 4]) }),
    dictRow('map key out of range', { ports: map([70000, 'tcp']) }),
    dictRow('map value not in enum', { ports: map([80, 'http']) }),
    dictRow('map keys come back sorted', { ss: map(['z', '1'], ['a', '2'], ['M', '3']), is: map([10, 'x'], [-10, 'y'], [2, 'z']) }),
    step('read the sorted map', select('Dict', [['exactly1', '==', map(['k', 'v'])]], ['ss', 'is'])),
    step('update a set to a new value', update('Bag', [['one', '==', 'p']], { many: set(9) }), select('Bag', [['one', '==', 'p']], ['many'])),
    step('update a set beyond its max', update('Bag', [['one', '==', 'p']], { upto3: set(1, 2, 3, 4) })),
    step('update a map to empty', update('Dict', [['exactly1', '==', map(['k1', 'v'])]], { ss: map() }), select('Dict', [], ['ss'])),
  ],
}
export default transcript
