// The shape of a command (lib/db-ctl-base.h struct ctl_command_syntax): name, argument counts and
// help, accepted options, read-only or read-write, and the three phases — prerequisites (what to
// replicate), run (inside the transaction) and postprocess (after commit).

import type { DatabaseSchema } from '../../schema/index.js'
import type { Context } from './context.js'

/** What to replicate, filled by the commands' prerequisite phase (ovsdb_idl_add_table/_column). */
export class Prerequisites {
  readonly select = new Map<string, Set<string>>()

  constructor(readonly schema: DatabaseSchema) {}

  /** Replicates `table` (its rows, even with no columns). */
  addTable(table: string): void {
    if (!this.select.has(table)) this.select.set(table, new Set())
  }

  /** Replicates `table`.`column`, and the tables its references point to (add_ref_table). */
  addColumn(table: string, column: string): void {
    this.addTable(table)
    this.select.get(table)!.add(column)
    const type = this.schema.tables.get(table)?.columns.get(column)?.type
    for (const base of [type?.key, type?.value]) if (base?.refTable !== undefined) this.addTable(base.refTable)
  }

  /** The monitor selection, columns in name order. */
  monitorSelect(): Map<string, string[]> {
    return new Map([...this.select].map(([table, columns]) => [table, [...columns].sort()]))
  }
}

/** A command's view during its prerequisite phase. */
export interface PrereqContext {
  readonly argv: readonly string[]
  readonly options: ReadonlyMap<string, string | undefined>
  readonly prereqs: Prerequisites
  readonly schema: DatabaseSchema
  warn(module: string, message: string): void
}

/** One command of the table (RO commands never make the invocation wait for the switch). */
export interface CommandSpec {
  readonly name: string
  readonly minArgs: number
  readonly maxArgs: number
  readonly args: string
  /** Comma-separated accepted options; `=` after a name means it takes a value. */
  readonly options: string
  readonly mode: 'ro' | 'rw'
  readonly prereq?: (ctx: PrereqContext) => void
  readonly run?: (ctx: Context) => void
  readonly postprocess?: (ctx: Context, inserted: ReadonlyMap<string, string>) => void
}

/** A parsed command of an invocation. */
export interface ParsedCommand {
  readonly spec: CommandSpec
  /** argv[0] is the command name. */
  readonly argv: readonly string[]
  readonly options: ReadonlyMap<string, string | undefined>
}
