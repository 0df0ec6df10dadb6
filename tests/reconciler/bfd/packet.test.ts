// Control packet codec: real OVS and FRR packets from the fixture captures decode to the fields the
// reference decoded, re-encode byte for byte, and malformed packets are refused with lib/bfd.c's reasons.
import t from 'tap'
import fc from 'fast-check'
import { BFD_STATES, decodeBfdFrame, decodeControlPacket, encodeControlPacket, type ControlPacket } from '../../../reconciler/bfd/index.js'
import { CAPTURES, hex, readCapture, unhex } from './pcap.js'

function decodeOk(bytes: Uint8Array): ControlPacket {
  const result = decodeControlPacket(bytes)
  if (!result.ok) throw new Error(`unexpected refusal: ${result.reason}`)
  return result.packet
}

function allPayloads(): { where: string; payload: Uint8Array }[] {
  return CAPTURES.flatMap((file) =>
    readCapture(file).map((frame) => {
      const decoded = decodeBfdFrame(frame.bytes)
      if (!decoded) throw new Error(`${file} #${frame.number} is not a BFD frame`)
      return { where: `${file} #${frame.number}`, payload: decoded.payload }
    }),
  )
}

t.test('every captured Control packet decodes and re-encodes to the same 24 bytes', async (t) => {
  const payloads = allPayloads()
  t.ok(payloads.length > 150, `read ${payloads.length} packets`)
  let mismatches = 0
  for (const { where, payload } of payloads) {
    const packet = decodeOk(payload)
    if (!t.equal(hex(encodeControlPacket(packet)), hex(payload), where, { diagnostic: false })) mismatches++
  }
  t.equal(mismatches, 0)
})

t.test('captured packets decode to the fields tshark shows', async (t) => {
  const cases: [string, Partial<ControlPacket>][] = [
    // OVS Init, before knowing the peer's Up: DesiredMinTx held at 1 s, RequiredMinRx 100 ms, echo 0.
    ['208003181c070a362747d600000f4240000186a000000000', { version: 1, diag: 0, state: 'init', poll: false, final: false, detectMult: 3, length: 24, myDiscriminator: 0x1c070a36, yourDiscriminator: 0x2747d600, desiredMinTxUs: 1000000, requiredMinRxUs: 100000, requiredMinEchoRxUs: 0 }],
    // FRR Down with echo RX 50 ms.
    ['204003182747d60000000000000f4240000f42400000c350', { state: 'down', myDiscriminator: 0x2747d600, yourDiscriminator: 0, desiredMinTxUs: 1000000, requiredMinRxUs: 1000000, requiredMinEchoRxUs: 50000 }],
    // FRR Up + Poll; OVS's answer Up + Final.
    ['20e003182747d6001c070a36000186a0000186a00000c350', { state: 'up', poll: true, final: false, desiredMinTxUs: 100000 }],
    ['20d003181c070a362747d600000186a0000186a000000000', { state: 'up', poll: false, final: true, requiredMinRxUs: 100000 }],
    // Timeouts: FRR diag 1 and OVS diag 3, both with Your Discriminator 0.
    ['214003182747d60000000000000493e0000493e00000c350', { diag: 1, state: 'down', yourDiscriminator: 0, desiredMinTxUs: 300000 }],
    ['234003181c070a3600000000000f4240000493e000000000', { diag: 3, state: 'down', yourDiscriminator: 0, requiredMinRxUs: 300000 }],
  ]
  for (const [payload, fields] of cases) t.match(decodeOk(unhex(payload)), fields, payload)
})

t.test('encoding the fields of an OVS Up+Final gives the captured payload', async (t) => {
  const bytes = encodeControlPacket({
    state: 'up',
    final: true,
    detectMult: 3,
    myDiscriminator: 0x1c070a36,
    yourDiscriminator: 0x2747d600,
    desiredMinTxUs: 100000,
    requiredMinRxUs: 100000,
  })
  t.equal(hex(bytes), '20d003181c070a362747d600000186a0000186a000000000')
})

t.test('encode refuses Poll with Final and fields wider than their wire width', async (t) => {
  const base = { state: 'up', detectMult: 3, myDiscriminator: 1, yourDiscriminator: 2, desiredMinTxUs: 1, requiredMinRxUs: 1 } as const
  t.throws(() => encodeControlPacket({ ...base, poll: true, final: true }), RangeError)
  t.throws(() => encodeControlPacket({ ...base, detectMult: 256 }), RangeError)
  t.throws(() => encodeControlPacket({ ...base, diag: 32 }), RangeError)
  t.throws(() => encodeControlPacket({ ...base, myDiscriminator: 2 ** 32 }), RangeError)
})

