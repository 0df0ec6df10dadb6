// The system-wide part of BFD in ovs-vswitchd: local discriminators random, non-zero and unique among
// live sessions (RFC 5880 §6.8.1), and UDP source ports handed out as 49152 + (n mod 16384) (RFC 5881 §4).

import type { BfdConfig } from './config.js'
import { BfdSession } from './session.js'
import type { BfdSessionDeps } from './session-deps.js'

/** Everything a session needs except what the registry allocates. */
export type BfdSessionEnv = Omit<BfdSessionDeps, 'discriminator' | 'udpSrc' | 'random'>

/** Creates and tracks the sessions of one process; one registry per reconciler (or per test). */
export class BfdRegistry {
  readonly #random: () => number
  readonly #sessions = new Map<number, BfdSession>()
  #udpCounter = 0

  /** `random` returns uniform unsigned 32-bit integers; it feeds discriminators and jitter. */
  constructor(random: () => number) {
    this.#random = random
  }

  /** Starts a session with a fresh discriminator and the next UDP source port; throws Error on a degenerate random source. */
  create(env: BfdSessionEnv, config: BfdConfig): BfdSession {
    const discriminator = this.#newDiscriminator()
    const udpSrc = 49152 + (this.#udpCounter++ % 16384)
    const session = new BfdSession({ ...env, discriminator, udpSrc, random: this.#random }, config)
    this.#sessions.set(discriminator, session)
    return session
  }

  /** Closes a session and frees its discriminator; no-op for one already destroyed. */
  destroy(session: BfdSession): void {
    for (const [disc, s] of this.#sessions) {
      if (s === session) this.#sessions.delete(disc)
    }
    session.close()
  }

  /** Number of live sessions. */
  get size(): number {
    return this.#sessions.size
  }

  #newDiscriminator(): number {
    for (let tries = 0; tries < 1000; tries++) {
      const disc = this.#random() >>> 0
      if (disc !== 0 && !this.#sessions.has(disc)) return disc
    }
    throw new Error('BfdRegistry: the random source keeps giving 0 or discriminators in use')
  }
}
