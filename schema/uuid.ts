// UUID text: ovsdb-server accepts 36-character UUIDs in either case (lib/uuid.c) and always
// prints them lowercase, so Switchyard keeps every Uuid in lowercase canonical form.

import type { Uuid } from './types.js'

/** The all-zero UUID: the default uuid atom (RFC 7047 §5.1). */
export const ZERO_UUID: Uuid = '00000000-0000-0000-0000-000000000000'

/** What uuidShape finds: not a UUID, a canonical (lowercase) one, or one with uppercase hex digits. */
const NOT_UUID = 0
const CANONICAL = 1
const UPPERCASE = 2

/**
 * The shape of `text` as a UUID (8-4-4-4-12 hex digits), checked by hand: UUIDs are parsed by
 * the thousand per request (a Bridge's `ports`), where a regular expression costs several times more.
 */
function uuidShape(text: string): number {
  if (text.length !== 36) return NOT_UUID
  let shape = CANONICAL
  for (let i = 0; i < 36; i++) {
    const c = text.charCodeAt(i)
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return NOT_UUID
    } else if (c >= 65 && c <= 70) {
      shape = UPPERCASE
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) {
      return NOT_UUID
    }
  }
  return shape
}

/** The canonical (lowercase) Uuid for `text`, or undefined when it is not a UUID. */
export function uuidFromText(text: string): Uuid | undefined {
  const shape = uuidShape(text)
  return shape === CANONICAL ? text : shape === UPPERCASE ? text.toLowerCase() : undefined
}

/** True when `value` is a Uuid in canonical lowercase form. */
export function isUuid(value: unknown): value is Uuid {
  return typeof value === 'string' && uuidShape(value) === CANONICAL
}
