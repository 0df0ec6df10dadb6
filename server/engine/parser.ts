// Reads one operation object the way ovsdb-server's lib/ovsdb-parser.c does: the first problem
// is remembered (not thrown) so that, as in ovsdb/execution.c, a parse error found when the
// operation finishes (an unexpected member) overrides whatever error the operation itself raised.

import { OvsdbError, isId, isJsonObject, jsonInteger, jsonText, unusedMembersAsOvs } from '../../schema/index.js'

/** JSON kinds a member may have (OVS enum ovsdb_parser_types); `id` is a string in <id> syntax. */
export const MEMBER_KINDS = ['null', 'boolean', 'object', 'array', 'integer', 'real', 'string', 'id'] as const
export type MemberKind = (typeof MEMBER_KINDS)[number]

/** The parser of one operation, named like "ovsdb operation 2 of 3" in its errors. @internal */
export class OpParser {
  /** The operation object, or undefined when it is not an object. */
  readonly json: Record<string, unknown> | undefined
  /** Members read so far, each once (an operation has a handful). */
  private readonly used: string[] = []
  private error: OvsdbError | undefined

  constructor(json: unknown, private readonly name: string) {
    this.json = isJsonObject(json) ? json : undefined
    if (this.json === undefined) this.raise('Object expected.')
  }

  /** The member's value when present with one of `kinds`; otherwise records an error and returns undefined. */
  member(name: string, kinds: readonly MemberKind[], optional = false): unknown {
    if (this.json === undefined) return undefined
    if (!Object.hasOwn(this.json, name)) {
      if (!optional) this.raise(`Required '${name}' member is missing.`)
      return undefined
    }
    const value = this.json[name]
    let typed = false
    for (let i = 0; i < kinds.length && !typed; i++) typed = hasKind(value, kinds[i])
    if (!typed) {
      this.raise(`Type mismatch for member '${name}'.`)
      return undefined
    }
    if (!this.used.includes(name)) this.used.push(name)
    return value
  }

  /** Records "Parsing <name> failed: <message>" unless an error is already recorded. */
  raise(message: string): void {
    if (this.error !== undefined) return
    const syntax = this.json === undefined ? undefined : jsonText(this.json)
    this.error = new OvsdbError('syntax error', `Parsing ${this.name} failed: ${message}`, syntax)
  }

  /** Throws the recorded error, if any (OVS ovsdb_parser_get_error). */
  check(): void {
    if (this.error !== undefined) throw this.error
  }

  /** The recorded error after checking for members nobody read (OVS ovsdb_parser_finish). */
  finish(): OvsdbError | undefined {
    if (this.error === undefined && this.json !== undefined) {
      // Every member read is one of the keys, so equal counts mean none is left over.
      const unused = Object.keys(this.json).length === this.used.length ? [] : unusedMembersAsOvs(this.json, { has: (name) => this.used.includes(name) })
      if (unused.length === 1) this.raise(`Member '${unused[0]}' is present but not allowed here.`)
      else if (unused.length > 1) {
        const others = unused.length - 1
        this.raise(`Member '${unused[0]}' and ${others} other member${others > 1 ? 's' : ''} are present but not allowed here.`)
      }
    }
    return this.error
  }
}

function hasKind(value: unknown, kind: MemberKind): boolean {
  switch (kind) {
    case 'null':
      return value === null
    case 'boolean':
      return typeof value === 'boolean'
    case 'object':
      return isJsonObject(value)
    case 'array':
      return Array.isArray(value)
    case 'integer':
      return jsonInteger(value) !== undefined
    case 'real':
      return typeof value === 'number' && jsonInteger(value) === undefined
    case 'string':
      return typeof value === 'string'
    case 'id':
      return isId(value)
  }
}
