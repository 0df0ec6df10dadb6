// A wire between two devices of sim engines (the same engine or two): frames sent out of one end
// arrive at the other after `delay` ms. A test can cut it (both directions lost, carrier down on both
// ends), drop one direction (carrier stays up), or delay it.

import type { SimEngine } from './sim-engine.js'

/** One end: a device name on an engine (a system or dummy interface once attached to a bridge). */
export interface WireEnd {
  readonly engine: SimEngine
  readonly device: string
}

/** Direction of travel, from end a to end b or back. */
export type WireDirection = 'a->b' | 'b->a'

/** A point-to-point link; create it with `connectWire`. */
export class Wire {
  #intact = true
  #delay = 0
  readonly #dropped = new Set<WireDirection>()

  /** @internal Use connectWire. */
  constructor(
    readonly a: WireEnd,
    readonly b: WireEnd,
  ) {}

  /** True unless cut. */
  get intact(): boolean {
    return this.#intact
  }

  /** Unplugs the wire: frames are lost both ways and both ends lose carrier. */
  cut(): void {
    this.#intact = false
    this.#changed('wire cut')
  }

  /** Plugs it back in and stops dropping in either direction. */
  restore(): void {
    this.#intact = true
    this.#dropped.clear()
    this.#changed('wire restored')
  }

  /** Loses every frame travelling in `direction`; carrier stays up. */
  drop(direction: WireDirection): void {
    this.#dropped.add(direction)
  }

  /** Delivers frames after `ms` milliseconds of the receiving engine's clock. */
  delay(ms: number): void {
    this.#delay = ms
  }

  /** The end facing `end`, if `end` is one of this wire's ends. */
  otherEnd(engine: SimEngine, device: string): WireEnd | undefined {
    if (this.a.engine === engine && this.a.device === device) return this.b
    if (this.b.engine === engine && this.b.device === device) return this.a
    return undefined
  }

  /** @internal Carries a frame sent by (engine, device) to the other end, unless cut or dropped. */
  carry(engine: SimEngine, device: string, frame: Uint8Array): void {
    const to = this.otherEnd(engine, device)
    const direction: WireDirection = to === this.b ? 'a->b' : 'b->a'
    if (!to || !this.#intact || this.#dropped.has(direction)) return
    const clock = to.engine.clock
    clock.setTimer(clock.now() + this.#delay, () => to.engine.deliver(to.device, frame))
  }

  #changed(reason: string): void {
    this.a.engine.refreshLinks(reason)
    if (this.b.engine !== this.a.engine) this.b.engine.refreshLinks(reason)
  }
}

/** Connects two devices with a wire and registers it with both engines. */
export function connectWire(a: WireEnd, b: WireEnd): Wire {
  const wire = new Wire(a, b)
  a.engine.attachWire(wire)
  if (b.engine !== a.engine) b.engine.attachWire(wire)
  return wire
}
