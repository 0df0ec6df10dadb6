// ovs-vsctl's console log lines (lib/vlog.c default pattern `%D{%Y-%m-%dT%H:%M:%SZ}|%05N|%c|%p|%m`):
// warnings go to stderr, and every message enabled for any destination takes a sequence number.

/** A log of one invocation, written to `write` (stderr). */
export class VsctlLog {
  private sequence = 0

  constructor(private readonly write: (text: string) => void, private readonly now: () => Date = () => new Date()) {}

  /** Counts a message logged only to syslog (INFO "Called as ..."): it uses a sequence number. */
  skip(): void {
    this.sequence++
  }

  /** Writes a WARN line from `module` (`vsctl`, `db_ctl_base`, `ovsdb_idl`, `fatal_signal`). */
  warn(module: string, message: string): void {
    this.sequence++
    const time = this.now().toISOString().replace(/\.\d{3}Z$/, 'Z')
    this.write(`${time}|${String(this.sequence).padStart(5, '0')}|${module}|WARN|${message}\n`)
  }
}
