// Reads the members of a JSON object the way ovsdb-server's lib/ovsdb-parser.c does, with its
// error wording: "Parsing <what> failed: Required 'x' member is missing." and friends. Used by
// the type and schema parsers; the first problem found is thrown as a `syntax error`.

import { OvsdbError } from './error.js'
import { isId } from './id.js'
import { jsonInteger } from './integer.js'
import { jsonText } from './json-text.js'
import { unusedMembersAsOvs } from './ovs-first-error.js'
import { jsonReal, RealJson } from './real-json.js'

/** The kinds a member may be required to have; `id` is a string in <id> syntax. */
export const MEMBER_KINDS = ['null', 'boolean', 'object', 'array', 'integer', 'number', 'string', 'id'] as const
export type MemberKind = (typeof MEMBER_KINDS)[number]

/** A JSON object being read member by member; `finish` rejects members nobody asked for. */
export class MemberParser {
  private readonly object: Record<string, unknown>
  private readonly used = new Set<string>()

  /** Throws `syntax error` "Parsing <name> failed: Object expected." (no syntax) for non-objects. */
  constructor(
    private readonly json: unknown,
    private readonly name: string,
  ) {
    if (!isJsonObject(json)) {
      throw new OvsdbError('syntax error', `Parsing ${name} failed: Object expected.`)
    }
    this.object = json
  }

  /** The member's value; throws when it is missing or of none of `kinds`. */
  required(member: string, kinds: readonly MemberKind[]): unknown {
    const value = this.optional(member, kinds)
    if (value === undefined) this.fail(`Required '${member}' member is missing.`)
    return value
  }

  /** The member's value or undefined when absent; throws when it is of none of `kinds`. */
  optional(member: string, kinds: readonly MemberKind[]): unknown {
    if (!Object.hasOwn(this.object, member)) return undefined
    const value = this.object[member]
    if (!kinds.some((kind) => hasKind(value, kind))) this.fail(`Type mismatch for member '${member}'.`)
    this.used.add(member)
    return value
  }

  /** Throws when the object has members that were never read. */
  finish(): void {
    const unused = unusedMembersAsOvs(this.object, this.used)
    if (unused.length === 1) this.fail(`Member '${unused[0]}' is present but not allowed here.`)
    if (unused.length > 1) {
      const others = unused.length - 1
      this.fail(`Member '${unused[0]}' and ${others} other member${others > 1 ? 's' : ''} are present but not allowed here.`)
    }
  }

  private fail(message: string): never {
    throw new OvsdbError('syntax error', `Parsing ${this.name} failed: ${message}`, jsonText(this.json))
  }
}

/** True for a JSON object (not null, not an array). */
export function isJsonObject(json: unknown): json is Record<string, unknown> {
  return typeof json === 'object' && json !== null && !Array.isArray(json) && !(json instanceof RealJson)
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
    case 'number':
      return jsonReal(value) !== undefined
    case 'string':
      return typeof value === 'string'
    case 'id':
      return isId(value)
  }
}
