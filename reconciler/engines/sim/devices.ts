// The "system" devices a sim engine knows: like NICs or veths on a host, they exist only when declared
// (by a test or a config file); an Interface of type system naming anything else fails as ovs-vswitchd does.

/** One declared device. */
export interface DeviceSpec {
  readonly name: string
  /** Default: a generated aa:55:… address. */
  readonly mac?: string
  /** Default 1500. */
  readonly mtu?: number
  /** Default: the next free index. */
  readonly ifindex?: number
  /** Administratively up (as after `ip link set up`); default true. */
  readonly adminUp?: boolean
  /** Carrier when no wire is attached; default true. */
  readonly carrier?: boolean
  /** Interface:status driver_name / driver_version; default veth 1.0. */
  readonly driver?: { readonly name: string; readonly version: string }
}

/** Reads a device list as a config file would hold it: `{"devices": [DeviceSpec…]}`; throws TypeError on bad input. */
export function parseDeviceList(json: unknown): DeviceSpec[] {
  const list = (json as { devices?: unknown } | null)?.devices
  if (!Array.isArray(list)) throw new TypeError('device list: expected {"devices": [...]}')
  return list.map((entry: unknown, i) => {
    const name = (entry as { name?: unknown } | null)?.name
    if (typeof name !== 'string' || name === '') throw new TypeError(`device list: entry ${i} has no name`)
    return entry as DeviceSpec
  })
}
