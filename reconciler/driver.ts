// What reconfigure, status and BFD need from a switch engine, in the reconciler's own terms: the
// observed bridges and interfaces, create/change/delete steps, per-interface status, and the BFD
// packet path (transmit through a datapath execute, receive through upcalls). engine-driver.ts
// implements it over any engines/engine.ts Engine; tests may implement it directly.

import type { DesiredInterface } from './desired.js'
import type { ObservedState } from './plan.js'

/** A step that failed; `message` is the text ovs-vswitchd writes to Interface:error. */
export class DriverError extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message)
    this.name = 'DriverError'
  }
}

/** A created interface: its port number, and an error it carries while still usable (dangling patch peer). */
export interface CreatedInterface {
  readonly ofport: number
  readonly error?: string
}

/** Status of one interface as ovs-vswitchd reads it from the netdev (iface_refresh_netdev_status). */
export interface InterfaceStatus {
  readonly adminState: 'up' | 'down' | undefined
  readonly linkState: 'up' | 'down' | undefined
  readonly linkResets: number | undefined
  readonly linkSpeed: number | undefined
  readonly duplex: 'full' | 'half' | undefined
  readonly mtu: number | undefined
  readonly mac: string | undefined
  readonly ifindex: number | undefined
  readonly status: Readonly<Record<string, string>>
  readonly statistics: Readonly<Record<string, number>>
  /** An error the interface carries while it works (e.g. "No usable peer ..."), else undefined. */
  readonly error: string | undefined
}

/** Status of one bridge's datapath. */
export interface BridgeStatus {
  readonly datapathId: string
  readonly datapathVersion: string
}

/** The engine as the reconciler drives it. Every method may be called again with the same arguments. */
export interface SwitchDriver {
  /** Open_vSwitch:datapath_types. */
  datapathTypes(): Promise<readonly string[]>
  /** Open_vSwitch:iface_types. */
  ifaceTypes(): Promise<readonly string[]>
  /** Bridges and interfaces as they are now. */
  observe(): Promise<ObservedState>
  /** Creates a bridge (datapath of `datapathType` + ofproto); throws DriverError. */
  createBridge(name: string, datapathType: string): Promise<void>
  /** Deletes a bridge and its ports; no-op when absent. */
  deleteBridge(name: string): Promise<void>
  /** Adds an interface; throws DriverError (then it does not exist). */
  createInterface(bridge: string, iface: DesiredInterface): Promise<CreatedInterface>
  /** Applies changed options, MTU, MAC or tag in place; throws DriverError. */
  changeInterface(bridge: string, iface: DesiredInterface): Promise<void>
  /** Deletes an interface; no-op when absent. */
  deleteInterface(bridge: string, name: string): Promise<void>
  /** Status of an existing interface. */
  interfaceStatus(bridge: string, name: string): Promise<InterfaceStatus>
  /** Status of an existing bridge. */
  bridgeStatus(name: string): Promise<BridgeStatus>
  /** Sends `frame` out of interface `name` (a datapath execute with output to its port). */
  transmit(bridge: string, name: string, frame: Uint8Array): void
  /** Receives packets sent to userspace (upcalls), with the interface they arrived on and their tunnel key, if any. */
  onUpcall(listener: (bridge: string, name: string, frame: Uint8Array, tunnelKey?: bigint) => void): void
  /** Called when anything the reconciler reports may have changed (link state, devices appearing). */
  onChange(listener: () => void): void
}
