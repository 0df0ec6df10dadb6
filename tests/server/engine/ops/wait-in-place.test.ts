// verifiedInPlace vouches only for requests spelled exactly as the stored datum (canonical order,
// bare atom or ["set",...] for one element, ["map",...] in key order); everything else is left to
// the full comparison (wait.test.ts checks both give the same answers).
import t from 'tap'
import { databaseSchemaFromJson } from '../../../../schema/index.js'
import { pinnedUuid, verifiedInPlace } from '../../../../server/engine/ops/wait-in-place.js'
import type { Execution } from '../../../../server/engine/ops/context.js'
import type { Row } from '../../../../server/engine/row.js'
import { SCHEMA, map, ref, set } from '../helpers.js'

const table = databaseSchemaFromJson(SCHEMA).tables.get('Root')!
const U = '1000000a-0000-4000-8000-00000000000b'
const [A, B] = ['20000000-0000-4000-8000-000000000000', '30000000-0000-4000-8000-000000000000']
const row: Row = {
  uuid: U,
  version: U,
  fields: { name: { keys: ['a'] }, kids: { keys: [A, B] }, smap: { keys: ['x', 'y'], values: ['1', '2'] }, sset: { keys: [] }, i: { keys: [7] } },
}
const x = { txn: { get: (name: string, uuid: string) => (name === 'Root' && uuid === U ? row : undefined) } } as unknown as Execution
const columns = (...names: string[]) => names.map((name) => table.columns.get(name)!)

t.test('pinnedUuid takes only [["_uuid","==",["uuid",U]]] with U canonical', async (t) => {
  t.equal(pinnedUuid([['_uuid', '==', ref(U)]]), U)
  t.equal(pinnedUuid([['_uuid', '==', ref(U.toUpperCase())]]), undefined)
  t.equal(pinnedUuid([['_uuid', '!=', ref(U)]]), undefined)
  t.equal(pinnedUuid([['_uuid', '==', ref(U)], ['_uuid', '==', ref(U)]]), undefined)
  t.equal(pinnedUuid([['name', '==', 'a']]), undefined)
  t.equal(pinnedUuid([]), undefined)
})

t.test('exact spellings are vouched for', async (t) => {
  t.equal(verifiedInPlace(x, table, U, columns('kids'), { kids: set(ref(A), ref(B)) }), true)
  t.equal(verifiedInPlace(x, table, U, columns('smap'), { smap: map(['x', '1'], ['y', '2']) }), true)
  t.equal(verifiedInPlace(x, table, U, columns('sset'), { sset: set() }), true)
  t.equal(verifiedInPlace(x, table, U, columns('name', 'i'), { i: 7, name: 'a' }), true)
  t.equal(verifiedInPlace(x, table, U, columns('name'), { name: set('a') }), true)
})

t.test('anything else is left to the full comparison', async (t) => {
  t.equal(verifiedInPlace(x, table, U, columns('kids'), { kids: set(ref(B), ref(A)) }), false, 'another order')
  t.equal(verifiedInPlace(x, table, U, columns('kids'), { kids: set(ref(A)) }), false, 'fewer')
  t.equal(verifiedInPlace(x, table, U, columns('smap'), { smap: map(['y', '2'], ['x', '1']) }), false, 'map order')
  t.equal(verifiedInPlace(x, table, U, columns('smap'), { smap: set(['x', '1'], ['y', '2']) }), false, 'a map as a set')
  t.equal(verifiedInPlace(x, table, U, columns('name'), { name: 'b' }), false, 'another value')
  t.equal(verifiedInPlace(x, table, U, columns('name'), { name: 'a', i: 7 }), false, 'a member beyond the columns')
  t.equal(verifiedInPlace(x, table, U, columns('name', 'i'), { name: 'a' }), false, 'a column missing')
  t.equal(verifiedInPlace(x, table, A, columns('name'), { name: 'a' }), false, 'no such row')
  t.equal(verifiedInPlace(x, table, U, columns('name'), [{ name: 'a' }]), false, 'not an object')
})
