// Opening the byte stream to an OVSDB server from Open vSwitch's remote syntax (`unix:PATH`,
// `tcp:IP:PORT`, `ssl:IP:PORT`, comma-separated lists of them), with optional retry and backoff.
// rpc.ts speaks JSON-RPC over the stream this file opens.

import { readFileSync } from 'node:fs'
import { connect as netConnect, type Socket } from 'node:net'

/** One active remote, as ovs-vsctl's `--db` names it. */
export type Remote =
  | { readonly kind: 'unix'; readonly path: string; readonly text: string }
  | { readonly kind: 'tcp' | 'ssl'; readonly host: string; readonly port: number; readonly text: string }

/** PEM files for `ssl:` remotes (ovs-vsctl `--private-key`, `--certificate`, `--ca-cert`). */
export interface SslFiles {
  readonly privateKey?: string
  readonly certificate?: string
  readonly caCert?: string
}

/** How `connectRemotes` behaves when no remote answers. */
export interface ConnectOptions {
  readonly ssl?: SslFiles
  /** Keep trying forever (with backoff) instead of failing after one pass over the remotes. */
  readonly retry?: boolean
  /** First and largest pause between passes, in milliseconds. */
  readonly backoffMs?: { readonly min: number; readonly max: number }
}

/** A remote that could not be reached; `reason` reads like strerror ("No such file or directory"). */
export class ConnectError extends Error {
  constructor(readonly remote: string, readonly reason: string) {
    super(`${remote}: ${reason}`)
    this.name = 'ConnectError'
  }
}

const OVSDB_DEFAULT_PORT = 6640

/** Parses one remote; throws Error with ovs's wording when the syntax is not understood. */
export function parseRemote(text: string): Remote {
  const colon = text.indexOf(':')
  const kind = colon < 0 ? '' : text.slice(0, colon)
  const rest = text.slice(colon + 1)
  if (kind === 'unix') return { kind, path: rest, text }
  if (kind === 'tcp' || kind === 'ssl') {
    const { host, port } = splitHostPort(rest, text)
    return { kind, host, port, text }
  }
  throw new Error(`${text}: unknown stream type "${kind || text}"`)
}

/** Parses a comma-separated list of remotes (an ovsdb cluster's members, tried in turn). */
export function parseRemoteList(text: string): Remote[] {
  return text.split(',').map((part) => parseRemote(part.trim()))
}

/**
 * Connects to the first remote of `remotes` that accepts, trying them in order; resolves with the
 * socket and the remote. Rejects with ConnectError for the last failure unless `retry` is set, in
 * which case it keeps trying with exponential backoff and never rejects.
 */
export async function connectRemotes(remotes: readonly Remote[], options: ConnectOptions = {}): Promise<{ socket: Socket; remote: Remote }> {
  const backoff = options.backoffMs ?? { min: 100, max: 8000 }
  let pause = backoff.min
  for (;;) {
    let last: ConnectError | undefined
    for (const remote of remotes) {
      try {
        return { socket: await openRemote(remote, options.ssl), remote }
      } catch (error) {
        last = error instanceof ConnectError ? error : new ConnectError(remote.text, String(error))
      }
    }
    if (!options.retry) throw last ?? new ConnectError('', 'no remotes')
    await new Promise((resolve) => setTimeout(resolve, pause))
    pause = Math.min(pause * 2, backoff.max)
  }
}

/** Opens one stream; rejects with ConnectError. */
export async function openRemote(remote: Remote, ssl?: SslFiles): Promise<Socket> {
  if (remote.kind === 'ssl') return openTls(remote, ssl ?? {})
  const socket = remote.kind === 'unix' ? netConnect(remote.path) : netConnect(remote.port, remote.host)
  return awaitConnect(socket, 'connect', remote.text)
}

async function openTls(remote: { host: string; port: number; text: string }, ssl: SslFiles): Promise<Socket> {
  const { connect: tlsConnect } = await import('node:tls')
  const read = (path: string | undefined): Buffer | undefined => (path === undefined ? undefined : readFileSync(path))
  const socket = tlsConnect({
    host: remote.host,
    port: remote.port,
    key: read(ssl.privateKey),
    cert: read(ssl.certificate),
    ca: read(ssl.caCert),
    rejectUnauthorized: ssl.caCert !== undefined,
    checkServerIdentity: () => undefined,
  })
  return awaitConnect(socket, 'secureConnect', remote.text)
}

function awaitConnect(socket: Socket, event: string, text: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      socket.destroy()
      reject(new ConnectError(text, strerror(error)))
    }
    socket.once('error', onError)
    socket.once(event, () => {
      socket.off('error', onError)
      resolve(socket)
    })
  })
}

const STRERROR: Record<string, string> = {
  ENOENT: 'No such file or directory',
  ECONNREFUSED: 'Connection refused',
  EACCES: 'Permission denied',
  ETIMEDOUT: 'Connection timed out',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  ECONNRESET: 'Connection reset by peer',
  ENOTSOCK: 'Socket operation on non-socket',
  EADDRNOTAVAIL: 'Cannot assign requested address',
}

/** The C library's text for a socket error, as ovs tools print it. */
export function strerror(error: NodeJS.ErrnoException): string {
  return (error.code !== undefined ? STRERROR[error.code] : undefined) ?? error.message
}

function splitHostPort(rest: string, text: string): { host: string; port: number } {
  let host: string
  let portText: string | undefined
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']')
    host = rest.slice(1, close)
    portText = rest.slice(close + 1).startsWith(':') ? rest.slice(close + 2) : undefined
  } else {
    const colon = rest.lastIndexOf(':')
    host = colon < 0 ? rest : rest.slice(0, colon)
    portText = colon < 0 ? undefined : rest.slice(colon + 1)
  }
  const port = portText === undefined || portText === '' ? OVSDB_DEFAULT_PORT : Number(portText)
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`${text}: bad port number "${portText}"`)
  return { host, port }
}
