// Wires between devices of two sim engines: frames cross after the set delay; cutting drops carrier
// on both ends (a link reset, a "changed" event) and frames; dropping one direction keeps carrier.
import t from 'tap'
import { SimEngine, VirtualClock, connectWire, parseDeviceList, type EngineEvent } from '../../../../reconciler/engines/index.js'

async function twoEngines() {
  const clock = new VirtualClock()
  const left = new SimEngine({ clock, devices: parseDeviceList({ devices: [{ name: 'ovA' }] }) })
  const right = new SimEngine({ clock, devices: [{ name: 'ovB' }] })
  const seen = { left: [] as EngineEvent[], right: [] as EngineEvent[] }
  left.subscribe((e) => seen.left.push(e))
  right.subscribe((e) => seen.right.push(e))
  await left.addBridge({ name: 'br0', datapathType: 'netdev' })
  await right.addBridge({ name: 'br1', datapathType: 'netdev' })
  await left.addInterface('br0', { name: 'ovA', type: '', options: {} })
  await right.addInterface('br1', { name: 'ovB', type: 'system', options: {} })
  const wire = connectWire({ engine: left, device: 'ovA' }, { engine: right, device: 'ovB' })
  return { clock, left, right, seen, wire }
}

const upcalls = (events: EngineEvent[]) => events.filter((e) => e.kind === 'upcall')
const link = async (engine: SimEngine) => (await engine.listBridges())[0]!.interfaces.find((i) => i.type === 'system')!

t.test('a frame sent on one end arrives at the other engine as an upcall after the delay', async (t) => {
  const { clock, left, seen, wire } = await twoEngines()
  wire.delay(5)
  await left.execute('br0', 1, new Uint8Array([9]))
  clock.advance(4)
  t.equal(upcalls(seen.right).length, 0, 'not yet')
  clock.advance(1)
  t.match(upcalls(seen.right), [{ upcall: { bridge: 'br1', interface: 'ovB', ofport: 1 } }])
})

t.test('cutting the wire takes carrier down on both ends and loses frames; restoring brings it back', async (t) => {
  const { clock, left, right, seen, wire } = await twoEngines()
  seen.left.length = seen.right.length = 0
  wire.cut()
  t.match(await link(left), { linkState: 'down', linkResets: 1 })
  t.match(await link(right), { linkState: 'down', linkResets: 1 })
  t.match(seen.left, [{ kind: 'changed', reason: 'wire cut' }])
  t.match(seen.right, [{ kind: 'changed', reason: 'wire cut' }])
  await left.execute('br0', 1, new Uint8Array([1]))
  clock.advance(10)
  t.equal(upcalls(seen.right).length, 0)
  t.match((await link(left)).statistics, { tx_dropped: 1, tx_packets: 0 })
  wire.restore()
  t.match(await link(right), { linkState: 'up', linkResets: 2 })
  await right.execute('br1', 1, new Uint8Array([2]))
  clock.advance(0)
  t.equal(upcalls(seen.left).length, 1)
})

t.test('dropping one direction loses only those frames and keeps carrier up', async (t) => {
  const { clock, left, right, seen, wire } = await twoEngines()
  wire.drop('a->b')
  await left.execute('br0', 1, new Uint8Array([1]))
  await right.execute('br1', 1, new Uint8Array([2]))
  clock.advance(0)
  t.equal(upcalls(seen.right).length, 0, 'a->b lost')
  t.equal(upcalls(seen.left).length, 1, 'b->a delivered')
  t.match(await link(left), { linkState: 'up', linkResets: 0 })
})

t.test('a device list must name every device', async (t) => {
  t.throws(() => parseDeviceList({ devices: [{ mtu: 1500 }] }), TypeError)
  t.throws(() => parseDeviceList([]), TypeError)
})
