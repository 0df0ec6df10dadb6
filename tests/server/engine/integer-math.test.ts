// Integer and real arithmetic of the mutators, including ovsdb-server's overflow-test quirks.
import fc from 'fast-check'
import t from 'tap'
import { applyArithmetic } from '../../../server/engine/integer-math.js'

const MAX = 2n ** 63n - 1n
const MIN = -(2n ** 63n)

const outcome = (f: () => unknown): unknown => {
  try {
    return f()
  } catch (error) {
    return (error as { tag: string }).tag
  }
}

t.test('add and subtract are exact int64 with range errors outside it (property)', async (t) => {
  const int64 = fc.bigInt({ min: MIN, max: MAX })
  fc.assert(fc.property(int64, int64, (x, y) => {
    for (const [op, exact] of [['+=', x + y], ['-=', x - y]] as const) {
      const got = outcome(() => applyArithmetic(op, x, y, 'integer'))
      const want = exact < MIN || exact > MAX ? 'range error' : exact
      if ((typeof got === 'string' ? got : BigInt(got as bigint)) !== want) return false
    }
    return true
  }))
  t.pass('matches BigInt arithmetic')
})

t.test('results inside the safe range come back as numbers, beyond it as bigints', async (t) => {
  t.equal(applyArithmetic('+=', 2, 3, 'integer'), 5)
  t.equal(applyArithmetic('*=', 2 ** 52, 4, 'integer'), 2n ** 54n)
})

t.test('multiplication keeps ovsdb-server quirks: MAX*1 overflows, MIN*-1 wraps', async (t) => {
  t.equal(outcome(() => applyArithmetic('*=', MAX, 1, 'integer')), 'range error')
  t.equal(outcome(() => applyArithmetic('*=', 3, 3074457345618258602n, 'integer')), 'range error')
  t.equal(applyArithmetic('*=', MIN, -1, 'integer'), MIN)
  t.equal(applyArithmetic('*=', -5, 0, 'integer'), 0, 'ovsdb-server crashes here; we answer 0')
  t.equal(applyArithmetic('*=', -4, -5, 'integer'), 20)
})

t.test('division and modulo truncate toward zero; zero divisors and MIN/-1 fail', async (t) => {
  t.equal(applyArithmetic('/=', -7, 2, 'integer'), -3)
  t.equal(applyArithmetic('%=', -7, 3, 'integer'), -1)
  t.equal(outcome(() => applyArithmetic('/=', 1, 0, 'integer')), 'domain error')
  t.equal(outcome(() => applyArithmetic('%=', MIN, -1, 'integer')), 'range error')
})

t.test('real arithmetic fails on division by zero and on non-finite results', async (t) => {
  t.equal(applyArithmetic('/=', 3, 2, 'real'), 1.5)
  t.equal(outcome(() => applyArithmetic('/=', 3, 0, 'real')), 'domain error')
  t.equal(outcome(() => applyArithmetic('-=', -1e308, 1e308, 'real')), 'range error')
})
