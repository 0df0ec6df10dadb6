// Test support: two BFD sessions joined by an in-memory link on a virtual clock, with the packets
// each sent and the state changes each logged, so scenarios read as RFC 5880's narratives.
import { BfdRegistry, decodeBfdFrame, decodeControlPacket, parseBfdConfig, type BfdSession, type ControlPacket } from '../../../reconciler/bfd/index.js'
import { VirtualClock } from '../../../reconciler/engines/clock.js'

/** A packet as sent: when, and its Control fields. */
export interface Sent {
  readonly at: number
  readonly packet: ControlPacket
}

/** One end: its session, what it sent, its logged state changes, and its interface rx counter. */
export interface End {
  readonly name: string
  session: BfdSession
  readonly sent: Sent[]
  readonly changes: { at: number; from: string; to: string; diag: string }[]
  readonly logs: string[]
  /** Frames delivered to this end's interface (BFD and any counted data). */
  rxPackets: number
}

/** Deterministic xorshift32 for jitter and discriminators. */
export function seededRandom(seed: number): () => number {
  let x = seed >>> 0 || 1
  return () => {
    x ^= x << 13
    x >>>= 0
    x ^= x >>> 17
    x ^= x << 5
    x >>>= 0
    return x
  }
}

/** Parses a bfd map that must enable BFD. */
export function config(map: Record<string, string>) {
  const parsed = parseBfdConfig({ enable: 'true', ...map }, 'test')
  if (!parsed.config) throw new Error('BFD not enabled')
  return parsed.config
}

/** Two sessions A and B, link delay 1 ms; `cut` drops both directions, `drop` one. */
export class Pair {
  readonly clock = new VirtualClock(1_000)
  readonly registry: BfdRegistry
  readonly a: End
  readonly b: End
  readonly blocked = new Set<'a->b' | 'b->a'>()
  delay = 1
  readonly #started = new Set<End>()

  /** Starts A now and B after `bStartsIn` ms (frames to an end not yet started are lost). */
  constructor(aMap: Record<string, string>, bMap: Record<string, string> = aMap, bStartsIn = 0, random = seededRandom(7)) {
    this.registry = new BfdRegistry(random)
    this.a = this.#end('a', aMap)
    this.b = this.#end('b', bMap, bStartsIn)
  }

  /** Stops delivery both ways. */
  cut(): void {
    this.blocked.add('a->b').add('b->a')
  }

  /** Resumes delivery both ways. */
  restore(): void {
    this.blocked.clear()
  }

  /** Advances virtual time by `ms`. */
  advance(ms: number): void {
    this.clock.advance(ms)
  }

  /** Packets `end` sent at or after `since`. */
  sentSince(end: End, since: number): ControlPacket[] {
    return end.sent.filter((s) => s.at >= since).map((s) => s.packet)
  }

  #end(name: 'a' | 'b', map: Record<string, string>, startsIn = 0): End {
    const end: End = { name, sent: [], changes: [], logs: [], rxPackets: 0, session: undefined as unknown as BfdSession }
    if (startsIn > 0) this.clock.setTimer(this.clock.now() + startsIn, () => this.#start(end, map))
    else this.#start(end, map)
    return end
  }

  #start(end: End, map: Record<string, string>): void {
    const name = end.name
    this.#started.add(end)
    end.session = this.registry.create(
      {
        name,
        clock: this.clock,
        hwAddr: () => (name === 'a' ? 'aa:55:aa:55:00:0a' : 'aa:55:aa:55:00:0b'),
        transmit: (frame) => this.#transmit(end, frame),
        rxPackets: () => end.rxPackets,
        log: (_level, text) => this.#log(end, text),
      },
      config(map),
    )
  }

  #transmit(from: End, frame: Uint8Array): void {
    const decoded = decodeControlPacket(decodeBfdFrame(frame)!.payload)
    if (!decoded.ok) throw new Error(decoded.reason)
    from.sent.push({ at: this.clock.now(), packet: decoded.packet })
    const to = from === this.a ? this.b : this.a
    if (this.blocked.has(from === this.a ? 'a->b' : 'b->a')) return
    this.clock.setTimer(this.clock.now() + this.delay, () => {
      if (!this.#started.has(to)) return
      to.rxPackets++
      to.session.receive(frame)
    })
  }

  #log(end: End, text: string): void {
    end.logs.push(text)
    const m = /BFD state change: (\w+)->(\w+) "[^"]*"->"([^"]*)"/.exec(text)
    if (m) end.changes.push({ at: this.clock.now(), from: m[1]!, to: m[2]!, diag: m[3]! })
  }
}
