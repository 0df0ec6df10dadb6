// randomUuid: canonical version-4 text, no repeats, and a flat string: a thousand of them kept
// alive cost a few dozen bytes each, where crypto.randomUUID's ropes cost hundreds.

import { randomUUID } from 'node:crypto'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import t from 'tap'
import { randomUuid } from '../../../server/engine/uuid.js'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

/** Heap bytes retained per string by `count` strings from `make`. */
function retainedBytesEach(make: () => string, count: number): number {
  gc()
  const before = process.memoryUsage().heapUsed
  const kept = Array.from({ length: count }, make)
  gc()
  const after = process.memoryUsage().heapUsed
  if (kept.length !== count) throw new Error('lost strings')
  return (after - before - 8 * count) / count
}

t.test('version 4, lowercase, canonical, never repeated', async (t) => {
  const seen = new Set<string>()
  for (let i = 0; i < 100_000; i++) seen.add(randomUuid())
  t.equal(seen.size, 100_000, 'no repeats in 100,000 (across many refills of the random batch)')
  const bad = [...seen].filter((uuid) => !/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(uuid))
  t.same(bad, [], 'all canonical version-4 variant-1 text')
  const nibbles = new Set([...seen].map((uuid) => uuid[0]))
  t.equal(nibbles.size, 16, 'the first digit takes all 16 values')
})

t.test('kept UUIDs are flat strings, not ropes', async (t) => {
  const ours = retainedBytesEach(randomUuid, 20_000)
  const ropes = retainedBytesEach(() => randomUUID(), 20_000)
  t.ok(ours < 80, `ours retain ${ours.toFixed(0)} bytes each (a 36-character string: 56)`)
  t.ok(ropes > 2 * ours, `crypto.randomUUID's retain ${ropes.toFixed(0)} bytes each`)
})
