// The public surface of server/monitor: a MonitorHub per hosted database turns each committed
// Delta into update/update2/update3 notifications, rendered once per distinct selection, and
// keeps the bounded transaction history that answers monitor_cond_since.

export { MonitorHub, type MonitorHubOptions } from './hub.js'
export { type MonitorSink } from './monitor.js'
export { MONITOR_VERSIONS, SplicedMessage, UPDATE_METHODS, type MonitorVersion } from './notification.js'
export type { TxnRecord } from './history.js'
