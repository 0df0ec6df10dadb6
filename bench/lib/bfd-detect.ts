// BFD detection time on a patch pair, as a database monitor sees it: both ends Up, then BFD is
// disabled on one end (it falls silent, as a cut wire would leave it) and the time from that
// commit reaching the monitor until the other end's bfd_status leaves `up` is measured.

import { IfaceWatch, type IfaceView } from './iface-watch.js'
import type { SwitchStack } from './switch-stacks.js'

const [NEAR, FAR] = ['bfd-a', 'bfd-b'] as const
const UP_TIMEOUT_MS = 30_000
/** After both ends are Up, time for the Poll/Final that moves them off the 1 s slow rate. */
const SETTLE_MS = 1500
const MULT = 3

/** One interval's trials on one stack. */
export interface DetectionResult {
  readonly intervalMs: number
  /** The configured detection time, min_rx × mult. */
  readonly configuredMs: number
  /** Milliseconds from the cut commit to `state` other than up, per trial. */
  readonly samples: number[]
  /** `state / diagnostic` the near end showed then, per trial. */
  readonly outcomes: string[]
}

/** Adds bridges bfd-br-a and bfd-br-b joined by the patch pair bfd-a ↔ bfd-b (BFD off) with a waiting ovs-vsctl. */
export async function addBfdPair(stack: SwitchStack): Promise<void> {
  const bridge = (name: string) => ['--', 'add-br', name, '--', 'set', 'Bridge', name, `datapath_type=${stack.datapathType}`]
  const patch = (bridgeName: string, name: string, peer: string) => ['--', 'add-port', bridgeName, name, '--', 'set', 'Interface', name, 'type=patch', `options:peer=${peer}`]
  await stack.vsctl(...bridge('bfd-br-a'), ...bridge('bfd-br-b'), ...patch('bfd-br-a', NEAR, FAR), ...patch('bfd-br-b', FAR, NEAR))
}

/** Runs `trials` cuts with min_rx = min_tx = `intervalMs` (mult 3) on the pair added by addBfdPair; leaves BFD off. */
export async function measureDetection(stack: SwitchStack, intervalMs: number, trials: number): Promise<DetectionResult> {
  const watch = await IfaceWatch.open(stack.socketPath)
  const config = { enable: 'true', min_rx: String(intervalMs), min_tx: String(intervalMs), mult: String(MULT) }
  const result: DetectionResult = { intervalMs, configuredMs: intervalMs * MULT, samples: [], outcomes: [] }
  try {
    await watch.setBfd(NEAR, config)
    await watch.setBfd(FAR, config)
    for (let trial = 0; trial < trials; trial++) {
      await watch.until((rows) => stateOf(rows, NEAR) === 'up' && stateOf(rows, FAR) === 'up', UP_TIMEOUT_MS, `${stack.label}: BFD up on both ends`)
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS + Math.random() * intervalMs))
      const cut = watch.until((rows) => rows.get(FAR)?.bfd.enable === 'false', UP_TIMEOUT_MS, 'the cut to commit')
      const down = watch.until((rows) => stateOf(rows, NEAR) !== 'up', result.configuredMs * 20 + 5000, `${stack.label}: ${NEAR} to leave up`)
      down.catch(() => undefined)
      await watch.setBfd(FAR, { enable: 'false' })
      const [cutAt, downAt] = [await cut, await down]
      const near = watch.rows().get(NEAR)
      result.samples.push(downAt - cutAt)
      result.outcomes.push(`${near?.bfdStatus.state ?? '?'} / ${near?.bfdStatus.diagnostic ?? '?'}`)
      await watch.setBfd(FAR, config)
    }
    await watch.setBfd(NEAR, {})
    await watch.setBfd(FAR, {})
  } finally {
    await watch.close()
  }
  return result
}

function stateOf(rows: ReadonlyMap<string, IfaceView>, name: string): string | undefined {
  return rows.get(name)?.bfdStatus.state
}
