// The sim engine as the reconciler sees it: bridges with their local port, ofports, interface kinds
// and the errors ovs-vswitchd writes for them, MTU, ports (bonds, fake bridges), faults, patch packets.
import t from 'tap'
import { EngineError, OFPP_LOCAL, SimEngine, VirtualClock, type EngineEvent, type InterfaceState } from '../../../../reconciler/engines/index.js'

function engine(devices: { name: string }[] = [{ name: 'eth0' }, { name: 'eth1' }]) {
  const clock = new VirtualClock()
  const sim = new SimEngine({ clock, devices })
  const events: EngineEvent[] = []
  sim.subscribe((e) => events.push(e))
  return { clock, sim, events }
}

const iface = (name: string, type = '', options: Record<string, string> = {}, extra = {}) => ({ name, type, options, ...extra })

async function ifaceState(sim: SimEngine, bridge: string, name: string): Promise<InterfaceState | undefined> {
  return (await sim.listBridges()).find((b) => b.name === bridge)?.interfaces.find((i) => i.name === name)
}

t.test('a bridge comes with its local internal port on ofport 65534, admin and link down', async (t) => {
  const { sim } = engine()
  const br = await sim.addBridge({ name: 'br0', datapathType: '' })
  t.equal(br.datapathType, 'system')
  t.equal(br.datapathVersion, '<built-in>')
  t.match(br.interfaces, [{ name: 'br0', type: 'internal', ofport: OFPP_LOCAL, adminState: 'down', linkState: 'down', mtu: 1500, status: { driver_name: 'tun' } }])
  t.strictSame(await sim.datapathTypes(), ['netdev', 'system'])
  t.strictSame(await sim.interfaceTypes(), ['dummy', 'internal', 'patch', 'system', 'tap'])
  await sim.deleteInterface('br0', 'br0')
  t.equal((await ifaceState(sim, 'br0', 'br0'))?.ofport, OFPP_LOCAL, 'the local port stays with its bridge')
})

t.test('an unknown datapath type fails as ofproto_create does', async (t) => {
  const { sim } = engine()
  await t.rejects(sim.addBridge({ name: 'br9', datapathType: 'bogus' }), new EngineError('failed to create bridge br9: Address family not supported by protocol', false))
})

t.test('system interfaces exist only when declared; the missing one fails with ovs-vswitchd\'s text', async (t) => {
  const { sim, events } = engine()
  await sim.addBridge({ name: 'br0', datapathType: 'netdev' })
  const eth0 = await sim.addInterface('br0', iface('eth0'))
  t.match(eth0, { ofport: 1, type: 'system', adminState: 'up', linkState: 'up', mtu: 1500, status: { driver_name: 'veth', driver_version: '1.0', firmware_version: '' } })
  t.ok(eth0.ifindex > 0)
  const error = await sim.addInterface('br0', iface('nosuch0')).catch((e: unknown) => e)
  t.ok(error instanceof EngineError)
  t.equal((error as EngineError).message, 'could not open network device nosuch0 (No such device)')
  t.equal((error as EngineError).retryable, false)
  events.length = 0
  sim.declareDevice({ name: 'nosuch0' })
  t.match(events, [{ kind: 'changed', reason: 'device nosuch0 appeared' }])
  t.match(await sim.addInterface('br0', iface('nosuch0')), { ofport: 2 })
})

t.test('unknown types and peerless patches fail with the texts ovs-vswitchd writes', async (t) => {
  const { sim } = engine()
  await sim.addBridge({ name: 'br0', datapathType: '' })
  await t.rejects(sim.addInterface('br0', iface('bog0', 'bogus')), { message: 'could not open network device bog0 (Address family not supported by protocol)' })
  await t.rejects(sim.addInterface('br0', iface('pnopeer', 'patch')), { message: "pnopeer: patch type requires valid 'peer' argument" })
  await t.rejects(sim.addInterface('br0', iface('eth0')).then(() => sim.addInterface('br0', iface('eth0'))), {
    message: 'could not add network device eth0 to ofproto (File exists)',
  })
})

t.test('a patch port with a missing peer gets an ofport and the "No usable peer" error; pairing clears it', async (t) => {
  const { sim } = engine()
  await sim.addBridge({ name: 'br0', datapathType: 'netdev' })
  await sim.addBridge({ name: 'br1', datapathType: 'netdev' })
  const p01 = await sim.addInterface('br0', iface('p01', 'patch', { peer: 'p10' }))
  t.match(p01, { ofport: 1, adminState: 'up', linkState: 'up', mtu: undefined, ifindex: 0, status: {}, error: "No usable peer 'p10' exists in 'netdev' datapath." })
  t.strictSame(Object.keys(p01.statistics).sort(), ['rx_bytes', 'rx_packets', 'tx_bytes', 'tx_packets'])
  await sim.addInterface('br1', iface('p10', 'patch', { peer: 'p01' }))
  t.equal((await ifaceState(sim, 'br0', 'p01'))?.error, undefined)
})

t.test('patch ports carry executed frames to the peer bridge as upcalls', async (t) => {
  const { sim, clock, events } = engine()
  await sim.addBridge({ name: 'br0', datapathType: 'netdev' })
  await sim.addBridge({ name: 'br1', datapathType: 'netdev' })
  await sim.addInterface('br0', iface('p01', 'patch', { peer: 'p10' }))
  const p10 = await sim.addInterface('br1', iface('p10', 'patch', { peer: 'p01' }))
  await sim.execute('br0', 1, new Uint8Array([1, 2, 3]))
  clock.advance(0)
  const upcalls = events.filter((e) => e.kind === 'upcall')
  t.match(upcalls, [{ upcall: { bridge: 'br1', ofport: p10.ofport, interface: 'p10', frame: new Uint8Array([1, 2, 3]) } }])
  t.match((await ifaceState(sim, 'br0', 'p01'))?.statistics, { tx_packets: 1, tx_bytes: 3 })
  t.match((await ifaceState(sim, 'br1', 'p10'))?.statistics, { rx_packets: 1, rx_bytes: 3 })
  await t.rejects(sim.execute('br0', 99, new Uint8Array(1)), { message: 'bridge br0 has no port 99' })
})

