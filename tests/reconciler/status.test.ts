// Status write-back planning: only columns whose value changed are written, rows new to the snapshot
// start from what the database holds, Open_vSwitch (cur_cfg) comes last, and a failed write keeps
// the last written snapshot so the next pass writes again.
import t from 'tap'
import { planStatus, StatusWriter, type WantedStatus } from '../../reconciler/status.js'
import { MemoryDb } from './harness.js'

function wanted(db: MemoryDb, iface: Record<string, Record<string, unknown>>, ovs: Record<string, unknown> = {}): WantedStatus {
  return {
    Interface: new Map(Object.entries(iface).map(([name, columns]) => [db.uuid('Interface', name), columns as never])),
    Port: new Map(),
    Bridge: new Map(),
    Open_vSwitch: new Map([[db.ovsUuid, ovs as never]]),
  }
}

t.test('values the database already holds are not written; changed ones are, Open_vSwitch last', async (t) => {
  const db = new MemoryDb()
  db.addBridge('br0')
  const plan = planStatus({}, wanted(db, { br0: { ofport: 65534, error: null, status: {} } }, { cur_cfg: 1 }), db.replica)
  t.same(plan.ops.map((op) => [op.table, op.row]), [['Interface', { ofport: 65534 }], ['Open_vSwitch', { cur_cfg: 1 }]])
})

t.test('maps and sets are compared as datums and written in OVSDB notation', async (t) => {
  const db = new MemoryDb()
  db.addBridge('br0')
  const first = planStatus({}, wanted(db, { br0: { statistics: { rx_packets: 1, tx_packets: 0 } } }, { iface_types: ['patch', 'internal'] }), db.replica)
  t.same(first.ops.map((op) => op.row), [{ statistics: ['map', [['rx_packets', 1], ['tx_packets', 0]]] }, { iface_types: ['set', ['internal', 'patch']] }])
  const second = planStatus(first.next, wanted(db, { br0: { statistics: { tx_packets: 0, rx_packets: 1 } } }, { iface_types: ['internal', 'patch'] }), db.replica)
  t.same(second.ops, [], 'the same values in another order change nothing')
})

t.test('a failed write keeps the old snapshot; a successful one moves it', async (t) => {
  const db = new MemoryDb()
  db.addBridge('br0')
  const writer = new StatusWriter()
  const failing = async () => [{ error: 'not owner' }]
  t.same(await writer.write(wanted(db, {}, { cur_cfg: 1 }), db.replica, failing), { failed: '{"error":"not owner"}' })
  t.equal(await writer.write(wanted(db, {}, { cur_cfg: 1 }), db.replica, (ops) => db.transact(ops)), 'written')
  t.equal(await writer.write(wanted(db, {}, { cur_cfg: 1 }), db.replica, (ops) => db.transact(ops)), 'unchanged')
  t.equal(db.column('Open_vSwitch', db.ovsUuid, 'cur_cfg'), 1)
})

t.test('columns a pass does not mention keep their last written value', async (t) => {
  const db = new MemoryDb()
  db.addBridge('br0')
  const first = planStatus({}, wanted(db, { br0: { statistics: { rx_packets: 5 }, ofport: 65534 } }), db.replica)
  const second = planStatus(first.next, wanted(db, { br0: { ofport: 65534 } }), db.replica)
  t.same(second.ops, [])
  t.same(second.next.Interface[db.uuid('Interface', 'br0')].statistics, { rx_packets: 5 })
})
