// Open vSwitch's standalone database file as a sequence of records (man ovsdb(5), ovsdb/log.c):
// each is a header line `OVSDB JSON <length> <sha1>` followed by exactly <length> bytes of JSON
// ending in a newline, whose SHA-1 the header carries. Reading and writing records, nothing more.

import { createHash } from 'node:crypto'
import { parseStoredJson } from './stored-json.js'

const MAGIC = 'OVSDB JSON '
const CLUSTER_MAGIC = 'OVSDB CLUSTER '
const HEADER = /^OVSDB JSON (\d+) ([0-9a-f]{40})$/

/** The records of a standalone database file, and whether an incomplete last record was ignored. */
export interface OvsdbLog {
  readonly records: unknown[]
  /** A torn write at the end (as after a crash): ovsdb-server ignores it too. */
  readonly truncated: boolean
}

/**
 * Parses the bytes of a standalone database file. Throws an Error saying where for a clustered
 * file, a malformed header, a SHA-1 mismatch or JSON that does not parse; an incomplete final
 * record is dropped and reported as `truncated`.
 */
export function parseOvsdbLog(bytes: Buffer): OvsdbLog {
  if (bytes.subarray(0, CLUSTER_MAGIC.length).toString('latin1') === CLUSTER_MAGIC) {
    throw new Error('a clustered database: convert it first with ovsdb-tool cluster-to-standalone')
  }
  const records: unknown[] = []
  let offset = 0
  while (offset < bytes.length) {
    const newline = bytes.indexOf(0x0a, offset)
    if (newline < 0) return { records, truncated: true }
    const header = bytes.subarray(offset, newline).toString('latin1')
    const match = HEADER.exec(header)
    if (match === null) {
      throw new Error(`record ${records.length} at offset ${offset}: bad header ${JSON.stringify(header.slice(0, 80))}`)
    }
    const end = newline + 1 + Number(match[1])
    if (end > bytes.length) return { records, truncated: true }
    const body = bytes.subarray(newline + 1, end)
    if (createHash('sha1').update(body).digest('hex') !== match[2]) {
      throw new Error(`record ${records.length} at offset ${offset}: SHA-1 mismatch`)
    }
    records.push(parseStoredJson(body.toString('utf8')))
    offset = end
  }
  return { records, truncated: false }
}

/** One record (header and body) for the JSON text `json` (compact, without the final newline). */
export function ovsdbRecord(json: string): Buffer {
  const body = Buffer.from(`${json}\n`, 'utf8')
  const sha1 = createHash('sha1').update(body).digest('hex')
  return Buffer.concat([Buffer.from(`${MAGIC}${body.length} ${sha1}\n`, 'latin1'), body])
}
