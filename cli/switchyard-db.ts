// `node dist/cli/switchyard-db.js import|export|convert ...`: moves a database between Open vSwitch's
// standalone file format (conf.db) and Switchyard's SQLite store, or converts a store to a new
// schema offline (as `ovsdb-tool convert`; a running server converts online with the `convert` method). Exit status 0 on success, 1 when the transfer fails, 2 on bad usage.

import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { databaseSchemaFromJson } from '../schema/index.js'
import { convertSqliteFile, exportOvsdbFile, importOvsdbFile, type TransferSummary } from '../server/storage/index.js'

/** The subcommands, as typed on the command line. */
export const COMMANDS = ['import', 'export', 'convert'] as const

const USAGE = `usage: switchyard-db import OVSDB_FILE SQLITE_FILE   create a Switchyard database from an Open vSwitch one
       switchyard-db export SQLITE_FILE OVSDB_FILE   write a compacted Open vSwitch database file
       switchyard-db convert SQLITE_FILE SCHEMA      convert a (stopped) database to a new schema`

/** Runs one command; returns the exit status. Output goes to `out`, errors to `err`. */
export function main(args: readonly string[], out = (line: string) => console.log(line), err = (line: string) => console.error(line)): number {
  const [command, from, to, ...rest] = args
  if (command === '--help' || command === '-h') {
    out(USAGE)
    return 0
  }
  if (!COMMANDS.includes(command as (typeof COMMANDS)[number]) || from === undefined || to === undefined || rest.length > 0) {
    err(command === undefined || COMMANDS.includes(command as (typeof COMMANDS)[number]) ? USAGE : `switchyard-db: unknown command "${command}"\n${USAGE}`)
    return 2
  }
  try {
    if (command === 'convert') {
      out(convert(from, to))
      return 0
    }
    const summary = command === 'import' ? importOvsdbFile(from, to) : exportOvsdbFile(from, to)
    out(describe(command, summary, from, to))
    return 0
  } catch (error) {
    err(`switchyard-db: ${command}: ${error instanceof Error ? error.message : String(error)}`)
    return 1
  }
}

/** Converts the store `path` to the schema in `schemaPath`; returns the line to print. */
function convert(path: string, schemaPath: string): string {
  const schema = databaseSchemaFromJson(JSON.parse(readFileSync(schemaPath, 'utf8')))
  const rows = convertSqliteFile(path, schema)
  return `converted ${schema.name}: ${rows} row(s) in ${path} to schema version ${schema.version || '(none)'}`
}

function describe(command: string, summary: TransferSummary, from: string, to: string): string {
  const what = `${summary.database}: ${summary.rows} row(s)`
  if (command === 'export') return `exported ${what} from ${from} to ${to}`
  const torn = summary.truncated ? ' (an incomplete last record was ignored, as ovsdb-server does)' : ''
  return `imported ${what} from ${summary.transactions} transaction record(s) of ${from} into ${to}${torn}`
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2))
}
