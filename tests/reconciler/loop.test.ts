// The reconcile loop: wake-ups coalesce into one pass, a wake during a pass gives exactly one more,
// a pass's nextAt wakes it on the clock, a throwing pass is logged and retried, stop() ends it.
import t from 'tap'
import { VirtualClock } from '../../reconciler/engines/clock.js'
import { SILENT_LOG, createReconcilerLog } from '../../reconciler/log.js'
import { ReconcileLoop, type PassOutcome } from '../../reconciler/loop.js'

t.test('many wake-ups before the pass starts give one pass', async (t) => {
  let passes = 0
  const loop = new ReconcileLoop(async () => (passes++, {}), new VirtualClock(), SILENT_LOG)
  for (let i = 0; i < 10; i++) loop.wake()
  await loop.idle()
  t.equal(passes, 1)
})

t.test('wake-ups during a pass give exactly one more pass', async (t) => {
  let passes = 0
  let release: () => void = () => undefined
  const loop = new ReconcileLoop(async () => {
    passes++
    if (passes === 1) await new Promise<void>((resolve) => (release = resolve))
    return {}
  }, new VirtualClock(), SILENT_LOG)
  loop.wake()
  await new Promise((resolve) => setImmediate(resolve))
  loop.wake()
  loop.wake()
  release()
  await loop.idle()
  t.equal(passes, 2)
})

t.test('a pass asking for nextAt runs again when the clock gets there, not before', async (t) => {
  const clock = new VirtualClock()
  let passes = 0
  const loop = new ReconcileLoop(async (): Promise<PassOutcome> => (passes++, passes === 1 ? { nextAt: 1000 } : {}), clock, SILENT_LOG)
  loop.wake()
  await loop.idle()
  clock.advance(999)
  await loop.idle()
  t.equal(passes, 1)
  clock.advance(1)
  await loop.idle()
  t.equal(passes, 2)
})

t.test('a pass that throws is logged and retried a second later', async (t) => {
  const clock = new VirtualClock()
  const lines: string[] = []
  let passes = 0
  const loop = new ReconcileLoop(async () => {
    passes++
    if (passes === 1) throw new Error('boom')
    return {}
  }, clock, createReconcilerLog('err', (line) => lines.push(line)))
  loop.wake()
  await loop.idle()
  t.match(lines.join(''), /reconfigure pass failed: Error: boom/)
  clock.advance(1000)
  await loop.idle()
  t.equal(passes, 2)
})

t.test('after stop no pass runs', async (t) => {
  let passes = 0
  const loop = new ReconcileLoop(async () => (passes++, {}), new VirtualClock(), SILENT_LOG)
  await loop.stop()
  loop.wake()
  await loop.idle()
  t.equal(passes, 0)
})
