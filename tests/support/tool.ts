// Running a real command-line tool from a test without blocking the event loop (our server may run
// in the same process), and numbering the UUIDs of its output so two servers' outputs compare.

import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** A finished tool: its exit code (-1 when it was killed) and its output. */
export interface Outcome {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs `file` with `args` (20 s bound) and resolves with its outcome, whatever its exit code. */
export async function runTool(file: string, args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(file, args, { timeout: 20000 })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string }
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' }
  }
}

/** Replaces UUIDs by <1>, <2>, ... in order of first appearance. */
export function numberUuids(text: string): string {
  const seen = new Map<string, string>()
  return text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (uuid) => {
    if (!seen.has(uuid)) seen.set(uuid, `<${seen.size + 1}>`)
    return seen.get(uuid)!
  })
}
