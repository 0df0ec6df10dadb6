// fast-check generators for the schema property tests: random base and column types (with
// every kind of constraint) and random datums valid for them, biased towards integers near
// ±2^63 and ±2^53 where exactness breaks first.
import fc from 'fast-check'
import {
  canonicalInteger, codePointLength, compareAtoms, INT64_MAX, INT64_MIN, makeDatum,
  type Atom, type BaseType, type ColumnType, type Datum,
} from '../../schema/index.js'

const EDGE_INTEGERS = [INT64_MIN, INT64_MIN + 1n, -(2n ** 53n) - 1n, -(2n ** 53n), -(2n ** 53n) + 1n, -1n, 0n, 1n,
  2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, INT64_MAX - 1n, INT64_MAX]

/** Any int64 as a bigint, often an edge value. */
export const int64 = fc.oneof(fc.constantFrom(...EDGE_INTEGERS), fc.bigInt({ min: INT64_MIN, max: INT64_MAX }))

/** Reals that survive ovsdb-server's %.15g text exactly (15 significant digits). */
const real15 = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 })
  .map((x) => Number(x.toPrecision(15)) + 0)

const uuid = fc.uuid().map((u) => u.toLowerCase())

function unconstrainedAtom(type: BaseType['type']): fc.Arbitrary<Atom> {
  switch (type) {
    case 'integer':
      return int64.map(canonicalInteger)
    case 'real':
      return real15
    case 'boolean':
      return fc.boolean()
    case 'string':
      return fc.string({ unit: 'binary', maxLength: 6 })
    case 'uuid':
      return uuid
  }
}

const sortedPair = <T extends bigint | number>(arb: fc.Arbitrary<T>): fc.Arbitrary<[T, T]> =>
  fc.tuple(arb, arb).map(([a, b]) => (a <= b ? [a, b] : [b, a]))

/** A base type of any atomic type with randomly chosen constraints. */
export const baseType: fc.Arbitrary<BaseType> = fc.constantFrom('integer', 'real', 'boolean', 'string', 'uuid').chain(
  (type): fc.Arbitrary<BaseType> => {
    const plain = fc.constant<BaseType>({ type })
    const enumerated = fc.uniqueArray(unconstrainedAtom(type), {
      minLength: 1, maxLength: 4, comparator: (a, b) => compareAtoms(a, b, type) === 0,
    }).map((values): BaseType => ({ type, enum: makeDatum(values, undefined, { key: { type }, min: 1, max: Infinity }).keys }))
    switch (type) {
      case 'integer':
        return fc.oneof(plain, enumerated, sortedPair(int64).map(([min, max]) => ({
          type,
          ...(min === INT64_MIN ? {} : { minInteger: canonicalInteger(min) }),
          ...(max === INT64_MAX ? {} : { maxInteger: canonicalInteger(max) }),
        })))
      case 'real':
        return fc.oneof(plain, enumerated, sortedPair(real15).map(([minReal, maxReal]) => ({ type, minReal, maxReal })))
      case 'string':
        return fc.oneof(plain, enumerated, sortedPair(fc.integer({ min: 0, max: 4 })).map(([minLength, maxLength]) =>
          ({ type, ...(minLength > 0 ? { minLength } : {}), maxLength })))
      case 'uuid':
        return fc.oneof(plain, enumerated, fc.constantFrom<BaseType>(
          { type, refTable: 'T', refType: 'strong' }, { type, refTable: 'T', refType: 'weak' }))
      default:
        return fc.oneof(plain, enumerated)
    }
  },
)

/** A column type: set or map, min 0 or 1, max 1..5 or unlimited. */
export const columnType: fc.Arbitrary<ColumnType> = fc.record({
  key: baseType,
  value: fc.option(baseType, { nil: undefined }),
  min: fc.constantFrom<0 | 1>(0, 1),
  max: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(Infinity)),
}).map(({ key, value, min, max }) => (value === undefined ? { key, min, max } : { key, value, min, max }))

/** An atom satisfying `base`'s constraints. */
export function validAtom(base: BaseType): fc.Arbitrary<Atom> {
  if (base.enum !== undefined) return fc.constantFrom(...base.enum)
  switch (base.type) {
    case 'integer':
      return fc.bigInt({ min: BigInt(base.minInteger ?? INT64_MIN), max: BigInt(base.maxInteger ?? INT64_MAX) })
        .map(canonicalInteger)
    case 'real': {
      const clamped = real15.map((x) => Math.min(Math.max(x, base.minReal ?? -Infinity), base.maxReal ?? Infinity))
      const bounds = [base.minReal, base.maxReal].filter((x) => x !== undefined)
      return bounds.length === 0 ? clamped : fc.oneof(fc.constantFrom(...bounds), clamped)
    }
    case 'string':
      return fc.string({ unit: 'binary', minLength: base.minLength ?? 0, maxLength: base.maxLength ?? 6 })
        .filter((s) => codePointLength(s) >= (base.minLength ?? 0) && codePointLength(s) <= (base.maxLength ?? 6))
    default:
      return unconstrainedAtom(base.type)
  }
}

/** A column type with a datum valid for it. */
export const typedDatum: fc.Arbitrary<{ type: ColumnType; datum: Datum }> = columnType.chain((type) => {
  const pair = fc.tuple(validAtom(type.key), type.value === undefined ? fc.constant(undefined) : validAtom(type.value))
  return fc.uniqueArray(pair, {
    minLength: type.min,
    maxLength: Math.min(type.max, 5),
    selector: ([key]) => key,
    comparator: (a, b) => compareAtoms(a, b, type.key.type) === 0,
  }).map((pairs) => ({
    type,
    datum: makeDatum(pairs.map(([k]) => k), type.value === undefined ? undefined : pairs.map(([, v]) => v as Atom), type),
  }))
})
