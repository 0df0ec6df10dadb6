// Framing: every frame ovs-vswitchd sent in the fixture captures is rebuilt byte for byte from its
// addresses and payload; FRR's frames decode too; anything that is not IPv4/UDP/3784 is not BFD.
import t from 'tap'
import { decodeBfdFrame, encodeBfdFrame, ipv4HeaderChecksum, macBytes, macText } from '../../../reconciler/bfd/index.js'
import { CAPTURES, hex, readCapture, unhex } from './pcap.js'

const allFrames = CAPTURES.flatMap((file) => readCapture(file))
/** OVS leaves the UDP checksum 0 and the IP id 0 without DF; FRR sets all three. */
const isOvs = (bytes: Uint8Array): boolean => hex(bytes.subarray(18, 22)) === '00000000' && hex(bytes.subarray(40, 42)) === '0000'

t.test('every OVS frame in the captures is rebuilt byte for byte from its fields', async (t) => {
  const ovsFrames = allFrames.filter((f) => isOvs(f.bytes))
  t.ok(ovsFrames.length >= 80, `${ovsFrames.length} OVS frames`)
  let mismatches = 0
  for (const frame of ovsFrames) {
    const d = decodeBfdFrame(frame.bytes)!
    const rebuilt = encodeBfdFrame({ ethSrc: d.ethSrc, ethDst: d.ethDst, ipSrc: d.ipSrc, ipDst: d.ipDst, udpSrc: d.udpSrc }, d.payload)
    if (!t.equal(hex(rebuilt), hex(frame.bytes), `${frame.file} #${frame.number}`, { diagnostic: false })) mismatches++
  }
  t.equal(mismatches, 0)
})

t.test('an OVS frame decodes to the reference addresses, TTL 255, TOS 0xc0 and a per-session source port', async (t) => {
  const frame = readCapture('ovs-frr-bringup.pcap')[6]!
  t.match(decodeBfdFrame(frame.bytes), {
    ethDst: '6a:4b:c8:1c:e5:df',
    ethSrc: 'e2:64:10:c9:61:db',
    ipSrc: '169.254.1.1',
    ipDst: '169.254.1.0',
    ttl: 255,
    tos: 0xc0,
    udpSrc: 49158,
    udpDst: 3784,
  })
  t.equal(hex(decodeBfdFrame(frame.bytes)!.payload), '20d003181c070a362747d600000186a0000186a000000000')
})

t.test('the IPv4 header checksum of every captured frame (OVS and FRR) verifies', async (t) => {
  const bad = allFrames.filter((f) => ipv4HeaderChecksum(f.bytes.subarray(14, 34)) !== 0)
  t.strictSame(bad.map((f) => `${f.file} #${f.number}`), [])
  t.ok(allFrames.some((f) => !isOvs(f.bytes)), 'FRR frames are among them')
})

t.test('frames that are not IPv4/UDP to port 3784, or are later fragments, are not BFD', async (t) => {
  const good = readCapture('ovs-ovs-bringup.pcap')[0]!.bytes
  const edit = (f: (b: Uint8Array) => void): Uint8Array => {
    const copy = good.slice()
    f(copy)
    return copy
  }
  t.ok(decodeBfdFrame(good))
  t.equal(decodeBfdFrame(edit((b) => (b[12] = 0x86))), undefined, 'not IPv4')
  t.equal(decodeBfdFrame(edit((b) => (b[23] = 6))), undefined, 'TCP')
  t.equal(decodeBfdFrame(edit((b) => (b[37] = 0xc9))), undefined, 'port 3785')
  t.equal(decodeBfdFrame(edit((b) => (b[21] = 0x08))), undefined, 'later fragment')
  t.equal(decodeBfdFrame(good.subarray(0, 30)), undefined, 'truncated')
})

t.test('a VLAN-tagged BFD frame is still recognised', async (t) => {
  const good = readCapture('ovs-ovs-bringup.pcap')[0]!.bytes
  const tagged = new Uint8Array([...good.subarray(0, 12), 0x81, 0x00, 0x00, 0x0a, ...good.subarray(12)])
  t.equal(decodeBfdFrame(tagged)?.udpSrc, 49154)
})

t.test('MAC text and bytes convert both ways and bad MACs throw', async (t) => {
  t.equal(macText(macBytes('00:23:20:00:00:01')), '00:23:20:00:00:01')
  t.equal(hex(macBytes('AA:bb:0C:dd:EE:0f')), 'aabb0cddee0f')
  t.throws(() => macBytes('00:23:20:00:00'), RangeError)
  t.throws(() => encodeBfdFrame({ ethSrc: '00:00:00:00:00:01', ethDst: '00:00:00:00:00:02', ipSrc: '1.2.3', ipDst: '1.2.3.4', udpSrc: 49152 }, unhex('00')), RangeError)
})
