// Public surface of reconciler/bfd: one RFC 5880/5881 implementation used by every engine.

export {
  BFD_STATES,
  BFD_DIAGNOSTICS,
  BFD_AUTH_TYPES,
  BFD_PACKET_LEN,
  BFD_VERSION,
  encodeControlPacket,
  decodeControlPacket,
  diagnosticName,
} from './packet.js'
export type { BfdState, BfdDiagnostic, AuthSection, ControlPacket, ControlPacketInit, DecodeResult } from './packet.js'
export {
  BFD_UDP_PORT,
  BFD_DEFAULT_DST_MAC,
  BFD_TTL,
  BFD_TOS,
  encodeBfdFrame,
  decodeBfdFrame,
  ipv4HeaderChecksum,
  macBytes,
  macText,
} from './frame.js'
export type { BfdFrameAddresses, DecodedBfdFrame } from './frame.js'
export { BFD_CONFIG_KEYS, BFD_DEFAULT_SRC_IP, BFD_DEFAULT_DST_IP, parseBfdConfig, smapBool, smapInt, parseMac, parseIpv4 } from './config.js'
export type { BfdConfig, BfdConfigKey, ConfigLog, ParsedBfdConfig } from './config.js'
export { BfdSession } from './session.js'
export type { BfdClock, BfdSessionDeps, BfdSessionStatus, ReceiveMeta } from './session-deps.js'
export { BFD_STATUS_KEYS, bfdStatusMap } from './status.js'
export type { BfdStatusKey, BfdStatusMap } from './status.js'
export { BfdRegistry } from './registry.js'
export type { BfdSessionEnv } from './registry.js'
