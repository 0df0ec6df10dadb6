// Locates files shipped with the package (schemas) from the running module, so the server finds
// them from source (tsx/tap) and from the build (dist/) alike, whatever the working directory.

import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The absolute path of `segments` under the package root (the nearest folder with a package.json). */
export function packagePath(...segments: string[]): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`)
    dir = parent
  }
  return join(dir, ...segments)
}
