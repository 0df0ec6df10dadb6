// Test support: reads the classic-format pcap captures in tests/fixtures/bfd/ (Ethernet link type).
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** One captured frame: its index in the file (from 1, as tshark numbers them) and its bytes. */
export interface CapturedFrame {
  readonly file: string
  readonly number: number
  readonly bytes: Uint8Array
}

/** The capture files beside the fixtures README. */
export const CAPTURES = [
  'ovs-ovs-bringup.pcap',
  'ovs-frr-bringup.pcap',
  'ovs-frr-frr-egress-drop.pcap',
  'ovs-frr-frr-ingress-drop.pcap',
  'frr-frr-bringup.pcap',
] as const

/** Reads every frame of a fixture capture; throws on a file that is not a little- or big-endian Ethernet pcap. */
export function readCapture(file: (typeof CAPTURES)[number]): CapturedFrame[] {
  const data = readFileSync(fileURLToPath(new URL(`../../fixtures/bfd/${file}`, import.meta.url)))
  const magic = data.readUInt32LE(0)
  const little = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d
  if (!little && data.readUInt32BE(0) !== 0xa1b2c3d4 && data.readUInt32BE(0) !== 0xa1b23c4d) throw new Error(`${file}: not a pcap`)
  const u32 = (at: number): number => (little ? data.readUInt32LE(at) : data.readUInt32BE(at))
  if (u32(20) !== 1) throw new Error(`${file}: link type ${u32(20)} is not Ethernet`)
  const frames: CapturedFrame[] = []
  for (let at = 24; at + 16 <= data.length; ) {
    const length = u32(at + 8)
    frames.push({ file, number: frames.length + 1, bytes: new Uint8Array(data.subarray(at + 16, at + 16 + length)) })
    at += 16 + length
  }
  return frames
}

/** Hex text of bytes, no separators. */
export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex')
}

/** Bytes from hex text. */
export function unhex(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'hex'))
}
