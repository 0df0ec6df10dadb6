// The readiness check behind /readyz: every database file (and its folder) is writable and every
// remote the command line asked for is open. Storage failures stop the process (server/main.ts),
// so an open, writable file means storage is usable.

import { accessSync, constants } from 'node:fs'
import { dirname } from 'node:path'

/** What the check reads. */
export interface ReadinessSource {
  readonly databasePaths: readonly string[]
  readonly expectedRemotes: number
  listRemotes(): readonly string[]
}

/** A function listing why the server is not ready (empty when ready). */
export function checkReadiness(source: ReadinessSource): () => string[] {
  return () => {
    const problems: string[] = []
    for (const path of source.databasePaths) {
      for (const target of [path, dirname(path)]) {
        try {
          accessSync(target, constants.W_OK)
        } catch (error) {
          problems.push(`${target}: not writable (${(error as NodeJS.ErrnoException).code ?? String(error)})`)
        }
      }
    }
    const open = source.listRemotes().length
    if (open < source.expectedRemotes) problems.push(`${open} of ${source.expectedRemotes} remotes open`)
    return problems
  }
}
