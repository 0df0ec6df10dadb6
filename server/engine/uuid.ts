// Fresh UUIDs for rows, `_version`s and named UUIDs: random (version 4) and lowercase, like
// ovsdb-server's uuid_generate. Each is one flat string: crypto.randomUUID builds its text by
// concatenation, a rope of some twenty heap objects (~440 bytes) that a stored row would keep for
// its whole life, twice (uuid and _version), and that every young-generation GC copies.

import { randomFillSync } from 'node:crypto'
import type { Uuid } from '../../schema/index.js'

/** UUIDs drawn per call to the random source (as randomUUID's own entropy cache does). */
const BATCH = 256
const random = Buffer.alloc(16 * BATCH)
let used = BATCH
const text = Buffer.alloc(36)
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1')
const DASH = 0x2d

/** A new random UUID in canonical lowercase text. */
export function randomUuid(): Uuid {
  if (used === BATCH) {
    randomFillSync(random)
    used = 0
  }
  const at = 16 * used++
  random[at + 6] = (random[at + 6] & 0x0f) | 0x40
  random[at + 8] = (random[at + 8] & 0x3f) | 0x80
  let out = 0
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) text[out++] = DASH
    const byte = random[at + i]
    text[out++] = HEX_DIGITS[byte >> 4]
    text[out++] = HEX_DIGITS[byte & 0x0f]
  }
  return text.toString('latin1')
}