t.test('ofport_request is honoured when free; otherwise numbers come from 1 upward', async (t) => {
  const { sim } = engine([{ name: 'a' }, { name: 'b' }, { name: 'c' }])
  await sim.addBridge({ name: 'br0', datapathType: '' })
  t.equal((await sim.addInterface('br0', iface('a', '', {}, { ofportRequest: 7 }))).ofport, 7)
  t.equal((await sim.addInterface('br0', iface('b', '', {}, { ofportRequest: 7 }))).ofport, 1)
  t.equal((await sim.addInterface('br0', iface('c'))).ofport, 2)
})

t.test('internal and tap ports are created admin down; setAdminState brings them up', async (t) => {
  const { sim } = engine()
  await sim.addBridge({ name: 'br0', datapathType: '' })
  t.match(await sim.addInterface('br0', iface('int0', 'internal')), { adminState: 'down', linkState: 'down', status: { driver_name: 'tun', driver_version: '1.6' } })
  t.match(await sim.addInterface('br0', iface('tap0', 'tap')), { adminState: 'down', linkState: 'down' })
  t.match(await sim.addInterface('br0', iface('d0', 'dummy')), { adminState: 'up', linkState: 'up', ifindex: 0, status: {} })
  sim.setAdminState('int0', true)
  t.match(await ifaceState(sim, 'br0', 'int0'), { adminState: 'up', linkState: 'up', linkResets: 1 })
})

t.test('mtu_request applies when the device accepts it; otherwise the MTU stays and a warning is logged', async (t) => {
  const { sim, events } = engine()
  await sim.addBridge({ name: 'br0', datapathType: '' })
  t.equal((await sim.addInterface('br0', iface('eth0', '', {}, { mtuRequest: 9000 }))).mtu, 9000)
  t.equal((await sim.reconfigureInterface('br0', iface('eth0', '', {}, { mtuRequest: 68 }))).mtu, 68)
  t.equal((await sim.reconfigureInterface('br0', iface('eth0', '', {}, { mtuRequest: 100000 }))).mtu, 68)
  t.ok(events.some((e) => e.kind === 'log' && e.level === 'warn' && e.text === 'failed to set MTU for network device eth0: Invalid argument'))
  t.equal((await sim.reconfigureInterface('br0', iface('eth0'))).mtu, 68, 'removing mtu_request keeps the last MTU')
})

t.test('Interface:mac applies to internal ports only', async (t) => {
  const { sim } = engine()
  await sim.addBridge({ name: 'br0', datapathType: '' })
  t.equal((await sim.addInterface('br0', iface('int0', 'internal', {}, { mac: '02:00:00:00:00:99' }))).mac, '02:00:00:00:00:99')
  t.not((await sim.addInterface('br0', iface('eth0', '', {}, { mac: '02:00:00:00:00:98' }))).mac, '02:00:00:00:00:98')
})

t.test('ports group interfaces: bonds with several, fake bridges with a VLAN tag', async (t) => {
  const { sim } = engine()
  await sim.addBridge({ name: 'br0', datapathType: '' })
  await sim.setPort('br0', { name: 'bond0', interfaces: ['eth0', 'eth1'], bondMode: 'active-backup' })
  await sim.setPort('br0', { name: 'vlan10', interfaces: ['vlan10'], tag: 10, fakeBridge: true })
  const br = (await sim.listBridges())[0]!
  t.strictSame(br.ports, [
    { name: 'bond0', interfaces: ['eth0', 'eth1'], bondMode: 'active-backup' },
    { name: 'vlan10', interfaces: ['vlan10'], tag: 10, fakeBridge: true },
  ])
  await sim.deletePort('br0', 'bond0')
  t.strictSame((await sim.listBridges())[0]!.ports.map((p) => p.name), ['vlan10'])
})

t.test('an injected fault fails the interface until it is cleared', async (t) => {
  const { sim } = engine()
  await sim.addBridge({ name: 'br0', datapathType: '' })
  const fault = new EngineError('could not add network device eth0 to ofproto (Device or resource busy)', true)
  sim.setFault('eth0', fault)
  await t.rejects(sim.addInterface('br0', iface('eth0')), fault)
  sim.setFault('eth0', undefined)
  t.equal((await sim.addInterface('br0', iface('eth0'))).ofport, 1)
})

t.test('deleting a bridge frees everything on it; deleting unknown things is a no-op', async (t) => {
  const { sim } = engine()
  await sim.addBridge({ name: 'br0', datapathType: '' })
  await sim.addInterface('br0', iface('eth0'))
  await sim.deleteBridge('br0')
  await sim.deleteBridge('br0')
  await sim.deleteInterface('nobr', 'x')
  t.strictSame(await sim.listBridges(), [])
  await sim.addBridge({ name: 'br1', datapathType: '' })
  t.equal((await sim.addInterface('br1', iface('eth0'))).ofport, 1, 'eth0 can be added again')
  await t.rejects(sim.addInterface('nobr', iface('eth1')), { message: 'no bridge named nobr' })
})
