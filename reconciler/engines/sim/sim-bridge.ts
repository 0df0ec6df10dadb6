// One bridge of the sim engine (an ofproto on a datapath of some type): its interfaces by name, their
// ofports, and its ports (bundles). @internal to sim/.

import type { PortSpec } from '../engine.js'
import type { SimInterface } from './interface.js'
import { OfportAllocator } from './ofport.js'

/** @internal */
export class SimBridge {
  readonly ofports = new OfportAllocator()
  readonly interfaces = new Map<string, SimInterface>()
  readonly ports = new Map<string, PortSpec>()

  constructor(
    readonly name: string,
    /** Never "": "" was turned into "system" on creation. */
    readonly datapathType: string,
  ) {}

  /** The interface holding `ofport`, if any. */
  byOfport(ofport: number): SimInterface | undefined {
    for (const iface of this.interfaces.values()) if (iface.ofport === ofport) return iface
    return undefined
  }
}
