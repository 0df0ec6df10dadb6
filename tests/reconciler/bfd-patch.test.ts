// BFD through the reconciler on the sim engine: Interface:bfd on both ends of a patch pair configures
// sessions whose packets leave by a datapath execute and come back as upcalls, bfd_status reaches the rows as ovs-vswitchd
// writes it, disabling BFD writes `{}`, and a bad value never becomes an error.
import t from 'tap'
import { VirtualClock } from '../../reconciler/engines/clock.js'
import { SILENT_LOG } from '../../reconciler/log.js'
import { EngineDriver } from '../../reconciler/engine-adapter.js'
import { SimEngine } from '../../reconciler/engines/index.js'
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
