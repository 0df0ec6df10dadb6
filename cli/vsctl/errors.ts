// The two ways a command ends an invocation early: a fatal error (ctl_fatal: message on stderr,
// exit status 1) and a requested exit status (vsctl_exit, e.g. `br-exists` exiting 2).

/** ctl_fatal / ctl_error: printed as `ovs-vsctl: <message>`, exit status 1. */
export class VsctlError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'VsctlError'
  }
}

/** vsctl_exit(status): ends the invocation silently with `status`. */
export class VsctlExit extends Error {
  constructor(readonly status: number) {
    super(`exit ${status}`)
    this.name = 'VsctlExit'
  }
}
