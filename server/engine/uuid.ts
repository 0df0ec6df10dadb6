// Fresh UUIDs for rows, `_version`s and named UUIDs: random (version 4) and lowercase, like
// ovsdb-server's uuid_generate.

import { randomUUID } from 'node:crypto'
import type { Uuid } from '../../schema/index.js'

/** A new random UUID in canonical lowercase text. */
export function randomUuid(): Uuid {
  return randomUUID()
}
