// The JSON-RPC method names of RFC 7047 §4 plus the Open vSwitch extensions ovsdb-server 3.1
// speaks (ovsdb-server(7)), declared once: the union type and the runtime check both come from here.

/** Every method name that travels on the wire, requests and notifications alike, in either direction. */
export const METHODS = [
  'list_dbs',
  'get_schema',
  'transact',
  'cancel',
  'monitor',
  'update',
  'monitor_cond',
  'update2',
  'monitor_cond_change',
  'monitor_cond_since',
  'update3',
  'monitor_cancel',
  'monitor_canceled',
  'lock',
  'steal',
  'unlock',
  'locked',
  'stolen',
  'echo',
  'get_server_id',
  'set_db_change_aware',
  'convert',
] as const
export type Method = (typeof METHODS)[number]

/** True when `name` is one of METHODS. */
export function isMethod(name: string): name is Method {
  return (METHODS as readonly string[]).includes(name)
}
