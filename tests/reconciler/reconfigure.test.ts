// Reconcile passes over an in-memory database and a fake driver: cur_cfg follows next_cfg, ofports
// are written (65534 for the local port, ofport_request honoured), failures show on the row with
// ofport -1 and clear when fixed, retries back off on the virtual clock, and a settled pass plans nothing.
import t from 'tap'
import { VirtualClock } from '../../reconciler/engines/clock.js'
import { SILENT_LOG } from '../../reconciler/log.js'
import { planReconfigure } from '../../reconciler/plan.js'
import { Reconciler } from '../../reconciler/reconciler.js'
import { desiredState } from '../../reconciler/desired.js'
import { FakeDriver } from './fake-driver.js'
import { MemoryDb } from './harness.js'

function setup(devices: string[] = []) {
  const db = new MemoryDb()
  const driver = new FakeDriver(devices)
  const clock = new VirtualClock()
  const reconciler = new Reconciler(db, driver, { clock, log: SILENT_LOG, random: () => 12345 })
  const settle = () => reconciler.loop.idle()
  return { db, driver, clock, reconciler, settle }
}

const iface = (db: MemoryDb, name: string, column: string) => db.column('Interface', db.uuid('Interface', name), column)

t.test('add-br and add-port get ofports and cur_cfg catches up with next_cfg', async (t) => {
  const { db, settle } = setup(['eth0'])
  db.addBridge('br0')
  db.addPort('br0', 'eth0', [{ name: 'eth0' }])
  await settle()
  t.equal(db.column('Open_vSwitch', db.ovsUuid, 'cur_cfg'), 2)
  t.equal(iface(db, 'br0', 'ofport'), 65534)
  t.equal(iface(db, 'eth0', 'ofport'), 1)
  t.same(iface(db, 'eth0', 'error'), [])
  t.equal(db.column('Bridge', db.uuid('Bridge', 'br0'), 'datapath_id'), '0000aa55aa550001')
  t.same(db.column('Open_vSwitch', db.ovsUuid, 'datapath_types'), ['netdev', 'system'])
})

t.test('a settled pass plans nothing and writes nothing', async (t) => {
  const { db, driver, reconciler, settle } = setup(['eth0'])
  db.addBridge('br0')
  db.addPort('br0', 'eth0', [{ name: 'eth0' }])
  await settle()
  t.same(planReconfigure(desiredState(db.replica), await driver.observe()), [])
  const before = db.transactions.length
  const calls = driver.calls.length
  await reconciler.pass()
  t.equal(db.transactions.length, before, 'no transaction')
  t.equal(driver.calls.length, calls, 'no engine call')
})

t.test('only changed columns are written, and cur_cfg comes last', async (t) => {
  const { db, settle } = setup(['eth0', 'eth1'])
  db.addBridge('br0')
  db.addPort('br0', 'eth0', [{ name: 'eth0' }])
  await settle()
  db.addPort('br0', 'eth1', [{ name: 'eth1' }])
  await settle()
  const last = db.transactions.at(-1)!
  const tables = last.map((op) => op.table)
  t.same(tables, ['Interface', 'Open_vSwitch'], 'only the new interface and Open_vSwitch')
  t.same(Object.keys(last[1].row as object), ['cur_cfg'])
})

t.test('a missing system device gives ofport -1 and ovs-vswitchd\'s error, and clears once the device exists', async (t) => {
  const { db, driver, clock, settle } = setup()
  db.addBridge('br0')
  db.addPort('br0', 'nosuch0', [{ name: 'nosuch0' }])
  await settle()
  t.equal(iface(db, 'nosuch0', 'ofport'), -1)
  t.equal(iface(db, 'nosuch0', 'error'), 'could not open network device nosuch0 (No such device)')
  t.equal(db.column('Open_vSwitch', db.ovsUuid, 'cur_cfg'), 2, 'cur_cfg is written even though the port failed')
  driver.devices.add('nosuch0')
  clock.advance(1000)
  await settle()
  t.equal(iface(db, 'nosuch0', 'ofport'), 1)
  t.same(iface(db, 'nosuch0', 'error'), [])
  t.same(iface(db, 'nosuch0', 'admin_state'), 'up')
})

