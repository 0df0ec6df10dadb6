// Opens remotes (OVS lib/stream + jsonrpc_session): passive ones listen and hand every accepted
// connection to the server; active ones connect out, hand over the connection, and reconnect with
// exponential backoff when it ends or fails. TLS uses the server's key, certificate and CA
// certificate; peer certificates are required and verified against the CA (not by host name).

import { existsSync, unlinkSync } from 'node:fs'
import { connect as netConnect, createServer as netServer, type Server, type Socket } from 'node:net'
import { connect as tlsConnect, createServer as tlsServer, type TLSSocket } from 'node:tls'
import type { Logger } from './log.js'
import { isPassive, remoteToString, type Remote } from './remote.js'

/** PEM contents for TLS remotes. */
export interface TlsMaterial {
  readonly privateKey: Buffer
  readonly certificate: Buffer
  readonly caCert: Buffer
}

/** One established connection to serve. */
export interface Connection {
  readonly socket: Socket
  /** Peer name, e.g. `tcp:127.0.0.1:53122`, `ssl:[::1]:6640`, `unix:/run/db.sock`. */
  readonly name: string
  /** TCP and TLS connections get inactivity probes; Unix sockets do not. */
  readonly probes: boolean
}

/** Options of openListener. */
export interface ListenerOptions {
  readonly log: Logger
  /** Required for `pssl:` and `ssl:` remotes. */
  readonly tls?: TlsMaterial
  /** Reconnect delays of active remotes: first retry, and the cap of the doubling. */
  readonly minBackoffMs?: number
  readonly maxBackoffMs?: number
}

/** An open remote. */
export interface Listener {
  readonly remote: Remote
  /** The remote as bound: a passive TCP remote asked for port 0 shows the port it got. */
  describe(): string
  /** Stops listening or reconnecting; a punix socket file is removed. Open sessions stay. */
  close(): Promise<void>
}

/** Opens `remote`; resolves once listening (passive) or after starting to connect (active). Rejects on bind errors. */
export async function openListener(remote: Remote, accept: (connection: Connection) => void, options: ListenerOptions): Promise<Listener> {
  if ((remote.kind === 'pssl' || remote.kind === 'ssl') && options.tls === undefined) {
    throw new Error(`${remoteToString(remote)}: SSL remotes need --private-key, --certificate and --ca-cert`)
  }
  return isPassive(remote) ? listen(remote, accept, options) : connectOut(remote, accept, options)
}

async function listen(remote: Remote, accept: (connection: Connection) => void, options: ListenerOptions): Promise<Listener> {
  const server = remote.kind === 'pssl' ? secureServer(remote, accept, options) : plainServer(remote, accept)
  if ('path' in remote) await removeStaleSocket(remote.path)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    const ready = () => {
      server.off('error', reject)
      resolve()
    }
    if ('path' in remote) server.listen(remote.path, ready)
    else server.listen(remote.port, remote.host, ready)
  })
  server.on('error', (error) => options.log.error('listener', `${remoteToString(remote)}: ${error.message}`))
  return {
    remote,
    describe: () => {
      const address = server.address()
      return typeof address === 'object' && address !== null && 'host' in remote ? remoteToString({ ...remote, port: address.port }) : remoteToString(remote)
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        if ('path' in remote && existsSync(remote.path)) unlinkSync(remote.path)
      }),
  }
}

function plainServer(remote: Remote, accept: (connection: Connection) => void): Server {
  return netServer((socket) => {
    const isUnix = 'path' in remote
    accept({ socket, name: isUnix ? `unix:${remote.path}` : peerName('tcp', socket), probes: !isUnix })
  })
}

function secureServer(remote: Remote, accept: (connection: Connection) => void, options: ListenerOptions): Server {
  const tls = options.tls!
  // The client's certificate is checked here rather than inside the handshake, so that a refusal
  // is logged with the peer's address and the verifier's reason (a handshake that fails on it
  // reports only that the connection was reset, with the peer already gone). Nothing the peer sent
  // is read before the check.
  const server = tlsServer({ key: tls.privateKey, cert: tls.certificate, ca: tls.caCert, requestCert: true, rejectUnauthorized: false })
  server.on('secureConnection', (socket: TLSSocket) => {
    const name = peerName('ssl', socket)
    if (socket.authorized) return accept({ socket, name, probes: true })
    const reason = socket.getPeerCertificate()?.subject === undefined ? 'no certificate' : `certificate rejected (${String(socket.authorizationError)})`
    options.log.info('listener', `${remoteToString(remote)}: refused ${name}: ${reason}`)
    socket.destroy()
  })
  server.on('tlsClientError', (error, socket) => {
    options.log.info('listener', `${remoteToString(remote)}: TLS handshake with ${peerName('ssl', socket)} failed: ${error.message}`)
  })
  return server
}

/** Removes a leftover socket file nobody listens on; refuses one a live server still uses. */
async function removeStaleSocket(path: string): Promise<void> {
  if (!existsSync(path)) return
  const live = await new Promise<boolean>((resolve) => {
    const probe = netConnect(path)
    probe.once('connect', () => {
      probe.destroy()
      resolve(true)
    })
    probe.once('error', () => resolve(false))
  })
  if (live) throw new Error(`punix:${path}: another server is already listening on this socket`)
  unlinkSync(path)
}

function connectOut(remote: Remote, accept: (connection: Connection) => void, options: ListenerOptions): Listener {
  const minBackoff = options.minBackoffMs ?? 1000
  const maxBackoff = options.maxBackoffMs ?? 8000
  let backoff = minBackoff
  let stopped = false
  let retry: NodeJS.Timeout | undefined
  let current: Socket | undefined
  const attempt = () => {
    const socket = dial(remote, options.tls)
    current = socket
    let connected = false
    socket.once(remote.kind === 'ssl' ? 'secureConnect' : 'connect', () => {
      connected = true
      backoff = minBackoff
      options.log.info('listener', `${remoteToString(remote)}: connected`)
      accept({ socket, name: remoteToString(remote), probes: remote.kind !== 'unix' })
    })
    socket.on('error', (error) => {
      if (!connected) options.log.info('listener', `${remoteToString(remote)}: connection attempt failed (${error.message})`)
    })
    socket.once('close', () => {
      if (stopped) return
      retry = setTimeout(attempt, backoff)
      options.log.info('listener', `${remoteToString(remote)}: ${connected ? 'disconnected' : 'not connected'}, retrying in ${backoff} ms`)
      backoff = Math.min(backoff * 2, maxBackoff)
    })
  }
  attempt()
  return {
    remote,
    describe: () => remoteToString(remote),
    close: async () => {
      stopped = true
      clearTimeout(retry)
      current?.destroy()
    },
  }
}

function dial(remote: Remote, tls: TlsMaterial | undefined): Socket {
  if ('path' in remote) return netConnect(remote.path)
  if (remote.kind === 'tcp') return netConnect(remote.port, remote.host)
  return tlsConnect({
    host: remote.host,
    port: remote.port,
    key: tls!.privateKey,
    cert: tls!.certificate,
    ca: tls!.caCert,
    rejectUnauthorized: true,
    checkServerIdentity: () => undefined,
  })
}

function peerName(kind: 'tcp' | 'ssl', socket: Socket): string {
  const host = socket.remoteAddress ?? '?'
  return `${kind}:${host.includes(':') ? `[${host}]` : host}:${socket.remotePort ?? '?'}`
}
