// Chooses the switch driver for an engine name given on the command line.

import type { EngineKind } from './args.js'
import type { SwitchDriver } from './driver.js'
import { EngineDriver } from './engine-adapter.js'
import { SimEngine, type Clock, type DeviceSpec } from './engines/index.js'
import type { ReconcilerLog } from './log.js'

/** What a driver may need from the process. */
export interface DriverContext {
  /** System devices that exist on the simulated switch. */
  readonly devices: readonly DeviceSpec[]
  readonly clock: Clock
  readonly log: ReconcilerLog
}

/** The driver for `kind`. */
export function createDriver(kind: EngineKind, context: DriverContext): SwitchDriver {
  switch (kind) {
    case 'sim':
      return new EngineDriver(new SimEngine({ clock: context.clock, devices: context.devices }), context.log)
  }
}