/** A valid OVS Up packet with one byte or word replaced. */
function mutated(edit: (bytes: Uint8Array, view: DataView) => void): Uint8Array {
  const bytes = unhex('20c003181c070a362747d600000186a0000186a000000000')
  edit(bytes, new DataView(bytes.buffer))
  return bytes
}

t.test('malformed packets are refused with the reason ovs-vswitchd logs', async (t) => {
  const cases: [string, Uint8Array, string][] = [
    ['short', unhex('20c00318'), 'Received too-short BFD control message (only 4 bytes long, at least 24 required)'],
    ['version 2', mutated((b) => (b[0] = 0x40)), 'Incorrect version'],
    ['length 20', mutated((b) => (b[3] = 20)), 'Unexpected length'],
    ['mult 0', mutated((b) => (b[2] = 0)), 'Zero multiplier'],
    ['multipoint', mutated((b) => (b[1] = 0xc1)), 'Unsupported multipoint flag'],
    ['my_disc 0', mutated((_b, v) => v.setUint32(4, 0)), 'NULL my_disc'],
    ['Up with your_disc 0', mutated((_b, v) => v.setUint32(8, 0)), 'Null your_disc'],
  ]
  for (const [name, bytes, reason] of cases) t.match(decodeControlPacket(bytes), { ok: false, reason }, name)
})

t.test('Down and AdminDown with Your Discriminator 0 are accepted', async (t) => {
  for (const state of [0x40, 0x00]) {
    const result = decodeControlPacket(mutated((b, v) => ((b[1] = state), v.setUint32(8, 0))))
    t.equal(result.ok, true, `state byte ${state}`)
  }
})

t.test('a Length above 24 is accepted as ovs-vswitchd accepts it', async (t) => {
  const packet = decodeOk(mutated((b) => (b[3] = 48)))
  t.equal(packet.length, 48)
})

t.test('an authenticated packet is parsed and refused: authentication is not configured', async (t) => {
  const body = mutated((b) => ((b[1] = 0xc4), (b[3] = 24 + 24)))
  const auth = unhex('0218' + '07' + '00' + '00000005' + '00'.repeat(16))
  const bytes = new Uint8Array([...body, ...auth])
  const result = decodeControlPacket(bytes)
  t.match(result, { ok: false, reason: 'Authenticated control message with authentication disabled (keyed md5)' })
  const short = new Uint8Array([...mutated((b) => ((b[1] = 0xc4), (b[3] = 26))), 0x01])
  t.match(decodeControlPacket(short), {
    ok: false,
    reason: 'Authenticated control message with authentication disabled (malformed authentication section)',
  })
})

t.test('the authentication section is read field by field', async (t) => {
  const body = mutated((b) => ((b[1] = 0xc4), (b[3] = 24 + 6)))
  const result = decodeControlPacket(new Uint8Array([...body, ...unhex('010603616263')]))
  t.match(result, { ok: false, reason: /simple password/ })
  const section = result.packet?.authSection
  t.strictSame(section && { ...section, data: hex(section.data) }, { type: 1, length: 6, keyId: 3, data: '616263' })
})

t.test('any field values survive encode then decode', async (t) => {
  const arbitrary = fc.record({
    diag: fc.integer({ min: 0, max: 31 }),
    state: fc.constantFrom(...BFD_STATES),
    poll: fc.boolean(),
    cpi: fc.boolean(),
    demand: fc.boolean(),
    detectMult: fc.integer({ min: 1, max: 255 }),
    myDiscriminator: fc.integer({ min: 1, max: 0xffffffff }),
    yourDiscriminator: fc.integer({ min: 1, max: 0xffffffff }),
    desiredMinTxUs: fc.integer({ min: 0, max: 0xffffffff }),
    requiredMinRxUs: fc.integer({ min: 0, max: 0xffffffff }),
    requiredMinEchoRxUs: fc.integer({ min: 0, max: 0xffffffff }),
  })
  fc.assert(
    fc.property(arbitrary, (fields) => {
      const packet = decodeOk(encodeControlPacket(fields))
      for (const [key, value] of Object.entries(fields)) if (packet[key as keyof ControlPacket] !== value) return false
      return packet.version === 1 && packet.length === 24 && !packet.final && !packet.auth && !packet.multipoint
    }),
  )
  t.pass('property held')
})
