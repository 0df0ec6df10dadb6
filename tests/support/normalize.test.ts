// UuidNormalizer: numbering in order of appearance, placeholders, and the canonical order given to
// outputs ovsdb-server emits in hash order, so that equal replies normalise equal.
import t from 'tap'
import { maskHashOrderedDetails, UuidNormalizer } from './normalize.js'

const A = '11111111-1111-4111-8111-111111111111'
const B = '22222222-2222-4222-8222-222222222222'
const C = '33333333-3333-4333-8333-333333333333'

t.test('UUIDs become <N> in order of first appearance, in details strings too', async (t) => {
  const n = new UuidNormalizer()
  t.same(n.normalize([{ uuid: ['uuid', B] }, { details: `row ${A} and ${B}` }]), [{ uuid: ['uuid', '<0>'] }, { details: 'row <1> and <0>' }])
  t.equal(n.size, 2)
})

t.test('placeholders resolve to the UUIDs seen, unknown ones to a UUID naming no row', async (t) => {
  const n = new UuidNormalizer()
  n.normalize([{ uuid: ['uuid', A] }])
  t.same(n.resolve({ where: [['_uuid', '==', ['uuid', '<0>']]], uuid: '<0>', s: 'x<0>' }), { where: [['_uuid', '==', ['uuid', A]]], uuid: A, s: 'x<0>' })
  t.match(n.resolve('<7>'), /^ffffffff-ffff-4fff-bfff-000000000007$/)
})

t.test('select rows, UUID sets and _version compare regardless of hash order', async (t) => {
  const first = new UuidNormalizer()
  const second = new UuidNormalizer()
  for (const n of [first, second]) n.normalize([{ uuid: ['uuid', A] }, { uuid: ['uuid', B] }])
  const row = (u: string, v: string) => ({ _uuid: ['uuid', u], _version: ['uuid', v], peers: ['set', [['uuid', A], ['uuid', B]]] })
  t.same(
    first.normalize([{ rows: [row(A, C), row(B, A)] }]),
    second.normalize([{ rows: [row(B, B), row(A, C)] }]),
  )
})

t.test('sets of other atoms keep their order, so a wrongly sorted set is caught', async (t) => {
  const n = new UuidNormalizer()
  t.not(JSON.stringify(n.normalize(['set', [1, 2]])), JSON.stringify(n.normalize(['set', [2, 1]])))
})

t.test('the two rows of an index clash are put in text order', async (t) => {
  const clash = (x: string, y: string, wx: string, wy: string) =>
    `Transaction causes ... "name".  First row, with UUID ${x}, ${wx}.  Second row, with UUID ${y}, ${wy}.`
  const n = new UuidNormalizer()
  n.normalize([{ uuid: ['uuid', A] }, { uuid: ['uuid', B] }])
  t.equal(n.normalize(clash(B, A, 'was inserted', 'existed')), n.normalize(clash(A, B, 'existed', 'was inserted')))
})

t.test('wait timeouts lose their wall-clock milliseconds', async (t) => {
  t.equal(new UuidNormalizer().normalize('"wait" timed out after 31 ms'), '"wait" timed out after <ms> ms')
})

t.test('commit-time details naming rows are masked, others kept', async (t) => {
  const ri = { error: 'referential integrity violation', details: `cannot delete Kid row ${A} because of 1 remaining reference(s)` }
  t.same(maskHashOrderedDetails([{ count: 1 }, ri], 1), [{ count: 1 }, { error: ri.error, details: '<names rows in hash order>' }])
  const maxRows = { error: 'constraint violation', details: 'transaction causes "T" table to contain 3 rows' }
  t.same(maskHashOrderedDetails([{ count: 1 }, maxRows], 1), [{ count: 1 }, maxRows])
  t.same(maskHashOrderedDetails([ri], 1), [ri], 'an op-level error is not masked')
})
