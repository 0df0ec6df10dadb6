// Chooses the switch driver for an engine name given on the command line.

import type { EngineKind } from './args.js'
import type { SwitchDriver } from './driver.js'
import { MemoryDriver } from './memory-driver.js'

/** What a driver may need from the process. */
export interface DriverContext {
  /** System devices that exist on the simulated switch. */
  readonly devices: readonly string[]
}

/** The driver for `kind`. */
export function createDriver(kind: EngineKind, context: DriverContext): SwitchDriver {
  switch (kind) {
    case 'sim':
      return new MemoryDriver(context.devices)
  }
}
