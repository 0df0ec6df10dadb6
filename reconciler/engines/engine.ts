// The engine interface: the only way the reconciler touches a switch. It is Open vSwitch's
// dpif/ofproto boundary — datapaths, bridges with their ports and OpenFlow port numbers, interface
// kinds, link state, and a packet path (execute out of a port; frames arriving come back as upcalls).
// Implemented by sim/ (in process) and, later, linux/ (real kernel devices); every method is async.

/** Interface kinds every engine understands (Interface:type; "" means system). */
export const PORT_KINDS = ['internal', 'system', 'tap', 'patch', 'dummy'] as const
export type PortKind = (typeof PORT_KINDS)[number]

/** OFPP_LOCAL: the OpenFlow port of a bridge's own internal port, named as the bridge. */
export const OFPP_LOCAL = 65534
/** The highest ofport_request the schema allows; automatic numbers stay within 1..32767. */
export const OFPORT_REQUEST_MAX = 65279

/** A bridge to create: Bridge:name and Bridge:datapath_type ("" means system, as in ovs-vswitchd). */
export interface BridgeSpec {
  readonly name: string
  readonly datapathType: string
}

/** An interface to open and attach (one ofport); the reconciler builds this from an Interface row. */
export interface InterfaceSpec {
  readonly name: string
  /** Interface:type; "" means system. */
  readonly type: string
  /** Interface:options (patch: peer). */
  readonly options: Readonly<Record<string, string>>
  /** Interface:ofport_request, honoured when that number is free. */
  readonly ofportRequest?: number
  /** Interface:mtu_request; an MTU the device refuses leaves the MTU as it was (logged, no error). */
  readonly mtuRequest?: number
  /** Interface:mac, applied to internal ports only. */
  readonly mac?: string
}

/** What an engine reports for one interface: the Interface status columns ovs-vswitchd writes. */
export interface InterfaceState {
  readonly name: string
  readonly type: PortKind
  readonly ofport: number
  readonly options: Readonly<Record<string, string>>
  readonly adminState: 'up' | 'down'
  readonly linkState: 'up' | 'down'
  readonly linkResets: number
  /** undefined for kinds without one (patch). */
  readonly mtu: number | undefined
  readonly mac: string | undefined
  /** 0 when the kind has none (patch, dummy). */
  readonly ifindex: number
  /** Interface:status (driver_name, …; {} for patch and dummy). */
  readonly status: Readonly<Record<string, string>>
  readonly statistics: Readonly<Record<string, number>>
  /** A problem that does not stop the interface, e.g. a patch peer that does not exist (written to Interface:error). */
  readonly error: string | undefined
}

/** A port (an ofproto bundle): one interface, several (a bond), optionally VLAN tagged (a fake bridge's ports). */
export interface PortSpec {
  readonly name: string
  /** Names of its interfaces on the same bridge; more than one makes a bond. */
  readonly interfaces: readonly string[]
  /** Port:tag, the access VLAN. */
  readonly tag?: number
  /** Port:trunks. */
  readonly trunks?: readonly number[]
  /** Port:fake_bridge: this port is the internal port of a fake bridge (VLAN `tag` of its parent). */
  readonly fakeBridge?: boolean
  /** Port:bond_mode for bonds (active-backup, balance-slb, balance-tcp). */
  readonly bondMode?: string
}

/** A bridge as the engine has it. */
export interface BridgeState {
  readonly name: string
  /** The datapath type it lives on (never ""). */
  readonly datapathType: string
  /** Bridge:datapath_version. */
  readonly datapathVersion: string
  readonly interfaces: readonly InterfaceState[]
  readonly ports: readonly PortSpec[]
}

/** A frame that arrived on a port and went to userspace (a datapath miss). */
export interface Upcall {
  readonly bridge: string
  readonly ofport: number
  readonly interface: string
  readonly frame: Uint8Array
  /** Tunnel key it arrived with; undefined when not tunnelled. */
  readonly tunnelKey?: bigint
}

/** What an engine tells its subscribers. */
export type EngineEvent =
  | { readonly kind: 'upcall'; readonly upcall: Upcall }
  /** Something the reconciler may want to look at again: link state, a device appearing or going away. */
  | { readonly kind: 'changed'; readonly reason: string }
  /** A line ovs-vswitchd would log (warnings that never reach the database). */
  | { readonly kind: 'log'; readonly level: 'info' | 'warn'; readonly text: string }

/** The switch as the reconciler sees it. Failures are EngineError (see errors.ts); anything else is a bug. */
export interface Engine {
  /** Datapath types bridges can be created on (Open_vSwitch:datapath_types). */
  datapathTypes(): Promise<readonly string[]>
  /** Interface types it can open (Open_vSwitch:iface_types). */
  interfaceTypes(): Promise<readonly string[]>
  /** Every bridge with its interfaces and ports as they are now. */
  listBridges(): Promise<readonly BridgeState[]>
  /** Creates a bridge with its local internal port (ofport 65534); throws "failed to create bridge …". */
  addBridge(spec: BridgeSpec): Promise<BridgeState>
  /** Deletes a bridge, its ports and interfaces; no-op when absent. */
  deleteBridge(name: string): Promise<void>
  /** Opens a device of the spec's type and attaches it with an ofport; throws "could not open network device …". */
  addInterface(bridge: string, spec: InterfaceSpec): Promise<InterfaceState>
  /** Applies options, MTU and MAC to an attached interface in place (type and ofport do not change here). */
  reconfigureInterface(bridge: string, spec: InterfaceSpec): Promise<InterfaceState>
  /** Detaches an interface and frees its ofport; no-op when absent (the local port stays with its bridge). */
  deleteInterface(bridge: string, name: string): Promise<void>
  /** Creates or replaces a port (bundle) over interfaces of the bridge. */
  setPort(bridge: string, spec: PortSpec): Promise<void>
  /** Removes a port (its interfaces stay until deleted); no-op when absent. */
  deletePort(bridge: string, name: string): Promise<void>
  /** Sends a frame out of `ofport` of `bridge` (dpif execute with an output action). */
  execute(bridge: string, ofport: number, frame: Uint8Array): Promise<void>
  /** Registers a listener for upcalls, changes and log lines; returns the unsubscriber. */
  subscribe(listener: (event: EngineEvent) => void): () => void
  /** Releases everything; the engine is unusable afterwards. */
  close(): Promise<void>
}
