// Property, on the sim engine: whatever order configuration changes arrive in (one pass after each), the engine ends in
// the same state — same interfaces, types, options, requested port numbers and errors — and the
// pass after that plans nothing (but the retries of interfaces that failed) and writes nothing.
import t from 'tap'
import fc from 'fast-check'
import { desiredState } from '../../reconciler/desired.js'
import { VirtualClock } from '../../reconciler/engines/clock.js'
import { SILENT_LOG } from '../../reconciler/log.js'
import { EngineDriver } from '../../reconciler/engine-adapter.js'
import { SimEngine } from '../../reconciler/engines/index.js'
import { planReconfigure } from '../../reconciler/plan.js'
import { Reconciler } from '../../reconciler/reconciler.js'
import { MemoryDb, type IfaceSpec } from './harness.js'

const DEVICES = ['eth0', 'eth1', 'eth2']

interface PortSpec {
  readonly bridge: 'br0' | 'br1'
  readonly iface: IfaceSpec
}

const portArb = (name: string): fc.Arbitrary<PortSpec> =>
  fc.record({
    bridge: fc.constantFrom('br0' as const, 'br1' as const),
    type: fc.constantFrom('internal', 'system', 'patch', 'bogus'),
    device: fc.constantFrom(...DEVICES, 'missing0'),
    request: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
  }).map(({ bridge, type, device, request }) => {
    const iface: IfaceSpec = {
      name: type === 'system' ? `${device}-${name}` : name,
      type,
      ...(type === 'patch' ? { options: { peer: `peer-${name}` } } : {}),
      ...(request !== undefined ? { ofport_request: request } : {}),
    }
    return { bridge, iface }
  })

async function build(ports: readonly PortSpec[], order: readonly number[], noise: boolean) {
  const db = new MemoryDb()
  const devices = ports.filter((port) => port.iface.type === 'system' && !port.iface.name.startsWith('missing')).map((port) => port.iface.name)
  const clock = new VirtualClock()
  const driver = new EngineDriver(new SimEngine({ clock, devices: devices.map((name) => ({ name })) }), SILENT_LOG)
  const reconciler = new Reconciler(db, driver, { clock, log: SILENT_LOG, random: () => 7 })
  const settle = () => reconciler.loop.idle()
  db.addBridge('br0')
  db.addBridge('br1')
  await settle()
  for (const index of order) {
    const { bridge, iface } = ports[index]
    if (noise) {
      db.addPort(bridge, `tmp${index}`, [{ name: `tmp${index}`, type: 'internal', ofport_request: iface.ofport_request }])
      await settle()
      db.delPort(bridge, `tmp${index}`)
      await settle()
    }
    db.addPort(bridge, iface.name, [iface])
    await settle()
  }
  return { db, driver, reconciler, settle }
}

async function engineState(db: MemoryDb, driver: EngineDriver) {
  const observed = await driver.observe()
  const out: unknown[] = []
  for (const [bridge, state] of [...observed].sort(([a], [b]) => a.localeCompare(b))) {
    for (const iface of [...state.interfaces.values()].sort((a, b) => a.name.localeCompare(b.name))) {
      const requested = db.column('Interface', db.uuid('Interface', iface.name), 'ofport_request')
      out.push([bridge, iface.name, iface.port, iface.type, iface.options, typeof requested === 'number' ? iface.ofport : 'auto'])
    }
  }
  return out
}

function rowErrors(db: MemoryDb, ports: readonly PortSpec[]) {
  return ports.map((port) => [port.iface.name, db.column('Interface', db.uuid('Interface', port.iface.name), 'error')])
}

t.test('any order of add-port (with noise) converges to the same engine state and status', async (t) => {
  const names = ['a', 'b', 'c', 'd', 'e']
  await fc.assert(
    fc.asyncProperty(
      fc.tuple(...names.map(portArb)).chain((ports) => fc.tuple(fc.constant(ports), fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5 }))),
      async ([ports, shuffled]) => {
        const uniqueRequests = new Set<number>()
        const clean = ports.map((port) => {
          const request = port.iface.ofport_request
          if (request === undefined || uniqueRequests.has(request)) return { ...port, iface: { ...port.iface, ofport_request: undefined } }
          uniqueRequests.add(request)
          return port
        })
        const a = await build(clean, [0, 1, 2, 3, 4], false)
        const b = await build(clean, shuffled, true)
        t.same(await engineState(b.db, b.driver), await engineState(a.db, a.driver))
        t.same(rowErrors(b.db, clean), rowErrors(a.db, clean))
        for (const { db, driver, reconciler } of [a, b]) {
          const failing = new Set(clean.map((port) => port.iface.name).filter((name) => db.column('Interface', db.uuid('Interface', name), 'ofport') === -1))
          const plan = planReconfigure(desiredState(db.replica), await driver.observe(), failing)
          t.same(plan.filter((step) => step.kind !== 'create-interface' || !failing.has(step.iface.name)), [], 'nothing left to plan but failed interfaces')
          const sent = db.transactions.length
          await reconciler.pass()
          t.equal(db.transactions.length, sent, 'a settled pass writes nothing')
          t.equal(db.column('Open_vSwitch', db.ovsUuid, 'cur_cfg'), db.column('Open_vSwitch', db.ovsUuid, 'next_cfg'))
        }
        for (const port of clean) {
          const ofport = a.db.column('Interface', a.db.uuid('Interface', port.iface.name), 'ofport')
          if (port.iface.ofport_request !== undefined && ofport !== -1) t.equal(ofport, port.iface.ofport_request, 'requests are honoured')
        }
      },
    ),
    { numRuns: 25 },
  )
})
