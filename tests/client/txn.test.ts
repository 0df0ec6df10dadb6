// IDL transactions build the C IDL's operations: verify waits with the committed values, the
// singleton wait on inserting the first Open_vSwitch row, named-uuid references to new rows,
// no request at all when nothing changes, partial map updates as mutates.

import { readFileSync } from 'node:fs'
import t from 'tap'
import { IdlTxn, Replica, rowName } from '../../client/index.js'
import { databaseSchemaFromJson } from '../../schema/index.js'

const schema = databaseSchemaFromJson(JSON.parse(readFileSync(new URL('../../schema/vswitch.ovsschema', import.meta.url), 'utf8')))
const OVS = '22222222-2222-4222-8222-222222222222'

function replica(withOvs: boolean): Replica {
  const r = new Replica(schema, new Map([['Open_vSwitch', ['bridges', 'external_ids']], ['Bridge', ['name']]]))
  if (withOvs) r.apply([{ table: 'Open_vSwitch', uuid: OVS, kind: 'row', row: {} }])
  return r
}

t.test('reads alone send nothing (unchanged)', async (t) => {
  const txn = new IdlTxn(replica(true))
  txn.verify('Open_vSwitch', OVS, 'bridges')
  t.equal(txn.operations(), undefined)
})

t.test('a write after a verify sends the wait with the committed value, then the update', async (t) => {
  const txn = new IdlTxn(replica(true))
  txn.verify('Open_vSwitch', OVS, 'bridges')
  const br = txn.insert('Bridge')
  txn.write('Bridge', br, 'name', { keys: ['br0'] })
  txn.write('Open_vSwitch', OVS, 'bridges', { keys: [br] })
  txn.comment = 'vsctl: test'
  const built = txn.operations()!
  t.same(built.ops[0], { op: 'wait', table: 'Open_vSwitch', timeout: 0, where: [['_uuid', '==', ['uuid', OVS]]], until: '==', columns: ['bridges'], rows: [{ bridges: ['set', []] }] })
  t.same(built.ops.map((op) => op.op), ['wait', 'update', 'insert', 'comment'])
  t.same(built.ops[1].row, { bridges: ['named-uuid', rowName(br)] })
  t.equal(built.insertIndex.get(br), 2)
})

t.test('inserting the first Open_vSwitch row first waits for the table to be empty', async (t) => {
  const txn = new IdlTxn(replica(false))
  txn.insert('Open_vSwitch')
  const ops = txn.operations()!.ops
  t.same(ops[0], { op: 'wait', table: 'Open_vSwitch', where: [], timeout: 0, until: '==', rows: [] })
  t.equal(ops[1].op, 'insert')
})

t.test('a partial map write becomes a mutate that deletes then re-inserts changed keys', async (t) => {
  const r = replica(true)
  r.apply([{ table: 'Open_vSwitch', uuid: OVS, kind: 'row', row: { external_ids: ['map', [['a', '1']]] } }])
  const txn = new IdlTxn(r)
  txn.writePartial('Open_vSwitch', OVS, 'external_ids', { keys: ['a', 'b'], values: ['2', '3'] })
  t.same(txn.operations()!.ops[0].mutations, [['external_ids', 'delete', ['set', ['a']]], ['external_ids', 'insert', ['map', [['a', '2'], ['b', '3']]]]])
})

t.test('the increment is sent only with a real change, as mutate then select', async (t) => {
  const txn = new IdlTxn(replica(true))
  txn.increment = { table: 'Open_vSwitch', uuid: OVS, column: 'next_cfg' }
  t.equal(txn.operations(), undefined)
  txn.write('Open_vSwitch', OVS, 'external_ids', { keys: ['k'], values: ['v'] })
  const built = txn.operations()!
  t.same(built.ops.map((op) => op.op), ['update', 'mutate', 'select'])
  t.equal(built.incrementIndex, 1)
})
