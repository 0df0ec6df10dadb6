// Open vSwitch's BFD extras on a virtual clock: cpath_down, decay_min_rx, forwarding_if_rx, the
// receive filters (check_tnl_key, bfd_remote_dst_mac, bfd_src_ip), jitter, and dropped packets.
import t from 'tap'
import {
  BfdRegistry,
  bfdStatusMap,
  encodeBfdFrame,
  encodeControlPacket,
  type BfdSession,
} from '../../../reconciler/bfd/index.js'
import { VirtualClock } from '../../../reconciler/engines/clock.js'
import { Pair, config } from './harness.js'

const FAST = { min_tx: '100', min_rx: '100' }

function upPair(a: Record<string, string> = FAST, b: Record<string, string> = a): Pair {
  const pair = new Pair(a, b)
  pair.advance(3_000)
  return pair
}

t.test('cpath_down: the local end reports Concatenated Path Down, the peer stops forwarding while Up', async (t) => {
  const pair = upPair()
  const start = pair.clock.now()
  pair.a.session.configure(config({ ...FAST, cpath_down: 'true' }))
  pair.advance(1_000)
  t.match(bfdStatusMap(pair.a.session), { state: 'up', forwarding: 'true', diagnostic: 'Concatenated Path Down', flap_count: '1' })
  t.match(bfdStatusMap(pair.b.session), {
    state: 'up',
    forwarding: 'false',
    remote_state: 'up',
    remote_diagnostic: 'Concatenated Path Down',
    flap_count: '2',
  })
  t.ok(pair.sentSince(pair.a, start)[0]!.poll, 'the change starts a poll')
  pair.a.session.configure(config(FAST))
  pair.advance(1_000)
  t.match(bfdStatusMap(pair.a.session), { diagnostic: 'No Diagnostic' })
  t.match(bfdStatusMap(pair.b.session), { forwarding: 'true', remote_diagnostic: 'No Diagnostic', flap_count: '3' })
})

t.test('decay: with only BFD arriving, min_rx decays to decay_min_rx by a poll and the peer slows down', async (t) => {
  const pair = upPair({ ...FAST, decay_min_rx: '1000' }, FAST)
  pair.advance(3_000)
  const since = pair.clock.now()
  pair.advance(5_000)
  const aPolls = pair.a.sent.filter((s) => s.packet.poll)
  t.equal(aPolls.length, 1, 'one poll to enter decay')
  t.equal(aPolls[0]!.packet.requiredMinRxUs, 1_000_000)
  const bLater = pair.b.sent.filter((s) => s.at >= since)
  const gaps = bLater.slice(1).map((s, i) => s.at - bLater[i]!.at)
  t.ok(gaps.length >= 4 && gaps.every((g) => g >= 750 && g <= 1000), `B now sends every 750-1000 ms: ${gaps.join(',')}`)
  t.match(bfdStatusMap(pair.a.session), { state: 'up', flap_count: '1' })
})

t.test('decay: data traffic on the interface keeps min_rx where it is', async (t) => {
  const pair = new Pair({ ...FAST, decay_min_rx: '1000' }, FAST)
  const data = (): void => {
    pair.a.rxPackets += 50
    pair.clock.setTimer(pair.clock.now() + 100, data)
  }
  data()
  pair.advance(10_000)
  t.match(bfdStatusMap(pair.a.session), { state: 'up' })
  t.equal(pair.a.sent.filter((s) => s.packet.poll).length, 0, 'no poll')
  const last = pair.b.sent.slice(-10)
  t.ok(last.slice(1).every((s, i) => s.at - last[i]!.at <= 100), 'B still sends every ≤100 ms')
})

