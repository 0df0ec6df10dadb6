// The BFD Control packet of RFC 5880 §4.1: a byte-exact codec and the receive checks of §6.8.6 that
// do not depend on a session, in the order and with the log wording of Open vSwitch's lib/bfd.c.
// Frames around it are in frame.ts; the session (session.ts) adds the Your Discriminator check.

/** Session states by their 2-bit wire value (RFC 5880 §4.1 "Sta"), spelled as bfd_status writes them. */
export const BFD_STATES = ['admin_down', 'down', 'init', 'up'] as const
export type BfdState = (typeof BFD_STATES)[number]

/** Diagnostic codes by wire value (RFC 5880 §4.1 "Diag"), spelled as ovs-vswitchd writes them. */
export const BFD_DIAGNOSTICS = [
  'No Diagnostic',
  'Control Detection Time Expired',
  'Echo Function Failed',
  'Neighbor Signaled Session Down',
  'Forwarding Plane Reset',
  'Path Down',
  'Concatenated Path Down',
  'Administratively Down',
  'Reverse Concatenated Path Down',
] as const
export type BfdDiagnostic = (typeof BFD_DIAGNOSTICS)[number]

/** Authentication types of RFC 5880 §4.1 "Auth Type", by wire value (0 is reserved). */
export const BFD_AUTH_TYPES = [
  'reserved',
  'simple password',
  'keyed md5',
  'meticulous keyed md5',
  'keyed sha1',
  'meticulous keyed sha1',
] as const

/** Length of a Control packet without authentication, the only length Open vSwitch sends. */
export const BFD_PACKET_LEN = 24
/** The only protocol version (RFC 5880 §4.1 "Vers"). */
export const BFD_VERSION = 1

/** The optional Authentication Section (RFC 5880 §4.2), kept raw: we never authenticate. */
export interface AuthSection {
  /** Auth Type byte. */
  readonly type: number
  /** Auth Len byte: length of the section including type and length. */
  readonly length: number
  /** Auth Key ID (every defined type has one as its third byte), undefined if the section is that short. */
  readonly keyId: number | undefined
  /** The bytes after the key id, as received. */
  readonly data: Uint8Array
}

/** One Control packet, every field of §4.1; intervals in microseconds as on the wire. */
export interface ControlPacket {
  readonly version: number
  /** Diagnostic code (0..31; 0..8 are defined). */
  readonly diag: number
  readonly state: BfdState
  readonly poll: boolean
  readonly final: boolean
  /** C bit: Control Plane Independent. */
  readonly cpi: boolean
  /** A bit: an Authentication Section follows. */
  readonly auth: boolean
  /** D bit: Demand mode. */
  readonly demand: boolean
  /** M bit: Multipoint (reserved, must be zero). */
  readonly multipoint: boolean
  readonly detectMult: number
  /** Length byte: the whole Control packet in bytes. */
  readonly length: number
  readonly myDiscriminator: number
  readonly yourDiscriminator: number
  readonly desiredMinTxUs: number
  readonly requiredMinRxUs: number
  readonly requiredMinEchoRxUs: number
  /** Present when the A bit is set and the section could be read. */
  readonly authSection?: AuthSection
}

/** Fields a sender chooses; the rest default to what Open vSwitch sends (version 1, no flags, length 24). */
export type ControlPacketInit = Partial<ControlPacket> &
  Pick<ControlPacket, 'state' | 'detectMult' | 'myDiscriminator' | 'yourDiscriminator' | 'desiredMinTxUs' | 'requiredMinRxUs'>

/** The result of decoding: the packet, or why it was dropped (Open vSwitch's log text) with the fields when readable. */
export type DecodeResult = { ok: true; packet: ControlPacket } | { ok: false; reason: string; packet?: ControlPacket }

const FLAG_BITS = { poll: 0x20, final: 0x10, cpi: 0x08, auth: 0x04, demand: 0x02, multipoint: 0x01 } as const

/**
 * Encodes a Control packet (no authentication section) into exactly `length` bytes (default 24).
 * Throws RangeError when a field does not fit its wire width or P and F are both set (RFC 5880 §6.5).
 */
export function encodeControlPacket(init: ControlPacketInit): Uint8Array {
  const p = { ...DEFAULTS, ...init }
  if (p.poll && p.final) throw new RangeError('a BFD Control packet must not have both Poll and Final set')
  checkWidth('diag', p.diag, 0x1f)
  checkWidth('version', p.version, 0x7)
  checkWidth('detectMult', p.detectMult, 0xff)
  checkWidth('length', p.length, 0xff)
  const out = new Uint8Array(Math.max(p.length, BFD_PACKET_LEN))
  const view = new DataView(out.buffer)
  out[0] = (p.version << 5) | p.diag
  let flags = BFD_STATES.indexOf(p.state) << 6
  for (const [name, bit] of Object.entries(FLAG_BITS)) if (p[name as keyof typeof FLAG_BITS]) flags |= bit
  out[1] = flags
  out[2] = p.detectMult
  out[3] = p.length
  const words = [p.myDiscriminator, p.yourDiscriminator, p.desiredMinTxUs, p.requiredMinRxUs, p.requiredMinEchoRxUs]
  words.forEach((word, i) => {
    checkWidth('32-bit field', word, 0xffffffff)
    view.setUint32(4 + 4 * i, word)
  })
  return out
}

