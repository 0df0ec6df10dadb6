// mutate on scalar and optional columns of every atomic type: every mutator where it applies and
// where it is a type error, constraint re-checks of results, division by zero, 64-bit overflow,
// immutable columns, and malformed mutations.
import type { Transcript, TranscriptStep } from '../../support/transcript.js'
import { byUuid, insert, mutate, select, set, step, u } from '../../support/transcript-dsl.js'
import type { Json } from '../../support/transcript-dsl.js'

const MUTATORS = ['+=', '-=', '*=', '/=', '%=', 'insert', 'delete'] as const
const base = { color: 'red', neg: -1, word: 'w' }

/** Mutates row <0> and reads the column back. */
const apply = (note: string, column: string, mutator: string, value: Json): TranscriptStep =>
  step(note, mutate('Scalar', [byUuid(0)], [[column, mutator, value]]), select('Scalar', [byUuid(0)], [column]))

const ARGS: [string, Json][] = [['i', 3], ['r', 1.5], ['b', true], ['s', 'x'], ['u', u(0)], ['oi', 3], ['or', 0.5]]

const transcript: Transcript = {
  schema: 'atoms.ovsschema',
  description: 'mutate on scalar columns',
  steps: [
    step('the row to mutate', insert('Scalar', { ...base, i: 100, r: 10, oi: 7, or: 2.5, pct: 50, ratio: 1, label: 'x' })),
    ...ARGS.flatMap(([column, value]) => MUTATORS.map((m) => apply(`${column} ${m}`, column, m, value))),
    apply('integer /= rounds toward zero', 'i', '/=', -7),
    apply('integer %= with a negative divisor', 'i', '%=', -3),
    apply('integer -= to a negative', 'i', '-=', 10),
    apply('integer %= of a negative', 'i', '%=', 4),
    apply('integer /= 0', 'i', '/=', 0),
    apply('integer %= 0', 'i', '%=', 0),
    apply('real /= 0', 'r', '/=', 0),
    apply('real -= an integer argument', 'r', '-=', 1),
    apply('integer += a real argument', 'i', '+=', 0.5),
    apply('integer += a string argument', 'i', '+=', '1'),
    apply('integer += a set argument', 'i', '+=', set(1)),
    apply('integer += an empty set', 'i', '+=', set()),
    step('set i to 2^63-2', { op: 'update', table: 'Scalar', where: [byUuid(0)], row: { i: 9223372036854775806n } }),
    apply('+= reaches 2^63-1', 'i', '+=', 1),
    apply('+= beyond 2^63-1 overflows', 'i', '+=', 1),
    apply('*= overflows', 'i', '*=', 2),
    apply('-= of 2^63-1 to -1', 'i', '-=', 9223372036854775807n),
    apply('-= down to -(2^63-1)', 'i', '-=', 9223372036854775807n),
    apply('-= 1 reaches -2^63', 'i', '-=', 1),
    apply('-2^63 /= -1 overflows', 'i', '/=', -1),
    apply('-2^63 %= -1', 'i', '%=', -1),
    apply('-2^63 *= -1 wraps without an error', 'i', '*=', -1),
    apply('-= beyond -2^63 overflows', 'i', '-=', 1),
    apply('-2^63 += -1 overflows', 'i', '+=', -1),
    apply('real overflow to infinity', 'r', '*=', 1e308),
    apply('real *= 1e308 again', 'r', '*=', 1e308),
    apply('constrained integer += within range', 'pct', '+=', 50),
    apply('constrained integer += beyond range', 'pct', '+=', 1),
    apply('constrained integer -= an argument beyond the range', 'pct', '-=', 150),
    apply('constrained integer -= an argument beyond the range, result in range', 'pct', '-=', -100),
    apply('enum column mutated through a value outside the enum', 'pct', '-=', 100),
    apply('constrained real *= beyond range', 'ratio', '*=', 3),
    apply('+= on an empty optional column changes nothing', 'prime', '+=', 1),
    step('give prime a value', { op: 'update', table: 'Scalar', where: [byUuid(0)], row: { prime: 2 } }),
    apply('enum integer += to another allowed value', 'prime', '+=', 1),
    apply('enum integer += to a disallowed value', 'prime', '+=', 1),
    apply('maxInteger column -= stays below max', 'neg', '-=', 5),
    apply('mutate of an immutable column', 'serial', '+=', 1),
    apply('mutate of an immutable column by 0', 'serial', '+=', 0),
    apply('mutate of an immutable string column', 'label', 'insert', 'y'),
    apply('mutate of an ephemeral column', 'status', 'insert', ['map', [['k', 'v']]]),
    apply('mutate of _uuid', '_uuid', '+=', 1),
    apply('mutate of _version', '_version', '+=', 1),
    apply('unknown mutator', 'i', '^=', 1),
    apply('unknown column', 'nope', '+=', 1),
    step('mutation with two members', mutate('Scalar', [], [['i', '+='] as never])),
    step('mutation not an array', mutate('Scalar', [], [{ i: 1 } as never])),
    step('mutator not a string', mutate('Scalar', [], [['i', 1, 1] as never])),
    step('mutations missing', { op: 'mutate', table: 'Scalar', where: [] }),
    step('mutations not an array', { op: 'mutate', table: 'Scalar', where: [], mutations: {} }),
    step('two mutations of one column apply in order',
      mutate('Scalar', [byUuid(0)], [['oi', '+=', 1], ['oi', '*=', 10]]), select('Scalar', [byUuid(0)], ['oi'])),
    step('a failing second mutation undoes the first',
      mutate('Scalar', [byUuid(0)], [['oi', '+=', 1], ['oi', '/=', 0]]), select('Scalar', [byUuid(0)], ['oi'])),
    step('a second row for counting', insert('Scalar', { ...base, i: 1 })),
    step('mutate counts every matching row', mutate('Scalar', [], [['r', '+=', 1]]), select('Scalar', [], ['r'])),
    step('mutate with an empty where matching nothing', mutate('Scalar', [['i', '==', 424242]], [['i', '/=', 0]])),
    step('mutate by 0 counts rows even when nothing changes', mutate('Scalar', [], [['i', '+=', 0]])),
  ],
}
export default transcript
