// Replays transcript steps through any executor (the real ovsdb-server over a socket, or our
// engine in-process) with one UuidNormalizer per transcript, yielding each step's normalised reply.

import { jsonToText } from '../../schema/index.js'
import { UuidNormalizer } from './normalize.js'
import type { TranscriptStep } from './transcript.js'

/** Runs one transaction (ops after the db name, placeholders resolved) and returns the raw result. */
export type Executor = (ops: readonly unknown[]) => Promise<unknown>

/** One replayed step: its index, the step, and the normalised actual reply. */
export interface ReplayedStep {
  readonly index: number
  readonly step: TranscriptStep
  readonly actual: unknown
}

/**
 * Runs `steps` in order through `execute`, resolving `<N>` placeholders in each request and
 * normalising each reply with the same numbering. An executor that throws yields
 * `{"executor error": message}` for that step and the replay goes on.
 */
export async function* replay(steps: readonly TranscriptStep[], execute: Executor): AsyncGenerator<ReplayedStep> {
  const normalizer = new UuidNormalizer()
  for (const [index, step] of steps.entries()) {
    const ops = normalizer.resolve(step.ops) as unknown[]
    let actual: unknown
    try {
      actual = normalizer.normalize(await execute(ops))
    } catch (error) {
      actual = { 'executor error': error instanceof Error ? error.message : String(error) }
    }
    yield { index, step, actual }
  }
}

/** True when two normalised replies are the same JSON value. */
export function sameReply(a: unknown, b: unknown): boolean {
  return jsonToText(a) === jsonToText(b)
}
