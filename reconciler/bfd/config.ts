// Interface:bfd → BfdConfig, with the keys, defaults and value parsing ovs-vswitchd 3.1 applies in
// bfd_configure (lib/bfd.c): bad values never fail, they fall back to the default (some with a log line),
// and BFD exists only when enable is "true" in any letter case.

import { BFD_DEFAULT_DST_MAC } from './frame.js'

/** Every key of Interface:bfd that ovs-vswitchd reads; others are ignored. */
export const BFD_CONFIG_KEYS = [
  'enable',
  'min_rx',
  'min_tx',
  'decay_min_rx',
  'forwarding_if_rx',
  'cpath_down',
  'check_tnl_key',
  'mult',
  'bfd_src_ip',
  'bfd_dst_ip',
  'bfd_local_src_mac',
  'bfd_local_dst_mac',
  'bfd_remote_dst_mac',
  'oam',
] as const
export type BfdConfigKey = (typeof BFD_CONFIG_KEYS)[number]

/** IPv4 source ovs-vswitchd uses by default; with it, received packets are not filtered on destination IP. */
export const BFD_DEFAULT_SRC_IP = '169.254.1.1'
/** IPv4 destination ovs-vswitchd uses by default. */
export const BFD_DEFAULT_DST_IP = '169.254.1.0'

/** A session's configuration, intervals in milliseconds. */
export interface BfdConfig {
  /** bfd.RequiredMinRxInterval, ≥ 1 (default 1000). */
  readonly minRx: number
  /** bfd.DesiredMinTxInterval once Up, ≥ 1 (default 100). */
  readonly minTx: number
  /** min_rx to fall back to when the link carries only BFD; 0 = off. */
  readonly decayMinRx: number
  /** Detect Mult, 1..255 (default 3). */
  readonly mult: number
  readonly forwardingIfRx: boolean
  readonly cpathDown: boolean
  readonly checkTnlKey: boolean
  readonly oam: boolean
  readonly srcIp: string
  readonly dstIp: string
  /** Ethernet source; undefined = the interface's own MAC. */
  readonly localSrcMac: string | undefined
  readonly localDstMac: string
  /** When set, only frames to this Ethernet destination are taken as BFD. */
  readonly remoteDstMac: string | undefined
}

/** A line ovs-vswitchd would log while reading the map (it never reaches the database). */
export interface ConfigLog {
  readonly level: 'warn' | 'err'
  readonly text: string
}

/** The outcome of reading Interface:bfd: undefined config means BFD is disabled (bfd_status {}). */
export interface ParsedBfdConfig {
  readonly config: BfdConfig | undefined
  readonly logs: readonly ConfigLog[]
}

/**
 * Reads an Interface:bfd map as ovs-vswitchd 3.1 does. `name` is the interface, used in log lines.
 * Never throws: invalid integers, MACs and addresses fall back to their defaults.
 */
export function parseBfdConfig(map: ReadonlyMap<string, string> | Readonly<Record<string, string>>, name: string): ParsedBfdConfig {
  const get = (key: BfdConfigKey): string | undefined => (map instanceof Map ? map.get(key) : (map as Record<string, string>)[key])
  if (!smapBool(get('enable'))) return { config: undefined, logs: [] }
  const logs: ConfigLog[] = []
  const mult = smapInt(get('mult'), 3)
  const minRx = Math.max(smapInt(get('min_rx'), 1000), 1)
  let decayMinRx = Math.max(smapInt(get('decay_min_rx'), 0), 0)
  if (decayMinRx > 0 && decayMinRx < minRx) {
    logs.push({ level: 'warn', text: `${name}: decay_min_rx cannot be less than ${minRx} ms` })
    decayMinRx = 0
  }
  const config: BfdConfig = {
    minRx,
    minTx: Math.max(smapInt(get('min_tx'), 100), 1),
    decayMinRx,
    mult: mult >= 1 && mult <= 255 ? mult : 3,
    forwardingIfRx: smapBool(get('forwarding_if_rx')),
    cpathDown: smapBool(get('cpath_down')),
    checkTnlKey: smapBool(get('check_tnl_key')),
    oam: smapBool(get('oam')),
    srcIp: lookupIp(get('bfd_src_ip'), BFD_DEFAULT_SRC_IP, logs),
    dstIp: lookupIp(get('bfd_dst_ip'), BFD_DEFAULT_DST_IP, logs),
    localSrcMac: parseMac(get('bfd_local_src_mac')),
    localDstMac: parseMac(get('bfd_local_dst_mac')) ?? BFD_DEFAULT_DST_MAC,
    remoteDstMac: parseMac(get('bfd_remote_dst_mac')),
  }
  return { config, logs }
}

/** smap_get_bool with default false: true only for "true" in any case. */
export function smapBool(value: string | undefined): boolean {
  return value !== undefined && value.toLowerCase() === 'true'
}

/** smap_get_int: a whole base-10 C int (leading blanks and sign allowed, nothing after), else `fallback`. */
export function smapInt(value: string | undefined, fallback: number): number {
  if (value === undefined || !/^[ \t\n\v\f\r]*[+-]?[0-9]+$/.test(value)) return fallback
  const n = Number(value.trim())
  return n >= -2147483648 && n <= 2147483647 ? n : fallback
}

/**
 * eth_addr_from_string: six ':'-separated hex numbers (each may have blanks, a sign or 0x before it,
 * and is truncated to a byte), nothing after. Returns lower-case "aa:bb:..", or undefined when the text
 * does not parse or gives 00:00:00:00:00:00 (which ovs-vswitchd treats as unset).
 */
export function parseMac(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  const octet = '[ \\t\\n\\v\\f\\r]*([+-]?)(?:0[xX])?([0-9a-fA-F]+)'
  const match = new RegExp(`^${Array(6).fill(octet).join(':')}$`).exec(value)
  if (!match) return undefined
  const bytes = [0, 1, 2, 3, 4, 5].map((i) => {
    const magnitude = Number(BigInt.asUintN(8, BigInt('0x' + match[2 + 2 * i]!)))
    return match[1 + 2 * i] === '-' ? (256 - magnitude) & 0xff : magnitude
  })
  if (bytes.every((b) => b === 0)) return undefined
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':')
}

/** inet_pton(AF_INET): exactly four decimal octets 0..255 without leading zeros; undefined otherwise. */
export function parseIpv4(value: string): string | undefined {
  const parts = value.split('.')
  if (parts.length !== 4 || parts.some((p) => !/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255)) return undefined
  return parts.join('.')
}

function lookupIp(value: string | undefined, fallback: string, logs: ConfigLog[]): string {
  if (!value) return fallback
  const ip = parseIpv4(value)
  if (ip) return ip
  logs.push({ level: 'err', text: `"${value}" is not a valid IP address` })
  return fallback
}
