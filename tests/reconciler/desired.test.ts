// desiredState: what bridge_reconfigure would read from the database — bridges, ports, fake bridges,
// bonds, interface types/options/requests/bfd — and per-row errors instead of exceptions.
import t from 'tap'
import { desiredState } from '../../reconciler/desired.js'
import { MemoryDb } from './harness.js'

t.test('a bridge from add-br has its own internal interface and the datapath type of the row', async (t) => {
  const db = new MemoryDb()
  db.addBridge('br0')
  const desired = desiredState(db.replica)
  t.equal(desired.nextCfg, 1)
  t.equal(desired.ovsUuid, db.ovsUuid)
  t.same(desired.bridges.map((b) => [b.name, b.datapathType, b.ports.map((p) => p.name)]), [['br0', 'netdev', ['br0']]])
  t.same(desired.interfaces.get('br0')?.type, 'internal')
})

t.test('an empty interface type means system and an empty datapath type means system', async (t) => {
  const db = new MemoryDb()
  db.addBridge('br0', '')
  db.addPort('br0', 'eth0', [{ name: 'eth0' }])
  const desired = desiredState(db.replica)
  t.equal(desired.bridges[0].datapathType, 'system')
  t.equal(desired.interfaces.get('eth0')?.type, 'system')
})

t.test('options, ofport_request, mtu_request and bfd are carried per interface', async (t) => {
  const db = new MemoryDb()
  db.addBridge('br0')
  db.addPort('br0', 'p0', [{ name: 'p0', type: 'patch', options: { peer: 'p1' }, ofport_request: 7, mtu_request: 9000, bfd: { enable: 'true' } }])
  const iface = desiredState(db.replica).interfaces.get('p0')!
  t.same({ ...iface.options }, { peer: 'p1' })
  t.equal(iface.ofportRequest, 7)
  t.equal(iface.mtuRequest, 9000)
  t.same({ ...iface.bfd }, { enable: 'true' })
  t.equal(iface.port, 'p0')
  t.equal(iface.bridge, 'br0')
})

t.test('a fake bridge is a VLAN-tagged port of its parent; a bond is a port of several interfaces', async (t) => {
  const db = new MemoryDb()
  db.addBridge('br0')
  db.addPort('br0', 'fake0', [{ name: 'fake0', type: 'internal' }], { tag: 10, fake_bridge: true })
  db.addPort('br0', 'bond0', [{ name: 'a0' }, { name: 'a1' }])
  const desired = desiredState(db.replica)
  const fake = desired.bridges[0].ports.find((p) => p.name === 'fake0')!
  t.equal(fake.fakeBridge, true)
  t.equal(fake.tag, 10)
  t.equal(desired.interfaces.get('fake0')?.tag, 10)
  const bond = desired.bridges[0].ports.find((p) => p.name === 'bond0')!
  t.same(bond.interfaces.map((i) => i.name), ['a0', 'a1'])
  t.equal(desired.interfaces.get('a1')?.port, 'bond0')
})

t.test('bad rows become per-row errors and the rest is still desired', async (t) => {
  const db = new MemoryDb()
  db.addBridge('br0')
  db.addBridge('br1')
  db.addPort('br0', 'dup', [{ name: 'x0' }])
  db.addPort('br1', 'other', [{ name: 'x0' }])
  db.addBridge('bad/name')
  const desired = desiredState(db.replica)
  t.same(desired.bridges.map((b) => b.name), ['br0', 'br1'])
  t.same(desired.errors.map((e) => [e.table, e.name]), [['Interface', 'x0'], ['Port', 'other'], ['Bridge', 'bad/name']])
  t.match(desired.errors[0].message, /x0 is already configured on bridge br0/)
  t.equal(desired.interfaces.get('x0')?.bridge, 'br0')
})

t.test('an empty database desires nothing', async (t) => {
  const db = new MemoryDb()
  const desired = desiredState(db.replica)
  t.same(desired.bridges, [])
  t.equal(desired.nextCfg, 0)
  t.same(desired.errors, [])
})
