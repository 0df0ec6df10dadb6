// Framer throughput on a realistic OVSDB stream (vswitch-like transact requests, update2
// notifications, replies), beside JSON.parse of the same messages already split (the ceiling).
// Run: npx tsx bench/framer.ts [MB] — prints MB/s of both and their ratio.

import { Framer } from '../protocol/index.js'

const TARGET_MB = Number(process.argv[2] ?? 4)
const CHUNK_BYTES = 64 * 1024
const RUNS = 15

let counter = 0
function uuid(): string {
  const hex = (++counter).toString(16).padStart(12, '0')
  return `5b1c0a2e-77d4-4c1f-9e3a-${hex}`
}

function transact(i: number): unknown {
  const iface = `row${uuid().slice(-8)}`
  const port = `row${uuid().slice(-8)}`
  return {
    id: i,
    method: 'transact',
    params: [
      'Open_vSwitch',
      { op: 'wait', timeout: 0, table: 'Bridge', where: [['_uuid', '==', ['uuid', uuid()]]], until: '==', columns: ['ports'], rows: [{ ports: ['set', [['uuid', uuid()], ['uuid', uuid()]]] }] },
      { op: 'insert', table: 'Interface', 'uuid-name': iface, row: { name: `tap${i}`, type: 'internal', mtu_request: 1500, external_ids: ['map', [['attached-mac', 'fa:16:3e:12:34:56'], ['iface-id', uuid()], ['iface-status', 'active'], ['vm-uuid', uuid()]]], other_config: ['map', []] } },
      { op: 'insert', table: 'Port', 'uuid-name': port, row: { name: `tap${i}`, interfaces: ['named-uuid', iface], tag: i % 4094, trunks: ['set', [10, 20, 30]], other_config: ['map', [['priority-tags', 'true']]] } },
      { op: 'mutate', table: 'Bridge', where: [['_uuid', '==', ['uuid', uuid()]]], mutations: [['ports', 'insert', ['set', [['named-uuid', port]]]]] },
      { op: 'mutate', table: 'Open_vSwitch', where: [['_uuid', '==', ['uuid', uuid()]]], mutations: [['next_cfg', '+=', 1]] },
      { op: 'select', table: 'Open_vSwitch', where: [['_uuid', '==', ['uuid', uuid()]]], columns: ['next_cfg'] },
      { op: 'comment', comment: `ovs-vsctl: ovs-vsctl add-port br-int tap${i} -- set Interface tap${i} external-ids:iface-id=${uuid()}` },
    ],
  }
}

function update2(i: number): unknown {
  const rows: Record<string, unknown> = {}
  for (let k = 0; k < 4; k++) {
    rows[uuid()] = {
      modify: {
        statistics: ['map', [['collisions', 0], ['rx_bytes', 81234567 + i], ['rx_crc_err', 0], ['rx_dropped', 3], ['rx_packets', 412345 + k], ['tx_bytes', 98765432], ['tx_packets', 512345]]],
        link_state: 'up',
        link_speed: 10000000000,
        status: ['map', [['driver_name', 'veth'], ['driver_version', '1.0'], ['firmware_version', '']]],
      },
    }
  }
  rows[uuid()] = { insert: { name: `vif${i}`, ofport: 12 + i, admin_state: 'up', mac_in_use: '4a:1b:2c:3d:4e:5f', bfd_status: ['map', [['forwarding', 'true'], ['state', 'up'], ['diagnostic', 'No Diagnostic']]] } }
  return { id: null, method: 'update2', params: [['monid', 'Open_vSwitch'], { Interface: rows }] }
}

function replyTo(i: number): unknown {
  return { id: i, result: [{}, { uuid: ['uuid', uuid()] }, { uuid: ['uuid', uuid()] }, { count: 1 }, { count: 1 }, { rows: [{ next_cfg: 1000 + i }] }, {}], error: null }
}

function buildMessages(): string[] {
  const texts: string[] = []
  let bytes = 0
  for (let i = 0; bytes < TARGET_MB * 1e6; i++) {
    const message = [transact, update2, replyTo][i % 3](i)
    const text = JSON.stringify(message)
    texts.push(text)
    bytes += Buffer.byteLength(text)
  }
  return texts
}

function chunksOf(stream: Buffer): Buffer[] {
  const chunks: Buffer[] = []
  for (let at = 0; at < stream.length; at += CHUNK_BYTES) chunks.push(stream.subarray(at, at + CHUNK_BYTES))
  return chunks
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/** Times one call of `work` in seconds; `work` returns how many messages it parsed. */
function timeOnce(work: () => number): number {
  const started = process.hrtime.bigint()
  if (work() === 0) throw new Error('benchmark parsed nothing')
  return Number(process.hrtime.bigint() - started) / 1e9
}

/** Runs the contenders alternately RUNS times (after two warm-ups); median MB/s of each over `bytes`. */
function throughputs(bytes: number, contenders: (() => number)[]): number[] {
  const rates: number[][] = contenders.map(() => [])
  for (let run = -2; run < RUNS; run++) {
    contenders.forEach((work, k) => {
      const seconds = timeOnce(work)
      if (run >= 0) rates[k].push(bytes / 1e6 / seconds)
    })
  }
  return rates.map(median)
}

const texts = buildMessages()
const stream = Buffer.from(texts.join('\n'))
const chunks = chunksOf(stream)
const bytes = stream.length
/** The same stream with a 64-bit counter in every update2, which sends those through the exact parser. */
const wideChunks = chunksOf(Buffer.from(texts.join('\n').replace(/\["rx_bytes",\d+\]/g, '["rx_bytes",1152921504606846976]')))

function parseSplit(): number {
  let count = 0
  for (const text of texts) if (JSON.parse(text) !== null) count++
  return count
}

function frameStream(input: Buffer[]): number {
  const f = new Framer({ maxMessageBytes: 16 * 1024 * 1024 })
  let count = 0
  for (const chunk of input) count += f.push(chunk).length
  if (count !== texts.length) throw new Error(`framer found ${count} messages, expected ${texts.length}`)
  return count
}

const [ceiling, framer, wide] = throughputs(bytes, [parseSplit, () => frameStream(chunks), () => frameStream(wideChunks)])
console.log(`stream: ${texts.length} messages, ${(bytes / 1e6).toFixed(1)} MB, ${CHUNK_BYTES / 1024} KiB chunks, median of ${RUNS} runs`)
console.log(`JSON.parse, pre-split (ceiling): ${ceiling.toFixed(0)} MB/s`)
console.log(`Framer.push over chunks:          ${framer.toFixed(0)} MB/s`)
console.log(`ratio ceiling/framer: ${(ceiling / framer).toFixed(2)}x (target <= 2x)`)
console.log(`Framer, 64-bit counters in every update2 (exact parser on 1/3 of messages): ${wide.toFixed(0)} MB/s`)
