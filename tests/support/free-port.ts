// A loopback TCP port for a test to hand to a program that must listen on it itself.

import { createServer } from 'node:net'

/** A TCP port nobody listens on right now on 127.0.0.1 (the kernel's choice, released at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0))
    })
  })
}
