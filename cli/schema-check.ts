// `npm run schema:check`: holds Switchyard's shipped vswitch schema against the one Open vSwitch
// installed (or the file named as the first argument) and prints every difference in tables,
// columns, types and constraints. Exit status 0 with "no difference", 1 otherwise, 2 on errors.

import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseJsonExact } from '../protocol/index.js'
import { databaseSchemaFromJson, diffSchemas, OvsdbError, type DatabaseSchema } from '../schema/index.js'

const INSTALLED_SCHEMA = '/usr/share/openvswitch/vswitch.ovsschema'

/** Runs the check; returns the exit status. */
export function main(args: readonly string[]): number {
  const theirsPath = args[0] ?? INSTALLED_SCHEMA
  try {
    const differences = diffSchemas(loadSchema(shippedSchemaPath()), loadSchema(theirsPath))
    for (const line of differences) console.log(line)
    if (differences.length === 0) console.log('no difference')
    return differences.length === 0 ? 0 : 1
  } catch (error) {
    console.error(`schema-check: ${error instanceof Error ? error.message : String(error)}`)
    return 2
  }
}

/** Parses one .ovsschema file, keeping 64-bit integers exact. */
function loadSchema(path: string): DatabaseSchema {
  const text = readFileSync(path, 'utf8')
  try {
    return databaseSchemaFromJson(parseJsonExact(text))
  } catch (error) {
    if (error instanceof OvsdbError) throw new Error(`${path}: ${error.message}`)
    throw error
  }
}

/** schema/vswitch.ovsschema, found from this file whether it runs from cli/ or dist/cli/. */
function shippedSchemaPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let depth = 0; depth < 4; depth++) {
    const candidate = join(dir, 'schema', 'vswitch.ovsschema')
    if (existsSync(candidate)) return candidate
    dir = resolve(dir, '..')
  }
  throw new Error('cannot find schema/vswitch.ovsschema')
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2))
}
