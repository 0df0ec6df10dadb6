// BFD end to end on the sim engine: sessions send real frames with the engine's execute and hear the
// peer through upcalls, over a wire between two bridges and over a patch pair; cutting the wire brings
// both Down with "Control Detection Time Expired" after about interval × multiplier of virtual time.
import t from 'tap'
import { BfdRegistry, bfdStatusMap, parseBfdConfig, type BfdSession } from '../../../../reconciler/bfd/index.js'
import { SimEngine, VirtualClock, connectWire } from '../../../../reconciler/engines/index.js'

/** Glue the reconciler will own: one session on (bridge, interface) of an engine. */
async function attachBfd(engine: SimEngine, registry: BfdRegistry, bridge: string, name: string, map: Record<string, string>) {
  const state = (await engine.listBridges()).find((b) => b.name === bridge)!.interfaces.find((i) => i.name === name)!
  let rxPackets = 0
  const changes: { at: number; text: string }[] = []
  const session: BfdSession = registry.create(
    {
      name,
      clock: engine.clock,
      hwAddr: () => state.mac!,
      transmit: (frame) => void engine.execute(bridge, state.ofport, frame),
      rxPackets: () => rxPackets,
      log: (_level, text) => changes.push({ at: engine.clock.now(), text }),
    },
    parseBfdConfig({ enable: 'true', ...map }, name).config!,
  )
  engine.subscribe((event) => {
    if (event.kind !== 'upcall' || event.upcall.bridge !== bridge || event.upcall.interface !== name) return
    rxPackets++
    session.receive(event.upcall.frame)
  })
  return { session, changes }
}

async function wiredBridges() {
  const clock = new VirtualClock(1_000)
  const engine = new SimEngine({ clock, devices: [{ name: 'ovA' }, { name: 'ovB' }] })
  await engine.addBridge({ name: 'br0', datapathType: 'netdev' })
  await engine.addBridge({ name: 'br1', datapathType: 'netdev' })
  await engine.addInterface('br0', { name: 'ovA', type: '', options: {} })
  await engine.addInterface('br1', { name: 'ovB', type: '', options: {} })
  const wire = connectWire({ engine, device: 'ovA' }, { engine, device: 'ovB' })
  wire.delay(1)
  let seed = 12345
  const registry = new BfdRegistry(() => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0))
  const timers = { min_tx: '100', min_rx: '100' }
  const a = await attachBfd(engine, registry, 'br0', 'ovA', timers)
  const b = await attachBfd(engine, registry, 'br1', 'ovB', timers)
  return { clock, engine, wire, a, b }
}

const UP = { diagnostic: 'No Diagnostic', flap_count: '1', forwarding: 'true', remote_diagnostic: 'No Diagnostic', remote_state: 'up', state: 'up' }

t.test('two sessions over a wire between two bridges come Up and report bfd_status as ovs-vswitchd', async (t) => {
  const { clock, a, b } = await wiredBridges()
  clock.advance(3_000)
  t.strictSame(bfdStatusMap(a.session), UP)
  t.strictSame(bfdStatusMap(b.session), UP)
})

t.test('cutting the wire brings both Down with Control Detection Time Expired after ≈ 100 ms × 3', async (t) => {
  const { clock, wire, a, b } = await wiredBridges()
  clock.advance(3_000)
  const cutAt = clock.now()
  wire.cut()
  clock.advance(2_000)
  for (const end of [a, b]) {
    const down = end.changes.find((c) => c.at > cutAt && c.text.includes('up->down'))!
    t.match(down.text, /"Control Detection Time Expired"\.$/)
    const after = down.at - cutAt
    t.ok(after > 200 && after <= 301, `down ${after} ms after the cut`)
    t.match(bfdStatusMap(end.session), { state: 'down', forwarding: 'false', diagnostic: 'Control Detection Time Expired', flap_count: '2' })
  }
  wire.restore()
  clock.advance(3_000)
  t.match(bfdStatusMap(a.session), { state: 'up', flap_count: '3', diagnostic: 'Control Detection Time Expired' })
})

t.test('BFD over a patch pair comes Up', async (t) => {
  const clock = new VirtualClock()
  const engine = new SimEngine({ clock })
  await engine.addBridge({ name: 'br0', datapathType: 'netdev' })
  await engine.addBridge({ name: 'br1', datapathType: 'netdev' })
  await engine.addInterface('br0', { name: 'p01', type: 'patch', options: { peer: 'p10' } })
  await engine.addInterface('br1', { name: 'p10', type: 'patch', options: { peer: 'p01' } })
  let n = 0
  const registry = new BfdRegistry(() => (n += 0x5eed5eed) >>> 0)
  const a = await attachBfd(engine, registry, 'br0', 'p01', {})
  const b = await attachBfd(engine, registry, 'br1', 'p10', {})
  clock.advance(5_000)
  t.strictSame(bfdStatusMap(a.session), UP)
  t.strictSame(bfdStatusMap(b.session), UP)
})