/**
 * Decodes a UDP payload as a Control packet and applies the checks of RFC 5880 §6.8.6 that need no
 * session, in lib/bfd.c's order: size, version, authentication (parsed, then refused: we run none),
 * length field, multiplier, multipoint, My Discriminator, and Your Discriminator zero outside Down.
 * Like ovs-vswitchd, a Length field above 24 is accepted (the RFC would drop it when it exceeds the payload).
 */
export function decodeControlPacket(bytes: Uint8Array): DecodeResult {
  if (bytes.length < BFD_PACKET_LEN) {
    return { ok: false, reason: `Received too-short BFD control message (only ${bytes.length} bytes long, at least ${BFD_PACKET_LEN} required)` }
  }
  const packet = readFields(bytes)
  const reason = refusal(packet)
  return reason === undefined ? { ok: true, packet } : { ok: false, reason, packet }
}

/** Returns the diagnostic's name for a code, or "Invalid Diagnostic" as lib/bfd.c prints codes 9..31. */
export function diagnosticName(code: number): BfdDiagnostic | 'Invalid Diagnostic' {
  return BFD_DIAGNOSTICS[code] ?? 'Invalid Diagnostic'
}

const DEFAULTS = {
  version: BFD_VERSION,
  diag: 0,
  poll: false,
  final: false,
  cpi: false,
  auth: false,
  demand: false,
  multipoint: false,
  length: BFD_PACKET_LEN,
  requiredMinEchoRxUs: 0,
}

function readFields(bytes: Uint8Array): ControlPacket {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const flags = bytes[1]!
  const auth = (flags & FLAG_BITS.auth) !== 0
  const length = bytes[3]!
  const packet: ControlPacket = {
    version: bytes[0]! >> 5,
    diag: bytes[0]! & 0x1f,
    state: BFD_STATES[flags >> 6]!,
    poll: (flags & FLAG_BITS.poll) !== 0,
    final: (flags & FLAG_BITS.final) !== 0,
    cpi: (flags & FLAG_BITS.cpi) !== 0,
    auth,
    demand: (flags & FLAG_BITS.demand) !== 0,
    multipoint: (flags & FLAG_BITS.multipoint) !== 0,
    detectMult: bytes[2]!,
    length,
    myDiscriminator: view.getUint32(4),
    yourDiscriminator: view.getUint32(8),
    desiredMinTxUs: view.getUint32(12),
    requiredMinRxUs: view.getUint32(16),
    requiredMinEchoRxUs: view.getUint32(20),
  }
  const section = auth ? readAuthSection(bytes.subarray(BFD_PACKET_LEN, Math.max(length, BFD_PACKET_LEN))) : undefined
  return section ? { ...packet, authSection: section } : packet
}

/** Reads RFC 5880 §4.2's common header (type, len, key id); undefined when fewer than 2 bytes or len overruns. */
function readAuthSection(rest: Uint8Array): AuthSection | undefined {
  if (rest.length < 2) return undefined
  const type = rest[0]!
  const length = rest[1]!
  if (length < 2 || length > rest.length) return undefined
  return { type, length, keyId: length >= 3 ? rest[2] : undefined, data: rest.slice(Math.min(3, length), length) }
}

function refusal(packet: ControlPacket): string | undefined {
  if (packet.version !== BFD_VERSION) return 'Incorrect version'
  if (packet.auth) return authRefusal(packet.authSection)
  if (packet.length < BFD_PACKET_LEN) return 'Unexpected length'
  if (packet.detectMult === 0) return 'Zero multiplier'
  if (packet.multipoint) return 'Unsupported multipoint flag'
  if (packet.myDiscriminator === 0) return 'NULL my_disc'
  if (packet.yourDiscriminator === 0 && BFD_STATES.indexOf(packet.state) > 1) return 'Null your_disc'
  return undefined
}

function authRefusal(section: AuthSection | undefined): string {
  const base = 'Authenticated control message with authentication disabled'
  if (!section) return `${base} (malformed authentication section)`
  const name = BFD_AUTH_TYPES[section.type] ?? `unknown type ${section.type}`
  return `${base} (${name})`
}

function checkWidth(name: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) throw new RangeError(`${name} ${value} does not fit in 0..${max}`)
}
