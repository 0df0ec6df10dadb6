// Reconcile passes on the sim engine over an in-memory database: cur_cfg follows next_cfg, ofports
// are written (65534 for the local port, ofport_request honoured), failures show on the row with
// ofport -1 and clear when fixed, retries back off on the virtual clock, and a settled pass plans nothing.
import t from 'tap'
import { desiredState } from '../../reconciler/desired.js'
import { EngineDriver } from '../../reconciler/engine-adapter.js'
import { EngineError, SimEngine, VirtualClock, type Engine } from '../../reconciler/engines/index.js'
import { SILENT_LOG } from '../../reconciler/log.js'
import { planReconfigure } from '../../reconciler/plan.js'
import { Reconciler } from '../../reconciler/reconciler.js'
import { MemoryDb } from './harness.js'

/** Counts the engine's mutating calls by method name (adds, deletes, reconfigures, ports). */
function counting(engine: SimEngine): { engine: Engine; calls: string[] } {
  const calls: string[] = []
  const mutating = new Set(['addBridge', 'deleteBridge', 'addInterface', 'reconfigureInterface', 'deleteInterface', 'setPort', 'deletePort'])
  const proxy = new Proxy(engine, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        if (mutating.has(String(key))) calls.push(`${String(key)} ${JSON.stringify(args[1] ?? args[0])}`)
        return (value as (...a: unknown[]) => unknown).apply(target, args)
      }
    },
  })
  return { engine: proxy, calls }
}

function setup(devices: string[] = []) {
  const db = new MemoryDb()
  const clock = new VirtualClock()
  const sim = new SimEngine({ clock, devices: devices.map((name) => ({ name })) })
  const { engine, calls } = counting(sim)
  const driver = new EngineDriver(engine, SILENT_LOG)
  const reconciler = new Reconciler(db, driver, { clock, log: SILENT_LOG, random: () => 12345 })
  const settle = () => reconciler.loop.idle()
  return { db, sim, driver, calls, clock, reconciler, settle }
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
  const mac = iface(db, 'br0', 'mac_in_use') as string
  t.equal(db.column('Bridge', db.uuid('Bridge', 'br0'), 'datapath_id'), `0000${mac.replace(/:/g, '')}`, 'datapath_id is 0000 + the local MAC')
  t.equal(db.column('Bridge', db.uuid('Bridge', 'br0'), 'datapath_version'), '<built-in>')
  t.same(db.column('Open_vSwitch', db.ovsUuid, 'datapath_types'), ['netdev', 'system'])
  t.equal(db.column('Open_vSwitch', db.ovsUuid, 'dpdk_version'), 'none')
  t.equal(iface(db, 'eth0', 'link_state'), 'up')
  t.equal(iface(db, 'eth0', 'mtu'), 1500)
  t.same(iface(db, 'eth0', 'status'), { driver_name: 'veth', driver_version: '1.0', firmware_version: '' })
  t.equal(iface(db, 'eth0', 'link_speed'), 10_000_000_000)
})

t.test('a settled pass plans nothing, calls the engine for nothing and writes nothing', async (t) => {
  const { db, driver, calls, reconciler, settle } = setup(['eth0'])
  db.addBridge('br0')
  db.addPort('br0', 'eth0', [{ name: 'eth0' }])
  db.addPort('br0', 'bond0', [{ name: 'b0', type: 'internal' }, { name: 'b1', type: 'internal' }])
  db.addPort('br0', 'fake0', [{ name: 'fake0', type: 'internal' }], { tag: 10, fake_bridge: true })
  await settle()
  t.same(planReconfigure(desiredState(db.replica), await driver.observe()), [])
  const [sent, called] = [db.transactions.length, calls.length]
  await reconciler.pass()
  t.equal(db.transactions.length, sent, 'no transaction')
  t.equal(calls.length, called, 'no engine call')
})

t.test('only changed columns are written, and cur_cfg comes last', async (t) => {
  const { db, settle } = setup(['eth0', 'eth1'])
  db.addBridge('br0')
  db.addPort('br0', 'eth0', [{ name: 'eth0' }])
  await settle()
  db.addPort('br0', 'eth1', [{ name: 'eth1' }])
  await settle()
  const last = db.transactions.at(-1)!
  t.same(last.map((op) => op.table), ['Interface', 'Open_vSwitch'], 'only the new interface and Open_vSwitch')
  t.same(Object.keys(last[1].row as object), ['cur_cfg'])
})

