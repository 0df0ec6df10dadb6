// Public surface of reconciler/engines: the Engine interface, its errors, clocks, and the sim engine.

export { PORT_KINDS, OFPP_LOCAL, OFPORT_REQUEST_MAX } from './engine.js'
export type { PortKind, BridgeSpec, InterfaceSpec, InterfaceState, PortSpec, BridgeState, Upcall, EngineEvent, Engine } from './engine.js'
export { EngineError, noSuchDevice, unsupportedType, patchNeedsPeer, couldNotAdd, bridgeCreateFailed, noUsablePeerText, noSuchBridge } from './errors.js'
export { systemClock, VirtualClock } from './clock.js'
export type { Clock } from './clock.js'
export * from './sim/index.js'
