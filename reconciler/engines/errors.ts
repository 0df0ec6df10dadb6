// EngineError: a failure the engine reports on purpose, carrying the exact text ovs-vswitchd writes to
// Interface:error (or logs for bridges) and whether retrying without a configuration change can help.

/** A switch operation that failed; `message` is ovs-vswitchd's wording. */
export class EngineError extends Error {
  constructor(
    message: string,
    /** True when a later retry may succeed by itself (transient); false = wait for a config or device change. */
    readonly retryable: boolean,
  ) {
    super(message)
    this.name = 'EngineError'
  }
}

/** The device of a system interface does not exist (netdev_open ENODEV). */
export function noSuchDevice(name: string): EngineError {
  return new EngineError(`could not open network device ${name} (No such device)`, false)
}

/** An interface type the engine cannot open (netdev_open EAFNOSUPPORT). */
export function unsupportedType(name: string): EngineError {
  return new EngineError(`could not open network device ${name} (Address family not supported by protocol)`, false)
}

/** A patch interface without options:peer, or peered with itself. */
export function patchNeedsPeer(name: string): EngineError {
  return new EngineError(`${name}: patch type requires valid 'peer' argument`, false)
}

/** The device exists but cannot be attached (ofproto_port_add), e.g. "File exists" when it is already on a bridge. */
export function couldNotAdd(name: string, reason: string): EngineError {
  return new EngineError(`could not add network device ${name} to ofproto (${reason})`, false)
}

/** ofproto_create failed, e.g. for an unknown datapath type. */
export function bridgeCreateFailed(name: string, reason: string): EngineError {
  return new EngineError(`failed to create bridge ${name}: ${reason}`, false)
}

/** The status text for a patch port whose peer is missing (the port still gets an ofport). */
export function noUsablePeerText(peer: string, datapathType: string): string {
  return `No usable peer '${peer}' exists in '${datapathType}' datapath.`
}

/** An operation named a bridge the engine does not have. */
export function noSuchBridge(name: string): EngineError {
  return new EngineError(`no bridge named ${name}`, false)
}
