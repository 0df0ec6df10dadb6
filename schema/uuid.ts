// UUID text: ovsdb-server accepts 36-character UUIDs in either case (lib/uuid.c) and always
// prints them lowercase, so Switchyard keeps every Uuid in lowercase canonical form.

import type { Uuid } from './types.js'

/** The all-zero UUID: the default uuid atom (RFC 7047 §5.1). */
export const ZERO_UUID: Uuid = '00000000-0000-0000-0000-000000000000'

const UUID_TEXT = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** The canonical (lowercase) Uuid for `text`, or undefined when it is not a UUID. */
export function uuidFromText(text: string): Uuid | undefined {
  if (CANONICAL_UUID.test(text)) return text
  return UUID_TEXT.test(text) ? text.toLowerCase() : undefined
}

/** True when `value` is a Uuid in canonical lowercase form. */
export function isUuid(value: unknown): value is Uuid {
  return typeof value === 'string' && CANONICAL_UUID.test(value)
}
