// Public surface of the sim engine: the engine, wires between devices, and device lists.

export { SimEngine, SIM_DATAPATH_TYPES, SIM_INTERFACE_TYPES } from './sim-engine.js'
export type { SimEngineOptions } from './sim-engine.js'
export { Wire, connectWire } from './wire.js'
export type { WireEnd, WireDirection } from './wire.js'
export { parseDeviceList } from './devices.js'
export type { DeviceSpec } from './devices.js'
export { MTU_RANGE } from './open-device.js'