t.test('forwarding_if_rx: data keeps forwarding true while Down, for as long as BFD was heard within 100 × min_rx', async (t) => {
  const pair = upPair({ ...FAST, forwarding_if_rx: 'true' }, FAST)
  let dataFlows = true
  const data = (): void => {
    if (dataFlows) pair.a.session.accountRx(1)
    pair.clock.setTimer(pair.clock.now() + 200, data)
  }
  data()
  const cutAt = pair.clock.now()
  pair.cut()
  pair.advance(5_000)
  t.match(bfdStatusMap(pair.a.session), { state: 'down', forwarding: 'true', flap_count: '1' }, 'down but forwarding on data')
  t.match(bfdStatusMap(pair.b.session), { state: 'down', forwarding: 'false', flap_count: '2' }, 'the other end has no forwarding_if_rx')
  pair.clock.advanceTo(cutAt + 10_200)
  t.match(bfdStatusMap(pair.a.session), { forwarding: 'false', flap_count: '2' }, 'no BFD for 100 × min_rx: forwarding stops')
  pair.restore()
  pair.advance(3_000)
  t.match(bfdStatusMap(pair.a.session), { state: 'up', forwarding: 'true', flap_count: '3' })
  dataFlows = false
  pair.cut()
  pair.advance(1_000)
  t.match(bfdStatusMap(pair.a.session), { state: 'down', forwarding: 'true' }, 'data seen in the last 2 s')
  pair.advance(2_000)
  t.match(bfdStatusMap(pair.a.session), { state: 'down', forwarding: 'false' }, 'no data for 2 s')
})

/** A lone session on its own clock, recording transmitted frames. */
function lone(map: Record<string, string>, random: () => number = () => 26) {
  const clock = new VirtualClock(1_000)
  const sent: { at: number; frame: Uint8Array }[] = []
  const logs: string[] = []
  const session = new BfdRegistry(random).create(
    {
      name: 'p0',
      clock,
      hwAddr: () => 'aa:55:aa:55:00:01',
      transmit: (frame) => sent.push({ at: clock.now(), frame }),
      log: (_l, text) => logs.push(text),
    },
    config(map),
  )
  return { clock, sent, logs, session }
}

/** A frame from a peer (discriminator 0x01020304) in `state`, addressed to `your`. */
function peerFrame(state: 'down' | 'init' | 'up', your: number, edits: { ttl?: number; ethDst?: string; ipDst?: string } = {}) {
  const payload = encodeControlPacket({ state, detectMult: 3, myDiscriminator: 0x01020304, yourDiscriminator: your, desiredMinTxUs: 1_000_000, requiredMinRxUs: 100_000 })
  const frame = encodeBfdFrame({ ethSrc: '02:00:00:00:00:02', ethDst: edits.ethDst ?? '00:23:20:00:00:01', ipSrc: '169.254.1.1', ipDst: edits.ipDst ?? '169.254.1.0', udpSrc: 49200 }, payload)
  if (edits.ttl !== undefined) frame[22] = edits.ttl
  return frame
}

function state(session: BfdSession): string | undefined {
  return bfdStatusMap(session).state
}

t.test('transmit jitter: random mod 26 % below the interval, 10 + random mod 16 % when mult is 1', async (t) => {
  const cases: [Record<string, string>, number, number][] = [
    [{}, 26, 1000],
    [{}, 25, 750],
    [{}, 51, 750],
    [{ mult: '1' }, 16, 900],
    [{ mult: '1' }, 15, 750],
  ]
  for (const [map, random, gap] of cases) {
    const s = lone(map, () => random)
    s.clock.advance(3_000)
    t.equal(s.sent[1]!.at - s.sent[0]!.at, gap, `${JSON.stringify(map)} random ${random}`)
  }
})

t.test('the first packet leaves at once, from the interface MAC to 00:23:20:00:00:01, UDP source 49152', async (t) => {
  const s = lone({})
  s.clock.advance(0)
  t.equal(s.sent.length, 1)
  t.equal(Buffer.from(s.sent[0]!.frame.subarray(0, 12)).toString('hex'), '002320000001aa55aa550001')
  t.equal((s.sent[0]!.frame[34]! << 8) | s.sent[0]!.frame[35]!, 49152)
})