t.test('one failing interface does not stop the others', async (t) => {
  const { db, driver, settle } = setup(['a0', 'b0'])
  driver.faults.add('a0')
  db.addBridge('br0')
  db.addPort('br0', 'a0', [{ name: 'a0' }])
  db.addPort('br0', 'b0', [{ name: 'b0' }])
  await settle()
  t.equal(iface(db, 'a0', 'ofport'), -1)
  t.match(iface(db, 'a0', 'error'), /could not add network device a0/)
  t.equal(iface(db, 'b0', 'ofport'), 1, 'b0 is still created')
})

t.test('failed creations are retried with capped exponential backoff on the clock', async (t) => {
  const { db, driver, clock, reconciler, settle } = setup()
  driver.faults.add('x0')
  db.addBridge('br0')
  db.addPort('br0', 'x0', [{ name: 'x0', type: 'internal' }])
  await settle()
  const attempts = () => driver.calls.filter((call) => call === 'create-interface x0').length
  const seen: number[] = []
  for (let ms = 0; ms < 200_000; ms += 500) {
    clock.advance(500)
    await settle()
    seen.push(attempts())
  }
  const times = seen.map((count, i) => [count, (i + 1) * 500]).filter(([count], i) => i === 0 || count !== seen[i - 1]).map(([, at]) => at)
  t.same(times.slice(0, 8), [500, 1000, 3000, 7000, 15000, 31000, 63000, 123000], 'delays 1, 2, 4, 8, 16, 32, 60, 60 s')
  t.equal(reconciler.retries.attempts('iface/x0') > 5, true)
  driver.faults.delete('x0')
  clock.advance(60_000)
  await settle()
  t.equal(iface(db, 'x0', 'ofport'), 1)
  t.equal(reconciler.retries.attempts('iface/x0'), 0, 'success resets the backoff')
})

t.test('changing the configuration of a failed interface retries it at once', async (t) => {
  const { db, settle } = setup()
  db.addBridge('br0')
  db.addPort('br0', 'p0', [{ name: 'p0' }])
  await settle()
  t.equal(iface(db, 'p0', 'ofport'), -1)
  db.setInterface('p0', { type: 'internal' })
  await settle()
  t.equal(iface(db, 'p0', 'ofport'), 1)
})

t.test('ofport_request is honoured, and a later request moves the port', async (t) => {
  const { db, settle } = setup()
  db.addBridge('br0')
  db.addPort('br0', 'i0', [{ name: 'i0', type: 'internal', ofport_request: 7 }])
  db.addPort('br0', 'i1', [{ name: 'i1', type: 'internal' }])
  await settle()
  t.equal(iface(db, 'i0', 'ofport'), 7)
  t.equal(iface(db, 'i1', 'ofport'), 1)
  db.setInterface('i1', { ofport_request: 20 })
  await settle()
  t.equal(iface(db, 'i1', 'ofport'), 20)
})

t.test('deleting ports and bridges removes them from the engine', async (t) => {
  const { db, driver, settle } = setup(['eth0'])
  db.addBridge('br0')
  db.addPort('br0', 'eth0', [{ name: 'eth0' }])
  await settle()
  db.delPort('br0', 'eth0')
  await settle()
  t.same([...driver.bridges.get('br0')!.interfaces.keys()], ['br0'])
  db.delBridge('br0')
  await settle()
  t.equal(driver.bridges.size, 0)
  t.equal(db.column('Open_vSwitch', db.ovsUuid, 'cur_cfg'), 4)
})

t.test('nothing is done without the lock', async (t) => {
  const { db, driver, reconciler, settle } = setup()
  db.hasLock = false
  db.addBridge('br0')
  await settle()
  t.equal(driver.bridges.size, 0)
  t.equal(db.transactions.length, 0)
  db.hasLock = true
  reconciler.loop.wake()
  await settle()
  t.equal(driver.bridges.size, 1)
})
