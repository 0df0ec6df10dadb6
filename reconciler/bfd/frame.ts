// Ethernet/IPv4/UDP framing of BFD Control packets (RFC 5881, destination port 3784) exactly as
// ovs-vswitchd builds them in bfd_put_packet: TTL 255, TOS 0xc0, IP id 0 without DF, IPv4 header
// checksum set, UDP checksum left 0. Decoding accepts any sender's framing (FRR sets DF and a UDP checksum).

/** UDP destination port of single-hop BFD Control packets (RFC 5881 §4). */
export const BFD_UDP_PORT = 3784
/** Ethernet destination ovs-vswitchd uses unless bfd:bfd_local_dst_mac is set (lib/packets.h eth_addr_bfd). */
export const BFD_DEFAULT_DST_MAC = '00:23:20:00:00:01'
/** IPv4 TTL every BFD packet carries; receivers drop anything else (RFC 5881 §5). */
export const BFD_TTL = 255
/** IPTOS_PREC_INTERNETCONTROL, the TOS byte ovs-vswitchd sets. */
export const BFD_TOS = 0xc0

const ETH_HEADER_LEN = 14
const IPV4_HEADER_LEN = 20
const UDP_HEADER_LEN = 8
const ETH_TYPE_IPV4 = 0x0800
const ETH_TYPE_VLAN = [0x8100, 0x88a8] as const
const IPPROTO_UDP = 17

/** Addresses of one BFD frame; MACs as "aa:bb:cc:dd:ee:ff", IPv4 as dotted quads. */
export interface BfdFrameAddresses {
  readonly ethSrc: string
  readonly ethDst: string
  readonly ipSrc: string
  readonly ipDst: string
  /** UDP source port, 49152 + n per session (RFC 5881 §4). */
  readonly udpSrc: number
}

/** What the receive path needs from a frame carrying IPv4/UDP to port 3784. */
export interface DecodedBfdFrame extends BfdFrameAddresses {
  readonly ttl: number
  readonly tos: number
  readonly udpDst: number
  /** The UDP payload (the Control packet), bounded by the UDP length field. */
  readonly payload: Uint8Array
}

/** Builds the 66-byte frame ovs-vswitchd sends for a 24-byte Control packet (bytes as in bfd_put_packet). */
export function encodeBfdFrame(addresses: BfdFrameAddresses, payload: Uint8Array): Uint8Array {
  const frame = new Uint8Array(ETH_HEADER_LEN + IPV4_HEADER_LEN + UDP_HEADER_LEN + payload.length)
  const view = new DataView(frame.buffer)
  frame.set(macBytes(addresses.ethDst), 0)
  frame.set(macBytes(addresses.ethSrc), 6)
  view.setUint16(12, ETH_TYPE_IPV4)
  const ip = ETH_HEADER_LEN
  frame[ip] = 0x45
  frame[ip + 1] = BFD_TOS
  view.setUint16(ip + 2, IPV4_HEADER_LEN + UDP_HEADER_LEN + payload.length)
  frame[ip + 8] = BFD_TTL
  frame[ip + 9] = IPPROTO_UDP
  frame.set(ipv4Bytes(addresses.ipSrc), ip + 12)
  frame.set(ipv4Bytes(addresses.ipDst), ip + 16)
  view.setUint16(ip + 10, ipv4HeaderChecksum(frame.subarray(ip, ip + IPV4_HEADER_LEN)))
  const udp = ip + IPV4_HEADER_LEN
  view.setUint16(udp, addresses.udpSrc)
  view.setUint16(udp + 2, BFD_UDP_PORT)
  view.setUint16(udp + 4, UDP_HEADER_LEN + payload.length)
  frame.set(payload, udp + UDP_HEADER_LEN)
  return frame
}

/**
 * Reads an Ethernet frame (VLAN tags skipped) and returns its BFD fields when it is IPv4, UDP, not a
 * later fragment, to port 3784 — the part of bfd_should_process_flow that is not per session;
 * undefined for anything else, which then is not a BFD packet at all.
 */
export function decodeBfdFrame(frame: Uint8Array): DecodedBfdFrame | undefined {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength)
  let at = 12
  if (frame.length < ETH_HEADER_LEN) return undefined
  let ethType = view.getUint16(at)
  while ((ETH_TYPE_VLAN as readonly number[]).includes(ethType) && frame.length >= at + 6) {
    at += 4
    ethType = view.getUint16(at)
  }
  const ip = at + 2
  if (ethType !== ETH_TYPE_IPV4 || frame.length < ip + IPV4_HEADER_LEN || frame[ip]! >> 4 !== 4) return undefined
  const ihl = (frame[ip]! & 0x0f) * 4
  const laterFragment = (view.getUint16(ip + 6) & 0x1fff) !== 0
  const udp = ip + ihl
  if (frame[ip + 9] !== IPPROTO_UDP || laterFragment || ihl < IPV4_HEADER_LEN || frame.length < udp + UDP_HEADER_LEN) {
    return undefined
  }
  const udpDst = view.getUint16(udp + 2)
  if (udpDst !== BFD_UDP_PORT) return undefined
  const payloadEnd = Math.min(frame.length, udp + Math.max(view.getUint16(udp + 4), UDP_HEADER_LEN))
  return {
    ethDst: macText(frame.subarray(0, 6)),
    ethSrc: macText(frame.subarray(6, 12)),
    ipSrc: frame.subarray(ip + 12, ip + 16).join('.'),
    ipDst: frame.subarray(ip + 16, ip + 20).join('.'),
    ttl: frame[ip + 8]!,
    tos: frame[ip + 1]!,
    udpSrc: view.getUint16(udp),
    udpDst,
    payload: frame.slice(udp + UDP_HEADER_LEN, payloadEnd),
  }
}

/** The RFC 791 header checksum of `header` (its checksum field is taken as it is: zero it to compute). */
export function ipv4HeaderChecksum(header: Uint8Array): number {
  let sum = 0
  for (let i = 0; i + 1 < header.length; i += 2) sum += (header[i]! << 8) | header[i + 1]!
  if (header.length % 2) sum += header[header.length - 1]! << 8
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16)
  return ~sum & 0xffff
}

/** "aa:bb:cc:dd:ee:ff" → 6 bytes; throws RangeError on anything else (callers pass normalised MACs). */
export function macBytes(mac: string): Uint8Array {
  const parts = mac.split(':')
  if (parts.length !== 6 || parts.some((p) => !/^[0-9a-fA-F]{2}$/.test(p))) throw new RangeError(`bad MAC address ${mac}`)
  return Uint8Array.from(parts, (p) => parseInt(p, 16))
}

/** 6 bytes → lower-case "aa:bb:cc:dd:ee:ff". */
export function macText(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(':')
}

function ipv4Bytes(ip: string): Uint8Array {
  const parts = ip.split('.').map(Number)
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new RangeError(`bad IPv4 address ${ip}`)
  return Uint8Array.from(parts)
}