t.test('packets with a foreign Your Discriminator or TTL other than 255 change nothing', async (t) => {
  const s = lone({})
  t.equal(s.session.receive(peerFrame('down', 0x0badbeef)), true)
  t.ok(s.logs.includes('p0: Incorrect your_disc.'))
  t.equal(s.session.receive(peerFrame('down', 0, { ttl: 254 })), true)
  t.equal(state(s.session), 'down')
  t.equal(s.session.receive(peerFrame('down', 0)), true)
  t.equal(state(s.session), 'init', 'a good Down moves Down to Init')
})

t.test('receive filters: tunnel key with check_tnl_key, bfd_remote_dst_mac, non-default bfd_src_ip', async (t) => {
  const keyed = lone({ check_tnl_key: 'true' })
  t.equal(keyed.session.receive(peerFrame('down', 0), { tunnelKey: 5n }), false)
  t.equal(keyed.session.receive(peerFrame('down', 0), { tunnelKey: 0n }), true)
  const mac = lone({ bfd_remote_dst_mac: '02:00:00:00:00:01' })
  t.equal(mac.session.receive(peerFrame('down', 0)), false)
  t.equal(mac.session.receive(peerFrame('down', 0, { ethDst: '02:00:00:00:00:01' })), true)
  const ip = lone({ bfd_src_ip: '192.0.2.10' })
  t.equal(ip.session.receive(peerFrame('down', 0)), false)
  t.equal(ip.session.receive(peerFrame('down', 0, { ipDst: '192.0.2.10' })), true)
  t.equal(lone({}).session.receive(new Uint8Array(60)), false, 'not BFD at all')
})

t.test('a Poll is answered with a Final at once, and a closed session sends nothing more', async (t) => {
  const s = lone({})
  s.clock.advance(10)
  const up = encodeControlPacket({ state: 'up', poll: true, detectMult: 3, myDiscriminator: 9, yourDiscriminator: 0, desiredMinTxUs: 1, requiredMinRxUs: 1 })
  const frame = encodeBfdFrame({ ethSrc: '02:00:00:00:00:02', ethDst: '00:23:20:00:00:01', ipSrc: '169.254.1.1', ipDst: '169.254.1.0', udpSrc: 49200 }, up)
  t.equal(s.session.receive(frame), true, 'Null your_disc in Up is dropped…')
  t.ok(s.logs.includes('p0: Null your_disc.'))
  const count = s.sent.length
  const poll = encodeControlPacket({ state: 'down', poll: true, detectMult: 3, myDiscriminator: 9, yourDiscriminator: 0, desiredMinTxUs: 1, requiredMinRxUs: 1 })
  s.session.receive(encodeBfdFrame({ ethSrc: '02:00:00:00:00:02', ethDst: '00:23:20:00:00:01', ipSrc: '169.254.1.1', ipDst: '169.254.1.0', udpSrc: 49200 }, poll))
  s.clock.advance(0)
  t.equal(s.sent.length, count + 1, '…a Down with Poll is answered at once')
  t.equal(s.sent.at(-1)!.frame[43]! & 0x10, 0x10, 'with Final')
  s.session.close()
  s.clock.advance(10_000)
  t.equal(s.sent.length, count + 1)
})

t.test('the registry hands out unique non-zero discriminators and 49152 + n source ports', async (t) => {
  const values = [0, 5, 5, 6]
  const registry = new BfdRegistry(() => values.shift() ?? 1)
  const clock = new VirtualClock()
  const env = { name: 'x', clock, hwAddr: () => '02:00:00:00:00:01', transmit: () => undefined }
  const first = registry.create(env, config({}))
  const second = registry.create(env, config({}))
  t.equal(registry.size, 2)
  registry.destroy(first)
  registry.destroy(second)
  t.equal(registry.size, 0)
  t.equal(clock.pending, 0, 'destroyed sessions leave no timers')
  t.throws(() => new BfdRegistry(() => 0).create(env, config({})), /random source/)
})
