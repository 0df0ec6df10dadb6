// Remote specifications as ovsdb-server spells them on its command line (ovsdb-server(1)):
// passive `ptcp:PORT[:IP]`, `pssl:PORT[:IP]`, `punix:PATH` and active `tcp:IP:PORT`, `ssl:IP:PORT`,
// `unix:PATH`. Parsing only; listener.ts opens them.

/** Every remote kind, passive ones first. */
export const REMOTE_KINDS = ['ptcp', 'pssl', 'punix', 'tcp', 'ssl', 'unix'] as const
export type RemoteKind = (typeof REMOTE_KINDS)[number]

/** The port ovsdb-server uses when a TCP/SSL remote names none (IANA OVSDB port). */
export const DEFAULT_OVSDB_PORT = 6640

/** A parsed remote: TCP-like kinds carry host and port, Unix kinds a path. */
export type Remote =
  | { readonly kind: 'ptcp' | 'pssl' | 'tcp' | 'ssl'; readonly host: string; readonly port: number }
  | { readonly kind: 'punix' | 'unix'; readonly path: string }

/** Why a remote string was refused; the message names the remote and what is wrong. */
export class RemoteError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RemoteError'
  }
}

/** True for the kinds that accept connections rather than make them. */
export function isPassive(remote: Remote): boolean {
  return remote.kind.startsWith('p')
}

/** True for the TLS kinds. */
export function isTls(remote: Remote): boolean {
  return remote.kind === 'pssl' || remote.kind === 'ssl'
}

/**
 * Parses one remote. Passive TCP/SSL listen on all addresses when IP is left out; IPv6 addresses
 * go in brackets (`ptcp:6640:[::1]`, `tcp:[::1]:6640`). Throws RemoteError (`db:` remotes too:
 * they are served by db-remote-set.ts, not listened on directly).
 */
export function parseRemote(text: string): Remote {
  const colon = text.indexOf(':')
  const kind = colon < 0 ? text : text.slice(0, colon)
  const rest = text.slice(colon + 1)
  if (colon < 0) throw new RemoteError(`${text}: expected TYPE:ARGUMENTS (e.g. ptcp:6640, punix:/run/db.sock)`)
  if (!(REMOTE_KINDS as readonly string[]).includes(kind)) {
    if (kind === 'db') throw new RemoteError(`${text}: "db:" remotes name a database column, not an address`)
    throw new RemoteError(`${text}: unknown remote type "${kind}" (expected one of ${REMOTE_KINDS.join(', ')})`)
  }
  switch (kind as RemoteKind) {
    case 'punix':
    case 'unix':
      if (rest === '') throw new RemoteError(`${text}: missing socket path`)
      return { kind: kind as 'punix' | 'unix', path: rest }
    case 'ptcp':
    case 'pssl':
      return parsePassive(text, kind as 'ptcp' | 'pssl', rest)
    default:
      return parseActive(text, kind as 'tcp' | 'ssl', rest)
  }
}

/** The remote spelled as on the command line (`ptcp:6640:127.0.0.1`, `unix:/run/db.sock`). */
export function remoteToString(remote: Remote): string {
  if (!('host' in remote)) return `${remote.kind}:${remote.path}`
  const host = remote.host.includes(':') ? `[${remote.host}]` : remote.host
  return remote.kind.startsWith('p') ? `${remote.kind}:${remote.port}:${host}` : `${remote.kind}:${host}:${remote.port}`
}

function parsePassive(text: string, kind: 'ptcp' | 'pssl', rest: string): Remote {
  const colon = rest.indexOf(':')
  const portText = colon < 0 ? rest : rest.slice(0, colon)
  const host = colon < 0 ? '0.0.0.0' : parseHost(text, rest.slice(colon + 1))
  return { kind, host, port: portText === '' ? DEFAULT_OVSDB_PORT : parsePort(text, portText) }
}

function parseActive(text: string, kind: 'tcp' | 'ssl', rest: string): Remote {
  const bracketed = rest.startsWith('[')
  const split = bracketed ? rest.indexOf(']') + 1 : rest.indexOf(':')
  if (bracketed && split === 0) throw new RemoteError(`${text}: unterminated "[" in address`)
  const hostText = split < 0 ? rest : rest.slice(0, split)
  const after = split < 0 ? '' : rest.slice(split)
  if (after !== '' && !after.startsWith(':')) throw new RemoteError(`${text}: expected ":PORT" after the address`)
  const host = parseHost(text, hostText)
  return { kind, host, port: after.length <= 1 ? DEFAULT_OVSDB_PORT : parsePort(text, after.slice(1)) }
}

function parseHost(text: string, host: string): string {
  if (host.startsWith('[')) {
    if (!host.endsWith(']') || host.length < 3) throw new RemoteError(`${text}: bad IPv6 address "${host}"`)
    return host.slice(1, -1)
  }
  if (host === '') throw new RemoteError(`${text}: missing IP address`)
  if (host.includes(':')) throw new RemoteError(`${text}: IPv6 address "${host}" must be in brackets`)
  return host
}

function parsePort(text: string, port: string): number {
  const value = /^[0-9]{1,5}$/.test(port) ? Number(port) : NaN
  if (!(value >= 0 && value <= 65535)) throw new RemoteError(`${text}: bad port number "${port}"`)
  return value
}
