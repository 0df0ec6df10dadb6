// RFC 5880 scenarios on a virtual clock between two sessions: the three-way handshake, detection
// expiry, Poll/Final, AdminDown, sticky diagnostics, and flap counting as ovs-vswitchd counts it.
import t from 'tap'
import { bfdStatusMap } from '../../../reconciler/bfd/index.js'
import { Pair, config } from './harness.js'

const FAST = { min_tx: '100', min_rx: '100' }

/** Brings a fresh pair Up; returns it. */
function upPair(a: Record<string, string> = FAST, b: Record<string, string> = a): Pair {
  const pair = new Pair(a, b)
  pair.advance(3_000)
  if (pair.a.session.status().state !== 'up' || pair.b.session.status().state !== 'up') throw new Error('pair did not come up')
  return pair
}

const path = (changes: { to: string }[]) => changes.map((c) => c.to).join(',')

t.test('three-way handshake: the first end goes down→init→up, the later one down→up, both forwarding', async (t) => {
  const pair = new Pair(FAST, FAST, 500)
  pair.advance(3_000)
  t.equal(path(pair.a.changes), 'down,init,up')
  t.equal(path(pair.b.changes), 'down,up')
  for (const end of [pair.a, pair.b]) {
    t.strictSame(bfdStatusMap(end.session), {
      diagnostic: 'No Diagnostic',
      flap_count: '1',
      forwarding: 'true',
      remote_diagnostic: 'No Diagnostic',
      remote_state: 'up',
      state: 'up',
    }, end.name)
  }
})

t.test('two ends started together both pass through init', async (t) => {
  const pair = new Pair(FAST)
  pair.advance(3_000)
  t.equal(path(pair.a.changes), 'down,init,up')
  t.equal(path(pair.b.changes), 'down,init,up')
})

t.test('while not Up a session advertises DesiredMinTx 1 s and sends about once a second', async (t) => {
  const pair = new Pair(FAST)
  pair.cut()
  pair.advance(10_000)
  const sent = pair.a.sent
  t.ok(sent.every((s) => s.packet.state === 'down' && s.packet.desiredMinTxUs === 1_000_000 && s.packet.requiredMinRxUs === 100_000))
  const gaps = sent.slice(1).map((s, i) => s.at - sent[i]!.at)
  t.ok(gaps.length >= 9 && gaps.every((g) => g >= 750 && g <= 1000), `gaps ${gaps.join(',')}`)
  t.strictSame(bfdStatusMap(pair.a.session), {
    diagnostic: 'No Diagnostic',
    flap_count: '0',
    forwarding: 'false',
    remote_diagnostic: 'No Diagnostic',
    remote_state: 'down',
    state: 'down',
  })
})

t.test('on reaching Up the configured min_tx is advertised at once, without a Poll', async (t) => {
  const pair = upPair()
  for (const end of [pair.a, pair.b]) {
    const firstUp = end.sent.find((s) => s.packet.state === 'up')!.packet
    t.match(firstUp, { desiredMinTxUs: 100_000, requiredMinRxUs: 100_000, poll: false, final: false }, end.name)
  }
})

t.test('cutting the link brings both ends Down with Control Detection Time Expired after about interval × mult', async (t) => {
  const pair = upPair()
  const cutAt = pair.clock.now()
  pair.cut()
  pair.advance(2_000)
  for (const end of [pair.a, pair.b]) {
    const down = end.changes.find((c) => c.at > cutAt)!
    t.match(down, { from: 'up', to: 'down', diag: 'Control Detection Time Expired' }, end.name)
    const after = down.at - cutAt
    t.ok(after > 200 && after <= 301, `${end.name} down ${after} ms after the cut`)
    t.match(bfdStatusMap(end.session), { state: 'down', forwarding: 'false', flap_count: '2', diagnostic: 'Control Detection Time Expired' })
  }
})

t.test('after recovery the diagnostic stays Control Detection Time Expired while Up', async (t) => {
  const pair = upPair()
  pair.cut()
  pair.advance(1_000)
  pair.restore()
  pair.advance(3_000)
  for (const end of [pair.a, pair.b]) {
    t.match(bfdStatusMap(end.session), { state: 'up', diagnostic: 'Control Detection Time Expired', remote_diagnostic: 'Control Detection Time Expired', flap_count: '3' })
  }
})