t.test('a missing system device gives ofport -1 and ovs-vswitchd\'s error, and clears once the device appears', async (t) => {
  const { db, sim, settle } = setup()
  db.addBridge('br0')
  db.addPort('br0', 'nosuch0', [{ name: 'nosuch0' }])
  await settle()
  t.equal(iface(db, 'nosuch0', 'ofport'), -1)
  t.equal(iface(db, 'nosuch0', 'error'), 'could not open network device nosuch0 (No such device)')
  t.same(iface(db, 'nosuch0', 'link_state'), [], 'netdev columns cleared')
  t.equal(db.column('Open_vSwitch', db.ovsUuid, 'cur_cfg'), 2, 'cur_cfg is written even though the port failed')
  sim.declareDevice({ name: 'nosuch0' })
  await settle()
  t.equal(iface(db, 'nosuch0', 'ofport'), 1)
  t.same(iface(db, 'nosuch0', 'error'), [])
  t.equal(iface(db, 'nosuch0', 'admin_state'), 'up')
})

t.test('a patch port without a peer fails with the netdev text; a dangling peer keeps its ofport and an error', async (t) => {
  const { db, settle } = setup()
  db.addBridge('br0')
  db.addPort('br0', 'pn', [{ name: 'pn', type: 'patch' }])
  db.addPort('br0', 'pd', [{ name: 'pd', type: 'patch', options: { peer: 'nothere' } }])
  await settle()
  t.equal(iface(db, 'pn', 'ofport'), -1)
  t.equal(iface(db, 'pn', 'error'), "pn: patch type requires valid 'peer' argument")
  t.equal(iface(db, 'pd', 'ofport'), 1)
  t.equal(iface(db, 'pd', 'error'), "No usable peer 'nothere' exists in 'netdev' datapath.")
})

t.test('an engine fault shows on the row, does not stop the others, and clears when fixed', async (t) => {
  const { db, sim, clock, settle } = setup(['a0', 'b0'])
  sim.setFault('a0', new EngineError('could not add network device a0 to ofproto (Resource temporarily unavailable)', true))
  db.addBridge('br0')
  db.addPort('br0', 'a0', [{ name: 'a0' }])
  db.addPort('br0', 'b0', [{ name: 'b0' }])
  await settle()
  t.equal(iface(db, 'a0', 'ofport'), -1)
  t.equal(iface(db, 'a0', 'error'), 'could not add network device a0 to ofproto (Resource temporarily unavailable)')
  t.equal(iface(db, 'b0', 'ofport'), 1, 'b0 is still created')
  sim.setFault('a0', undefined)
  clock.advance(1000)
  await settle()
  t.equal(iface(db, 'a0', 'ofport'), 2)
  t.same(iface(db, 'a0', 'error'), [])
})

