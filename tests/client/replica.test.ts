// The IDL replica applies monitor changes as the C IDL does: full rows, update2 diffs (scalars
// replaced, set members toggled, map keys added/changed/removed) and deletions.

import { readFileSync } from 'node:fs'
import t from 'tap'
import { Replica } from '../../client/index.js'
import { databaseSchemaFromJson } from '../../schema/index.js'

const schema = databaseSchemaFromJson(JSON.parse(readFileSync(new URL('../../schema/vswitch.ovsschema', import.meta.url), 'utf8')))
const U1 = '11111111-1111-4111-8111-111111111111'

function replica(): Replica {
  const r = new Replica(schema, new Map([['Port', ['name', 'tag', 'trunks', 'other_config']]]))
  r.apply([{ table: 'Port', uuid: U1, kind: 'row', row: { name: 'p1', tag: 5, trunks: ['set', [1, 2]], other_config: ['map', [['a', '1'], ['b', '2']]] } }])
  return r
}

t.test('a diff replaces scalars, toggles set members and edits map keys', async (t) => {
  const r = replica()
  r.apply([{ table: 'Port', uuid: U1, kind: 'diff', row: { tag: ['set', []], trunks: ['set', [2, 3]], other_config: ['map', [['a', '1'], ['b', '9'], ['c', '3']]] } }])
  t.same(r.read('Port', U1, 'tag'), { keys: [] })
  t.same(r.read('Port', U1, 'trunks'), { keys: [1, 3] })
  t.same(r.read('Port', U1, 'other_config'), { keys: ['b', 'c'], values: ['9', '3'] })
  t.same(r.read('Port', U1, 'name'), { keys: ['p1'] }, 'columns absent from the diff keep their value')
})

t.test('deleted rows disappear and unregistered columns read as defaults', async (t) => {
  const r = replica()
  t.same(r.read('Port', U1, 'vlan_mode'), { keys: [] })
  r.apply([{ table: 'Port', uuid: U1, kind: 'delete' }])
  t.equal(r.tables.get('Port')!.size, 0)
})

t.test('changes for tables that were not registered are ignored', async (t) => {
  const r = replica()
  r.apply([{ table: 'Bridge', uuid: U1, kind: 'row', row: { name: 'br0' } }])
  t.equal(r.tables.has('Bridge'), false)
})
