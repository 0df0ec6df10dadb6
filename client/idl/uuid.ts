// Random (version 4) UUIDs for rows a transaction inserts before the server names them.

import { randomUUID } from 'node:crypto'

/** A fresh random UUID in canonical lowercase text. */
export function randomUuid(): string {
  return randomUUID()
}
