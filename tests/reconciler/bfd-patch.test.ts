// BFD through the reconciler on the sim engine: Interface:bfd on both ends of a patch pair configures
// sessions whose packets leave by a datapath execute and come back as upcalls, bfd_status reaches the rows as ovs-vswitchd
// writes it, disabling BFD writes `{}`, and a bad value never becomes an error.
import t from 'tap'
import { VirtualClock } from '../../reconciler/engines/clock.js'
import { SILENT_LOG } from '../../reconciler/log.js'
import { EngineDriver } from '../../reconciler/engine-adapter.js'
import { SimEngine, connectWire } from '../../reconciler/engines/index.js'
import { Reconciler } from '../../reconciler/reconciler.js'
import { MemoryDb } from './harness.js'

function seeded(seed: number): () => number {
  let x = seed
  return () => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return x >>> 0
  }
}

async function patchPair(bfd: Record<string, string>, bfd1 = bfd) {
  const db = new MemoryDb()
  const clock = new VirtualClock(1000)
  const driver = new EngineDriver(new SimEngine({ clock }), SILENT_LOG)
  const reconciler = new Reconciler(db, driver, { clock, log: SILENT_LOG, random: seeded(99) })
  db.addBridge('br0')
  db.addBridge('br1')
  db.addPort('br0', 'p0', [{ name: 'p0', type: 'patch', options: { peer: 'p1' }, bfd }])
  db.addPort('br1', 'p1', [{ name: 'p1', type: 'patch', options: { peer: 'p0' }, bfd: bfd1 }])
  await reconciler.loop.idle()
  const advance = async (ms: number) => {
    for (let step = 0; step < ms; step += 100) {
      clock.advance(100)
      await reconciler.loop.idle()
    }
  }
  const status = (name: string) => db.column('Interface', db.uuid('Interface', name), 'bfd_status') as Record<string, string>
  return { db, driver, reconciler, advance, status }
}

t.test('BFD on both ends of a patch pair comes up and reports bfd_status like ovs-vswitchd', async (t) => {
  const { advance, status, db } = await patchPair({ enable: 'true' })
  t.same(status('p0'), { diagnostic: 'No Diagnostic', flap_count: '0', forwarding: 'false', remote_diagnostic: 'No Diagnostic', remote_state: 'down', state: 'down' }, 'fresh session')
  await advance(5000)
  t.same(status('p0'), { diagnostic: 'No Diagnostic', flap_count: '1', forwarding: 'true', remote_diagnostic: 'No Diagnostic', remote_state: 'up', state: 'up' })
  t.same(status('p1'), status('p0'))
  t.same(db.column('Interface', db.uuid('Interface', 'p0'), 'error'), [], 'no error')
})

t.test('disabling BFD on one end clears its bfd_status and the other end sees detection expire', async (t) => {
  const { advance, status, db } = await patchPair({ enable: 'true' })
  await advance(5000)
  db.setInterface('p1', { bfd: { enable: 'false' } })
  await advance(5000)
  t.same(status('p1'), {}, '{} when disabled')
  t.equal(status('p0').state, 'down')
  t.equal(status('p0').diagnostic, 'Control Detection Time Expired')
  t.equal(status('p0').flap_count, '2')
  t.equal(status('p0').forwarding, 'false')
})

t.test('cpath_down on one end makes the other report forwarding false with the remote diagnostic', async (t) => {
  const { advance, status } = await patchPair({ enable: 'true' }, { enable: 'true', cpath_down: 'true' })
  await advance(5000)
  t.equal(status('p0').state, 'up')
  t.equal(status('p0').forwarding, 'false')
  t.equal(status('p0').remote_diagnostic, 'Concatenated Path Down')
  t.equal(status('p1').diagnostic, 'Concatenated Path Down')
})

t.test('bad bfd values fall back to defaults and never reach Interface:error', async (t) => {
  const { advance, status, db } = await patchPair({ enable: 'true', mult: 'abc', min_tx: '-5', bfd_src_ip: 'not-an-ip' })
  await advance(5000)
  t.equal(status('p0').state, 'up')
  t.same(db.column('Interface', db.uuid('Interface', 'p0'), 'error'), [])
})

t.test('enable=yes is not true: no session and bfd_status {}', async (t) => {
  const { status } = await patchPair({ enable: 'yes' })
  t.same(status('p0'), {})
})

t.test('BFD over a wire between two system interfaces comes up, and cutting the wire brings it down with detection expiry', async (t) => {
  const db = new MemoryDb()
  const clock = new VirtualClock(1000)
  const sim = new SimEngine({ clock, devices: [{ name: 'eth0' }, { name: 'eth1' }] })
  const wire = connectWire({ engine: sim, device: 'eth0' }, { engine: sim, device: 'eth1' })
  const reconciler = new Reconciler(db, new EngineDriver(sim, SILENT_LOG), { clock, log: SILENT_LOG, random: seeded(5) })
  db.addBridge('br0')
  db.addBridge('br1')
  db.addPort('br0', 'eth0', [{ name: 'eth0', bfd: { enable: 'true', min_tx: '100', min_rx: '100' } }])
  db.addPort('br1', 'eth1', [{ name: 'eth1', bfd: { enable: 'true', min_tx: '100', min_rx: '100' } }])
  await reconciler.loop.idle()
  const status = (name: string) => db.column('Interface', db.uuid('Interface', name), 'bfd_status') as Record<string, string>
  for (let ms = 0; ms < 5000; ms += 100) {
    clock.advance(100)
    await reconciler.loop.idle()
  }
  t.equal(status('eth0').state, 'up')
  t.equal(status('eth1').forwarding, 'true')
  wire.cut()
  const cutAt = clock.now()
  let downAt: number | undefined
  for (let ms = 0; ms < 3000 && downAt === undefined; ms += 10) {
    clock.advance(10)
    await reconciler.loop.idle()
    if (status('eth0').state === 'down') downAt = clock.now()
  }
  t.equal(status('eth0').diagnostic, 'Control Detection Time Expired')
  t.equal(status('eth0').forwarding, 'false')
  t.ok(downAt !== undefined && downAt - cutAt <= 300 + 30, `down ${downAt! - cutAt} ms after the cut (detection time 3 x 100 ms)`)
  t.equal(db.column('Interface', db.uuid('Interface', 'eth0'), 'link_state'), 'down', 'the cut wire also drops the carrier')
})