t.test('flap_count counts every change of forwarding: each outage adds two', async (t) => {
  const pair = upPair()
  for (let i = 0; i < 3; i++) {
    pair.cut()
    pair.advance(1_000)
    pair.restore()
    pair.advance(3_000)
  }
  t.equal(bfdStatusMap(pair.a.session).flap_count, '7')
  t.equal(bfdStatusMap(pair.b.session).flap_count, '7')
})

t.test('a min_tx change while Up runs one Poll/Final sequence, then the new interval applies', async (t) => {
  const pair = upPair()
  const start = pair.clock.now()
  pair.a.session.configure(config({ ...FAST, min_tx: '300' }))
  pair.advance(3_000)
  const aSent = pair.sentSince(pair.a, start)
  const bSent = pair.sentSince(pair.b, start)
  t.equal(aSent.filter((p) => p.poll).length, 1, 'one Poll from A')
  t.match(aSent[0], { poll: true, desiredMinTxUs: 300_000 }, 'the Poll goes out at once')
  t.equal(bSent.filter((p) => p.final).length, 1, 'one Final from B')
  const pollAt = pair.a.sent.find((s) => s.at >= start && s.packet.poll)!.at
  const finalAt = pair.b.sent.find((s) => s.at >= start && s.packet.final)!.at
  t.equal(finalAt - pollAt, pair.delay, 'B answers the Poll immediately')
  const later = pair.a.sent.filter((s) => s.at > finalAt + 1)
  t.ok(later.every((s) => !s.packet.poll && s.packet.desiredMinTxUs === 300_000))
  const gaps = later.slice(1).map((s, i) => s.at - later[i]!.at)
  t.ok(gaps.every((g) => g >= 225 && g <= 300), `A now sends every 225-300 ms: ${gaps.join(',')}`)
  t.ok(pair.a.logs.includes('a: Initiating poll sequence') && pair.a.logs.includes('a: Poll sequence terminated.'))
  t.equal(bfdStatusMap(pair.b.session).flap_count, '1', 'no flap')
})

t.test('AdminDown: the peer goes Down with Neighbor Signaled Session Down and stays there until re-enabled', async (t) => {
  const pair = upPair()
  pair.a.session.setAdminDown(true)
  pair.advance(200)
  t.match(bfdStatusMap(pair.a.session), { state: 'admin_down', diagnostic: 'Administratively Down', forwarding: 'false' })
  t.match(bfdStatusMap(pair.b.session), { state: 'down', diagnostic: 'Neighbor Signaled Session Down' })
  pair.advance(5_000)
  t.match(bfdStatusMap(pair.a.session), { state: 'admin_down' }, 'AdminDown ignores the peer')
  t.match(bfdStatusMap(pair.b.session), { state: 'down', remote_state: 'admin_down' })
  t.ok(pair.sentSince(pair.a, pair.clock.now() - 4_000).every((p) => p.state === 'admin_down' && p.diag === 7))
  pair.a.session.setAdminDown(false)
  pair.advance(3_000)
  t.match(bfdStatusMap(pair.a.session), { state: 'up', diagnostic: 'Administratively Down' })
  t.match(bfdStatusMap(pair.b.session), { state: 'up', diagnostic: 'Neighbor Signaled Session Down' })
})

t.test('one-way loss: the deaf end times out, the other hears its Down (your_disc 0) and goes Down then Init', async (t) => {
  const pair = upPair()
  pair.blocked.add('a->b')
  pair.advance(2_000)
  t.match(bfdStatusMap(pair.b.session), { state: 'down', diagnostic: 'Control Detection Time Expired' }, 'B never hears A')
  t.match(bfdStatusMap(pair.a.session), { state: 'init', diagnostic: 'Neighbor Signaled Session Down' }, 'A heard B go down')
  t.strictSame(path(pair.a.changes).split(',').slice(-2), ['down', 'init'])
  const bDown = pair.b.sent.find((s) => s.packet.state === 'down' && s.packet.diag === 1)!.packet
  t.equal(bDown.yourDiscriminator, 0, "B's Down carries Your Discriminator 0")
})