t.test('failed creations are retried with capped exponential backoff on the virtual clock', async (t) => {
  const { db, sim, calls, clock, reconciler, settle } = setup()
  sim.setFault('x0', new EngineError('could not add network device x0 to ofproto (Resource temporarily unavailable)', true))
  db.addBridge('br0')
  db.addPort('br0', 'x0', [{ name: 'x0', type: 'internal' }])
  await settle()
  const attempts = () => calls.filter((call) => call.startsWith('addInterface') && call.includes('"x0"')).length
  const seen: number[] = []
  for (let ms = 0; ms < 200_000; ms += 500) {
    clock.advance(500)
    await settle()
    seen.push(attempts())
  }
  const times = seen.map((count, i) => [count, (i + 1) * 500]).filter(([count], i) => i === 0 || count !== seen[i - 1]).map(([, at]) => at)
  t.same(times.slice(0, 8), [500, 1000, 3000, 7000, 15000, 31000, 63000, 123000], 'delays 1, 2, 4, 8, 16, 32, 60, 60 s')
  t.ok(reconciler.retries.attempts('iface/x0') > 5)
  sim.setFault('x0', undefined)
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

t.test('ofport_request is honoured, and a request for a taken number moves the holder', async (t) => {
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
  db.addPort('br0', 'i2', [{ name: 'i2', type: 'internal', ofport_request: 20 }])
  await settle()
  t.equal(iface(db, 'i1', 'ofport'), 20, 'a second request for 20 does not take it from a holder that requested it')
  t.not(iface(db, 'i2', 'ofport'), 20)
  db.addPort('br0', 'i3', [{ name: 'i3', type: 'internal' }])
  await settle()
  const held = iface(db, 'i3', 'ofport') as number
  db.addPort('br0', 'i4', [{ name: 'i4', type: 'internal', ofport_request: held }])
  await settle()
  t.equal(iface(db, 'i4', 'ofport'), held, 'a request steals a number held without a request')
  t.not(iface(db, 'i3', 'ofport'), held, 'the holder is renumbered')
  t.not(iface(db, 'i3', 'ofport'), -1)
})

t.test('MTU requests are applied; a refused MTU leaves the MTU as it was and sets no error', async (t) => {
  const { db, settle } = setup()
  db.addBridge('br0')
  db.addPort('br0', 'i0', [{ name: 'i0', type: 'internal', mtu_request: 9000 }])
  await settle()
  t.equal(iface(db, 'i0', 'mtu'), 9000)
  db.setInterface('i0', { mtu_request: 100000 })
  await settle()
  t.equal(iface(db, 'i0', 'mtu'), 9000)
  t.same(iface(db, 'i0', 'error'), [])
})

t.test('deleting ports and bridges removes them from the engine', async (t) => {
  const { db, sim, settle } = setup(['eth0'])
  db.addBridge('br0')
  db.addPort('br0', 'eth0', [{ name: 'eth0' }])
  await settle()
  db.delPort('br0', 'eth0')
  await settle()
  t.same((await sim.listBridges())[0].interfaces.map((i) => i.name), ['br0'])
  db.delBridge('br0')
  await settle()
  t.equal((await sim.listBridges()).length, 0)
  t.equal(db.column('Open_vSwitch', db.ovsUuid, 'cur_cfg'), 4)
})

t.test('nothing is done without the lock', async (t) => {
  const { db, sim, reconciler, settle } = setup()
  db.hasLock = false
  db.addBridge('br0')
  await settle()
  t.equal((await sim.listBridges()).length, 0)
  t.equal(db.transactions.length, 0)
  db.hasLock = true
  reconciler.loop.wake()
  await settle()
  t.equal((await sim.listBridges()).length, 1)
})

t.test('statistics are written on the first pass and then only every 5 s', async (t) => {
  const { db, clock, settle } = setup(['eth0'])
  db.addBridge('br0')
  db.addPort('br0', 'eth0', [{ name: 'eth0' }])
  await settle()
  t.equal((iface(db, 'eth0', 'statistics') as Record<string, number>).rx_packets, 0)
  const writes = () => db.transactions.flat().filter((op) => op.table === 'Interface' && 'statistics' in (op.row as object)).length
  const before = writes()
  db.bump()
  await settle()
  t.equal(writes(), before, 'a pass before 5 s writes no statistics')
  clock.advance(5000)
  await settle()
  t.equal(db.column('Open_vSwitch', db.ovsUuid, 'cur_cfg'), 3)
})

t.test('a bond reports its active member as bond_active_slave: the lowest ofport with link up', async (t) => {
  const { db, settle } = setup()
  db.addBridge('br0')
  db.addPort('br0', 'bond0', [{ name: 'm1', type: 'dummy' }, { name: 'm2', type: 'dummy' }])
  db.addPort('br0', 'single', [{ name: 's0', type: 'dummy' }])
  await settle()
  const [m1, m2] = [iface(db, 'm1', 'ofport') as number, iface(db, 'm2', 'ofport') as number]
  const active = m1 < m2 ? 'm1' : 'm2'
  t.equal(db.column('Port', db.uuid('Port', 'bond0'), 'bond_active_slave'), iface(db, active, 'mac_in_use'))
  t.same(db.column('Port', db.uuid('Port', 'single'), 'bond_active_slave'), [], 'not written for a single-interface port')
})

t.test('a bridge on an unknown datapath type is not created; its interfaces\' rows are left alone, as ovs-vswitchd does', async (t) => {
  const { db, settle } = setup()
  db.addBridge('br9', 'bogus')
  db.addPort('br9', 'd9', [{ name: 'd9', type: 'dummy' }])
  await settle()
  t.same(iface(db, 'd9', 'ofport'), [])
  t.same(iface(db, 'd9', 'error'), [])
  t.equal(db.column('Bridge', db.uuid('Bridge', 'br9'), 'datapath_version'), '')
  t.same(db.column('Bridge', db.uuid('Bridge', 'br9'), 'datapath_id'), [])
  t.equal(db.column('Open_vSwitch', db.ovsUuid, 'cur_cfg'), 2, 'cur_cfg still follows next_cfg')
})
