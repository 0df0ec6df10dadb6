// Remotes beyond ptcp/punix: active unix/tcp remotes the server connects out to (and reconnects
// after the peer hangs up), and TLS both ways (pssl requires and verifies client certificates
// against the CA; ssl connects out with the server's certificate). TLS material comes from openssl.
import t, { type Test } from 'tap'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect as tlsConnect, createServer as tlsServer, type TLSSocket } from 'node:tls'
import { WireClient, resultOf, startTestServer } from './helpers.js'

/** Accepts connections one at a time, in order. */
function acceptor(server: Server | ReturnType<typeof tlsServer>, event = 'connection') {
  const accepted: Socket[] = []
  const waiters: ((socket: Socket) => void)[] = []
  server.on(event, (socket: Socket) => {
    const waiter = waiters.shift()
    if (waiter !== undefined) waiter(socket)
    else accepted.push(socket)
  })
  return () => new Promise<Socket>((resolve) => (accepted.length > 0 ? resolve(accepted.shift()!) : waiters.push(resolve)))
}

function listening(server: Server, ...args: unknown[]): Promise<void> {
  return new Promise((resolve) => server.listen(...(args as [string]), () => resolve()))
}

t.test('an active unix remote connects out, serves the peer, and reconnects after it hangs up', async (t) => {
  const { server, dir } = await startTestServer(t)
  const path = join(dir, 'manager.sock')
  const manager = createServer()
  const next = acceptor(manager)
  await listening(manager, path)
  t.teardown(() => manager.close())
  await server.rpc.addRemote(`unix:${path}`)
  t.ok(server.rpc.listRemotes().includes(`unix:${path}`))
  const first = WireClient.over(await next(), t)
  t.same(resultOf(await first.call('list_dbs', [])), ['Test', '_Server'])
  first.socket.destroy()
  const second = WireClient.over(await next(), t)
  t.same(resultOf(await second.call('echo', ['back'])), ['back'], 'reconnected')
  t.ok(await server.rpc.removeRemote(`unix:${path}`))
  t.notOk(server.rpc.listRemotes().includes(`unix:${path}`))
  t.notOk(await server.rpc.removeRemote(`unix:${path}`), 'already gone')
})

t.test('an active tcp remote connects out to the address given', async (t) => {
  const { server } = await startTestServer(t)
  const manager = createServer()
  const next = acceptor(manager)
  await listening(manager, 0, '127.0.0.1')
  t.teardown(() => manager.close())
  const port = (manager.address() as { port: number }).port
  await server.rpc.addRemote(`tcp:127.0.0.1:${port}`)
  const peer = WireClient.over(await next(), t)
  t.same(resultOf(await peer.call('get_schema', ['_Server'])), server.databases.at(-1)!.schemaJson)
})

t.test('a remote opened twice, or on a port in use, is refused', async (t) => {
  const { server, tcpPort } = await startTestServer(t)
  await t.rejects(server.rpc.addRemote(`ptcp:${tcpPort}:127.0.0.1`), { message: `ptcp:${tcpPort}:127.0.0.1: remote already open` })
  const [unix] = server.rpc.listRemotes().filter((remote) => remote.startsWith('punix:'))
  await t.rejects(server.rpc.addRemote(unix), { message: /remote already open/ })
  const squatter = createServer()
  await listening(squatter, 0, '127.0.0.1')
  t.teardown(() => squatter.close())
  await t.rejects(server.rpc.addRemote(`ptcp:${(squatter.address() as { port: number }).port}:127.0.0.1`), { code: 'EADDRINUSE' })
})

const OPENSSL = ['/usr/bin/openssl', '/usr/local/bin/openssl'].find(existsSync)

interface Pki {
  readonly dir: string
  file(name: string): string
  read(name: string): Buffer
}

/** A CA, a server and a client certificate signed by it, and a client certificate from another CA. */
function makePki(t: Test): Pki {
  const dir = mkdtempSync(join(tmpdir(), 'sy-pki-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const ssl = (...args: string[]) => execFileSync(OPENSSL!, args, { cwd: dir, stdio: 'ignore' })
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
  for (const ca of ['ca', 'rogue']) ssl('req', '-x509', ...key, '-keyout', `${ca}.key`, '-out', `${ca}.pem`, '-days', '2', '-subj', `/CN=${ca}`)
  for (const [name, ca] of [['server', 'ca'], ['client', 'ca'], ['intruder', 'rogue']]) {
    ssl('req', ...key, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`)
    ssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-out', `${name}.pem`, '-days', '2')
  }
  return { dir, file: (name) => join(dir, name), read: (name) => readFileSync(join(dir, name)) }
}

function tlsClient(port: number, pki: Pki, who: 'client' | 'intruder' | null): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({
      host: '127.0.0.1',
      port,
      ca: pki.read('ca.pem'),
      ...(who === null ? {} : { key: pki.read(`${who}.key`), cert: pki.read(`${who}.pem`) }),
      checkServerIdentity: () => undefined,
    })
    socket.once('secureConnect', () => resolve(socket))
    socket.once('error', reject)
  })
}

if (OPENSSL === undefined) {
  t.test('TLS remotes', async (t) => {
    t.comment('SKIP: openssl not installed — pssl/ssl remotes NOT checked')
    t.pass('skipped: openssl not installed')
  })
} else {
  t.test('pssl serves clients whose certificate the CA signed, and only them', async (t) => {
    const pki = makePki(t)
    const tls = { privateKey: pki.file('server.key'), certificate: pki.file('server.pem'), caCert: pki.file('ca.pem') }
    const { server } = await startTestServer(t, { tls, remotes: ['pssl:0:127.0.0.1'] })
    const port = Number(server.rpc.listRemotes()[0].split(':')[1])
    const client = WireClient.over(await tlsClient(port, pki, 'client'), t)
    t.same(resultOf(await client.call('list_dbs', [])), ['Test', '_Server'])
    for (const who of [null, 'intruder'] as const) {
      const refused = await tlsClient(port, pki, who).then(
        (socket) => new Promise<boolean>((resolve) => {
          socket.once('error', () => resolve(true))
          socket.once('close', () => resolve(true))
          socket.write('{"method":"list_dbs","params":[],"id":1}')
          socket.once('data', () => resolve(false))
        }),
        () => true,
      )
      t.ok(refused, `${who ?? 'no certificate'}: refused`)
    }
  })

  t.test('an active ssl remote presents the server certificate and serves the peer', async (t) => {
    const pki = makePki(t)
    const tls = { privateKey: pki.file('server.key'), certificate: pki.file('server.pem'), caCert: pki.file('ca.pem') }
    const { server } = await startTestServer(t, { tls })
    const manager = tlsServer({ key: pki.read('client.key'), cert: pki.read('client.pem'), ca: pki.read('ca.pem'), requestCert: true, rejectUnauthorized: true })
    const next = acceptor(manager, 'secureConnection')
    await new Promise<void>((resolve) => manager.listen(0, '127.0.0.1', () => resolve()))
    t.teardown(() => manager.close())
    const port = (manager.address() as { port: number }).port
    await server.rpc.addRemote(`ssl:127.0.0.1:${port}`)
    const socket = (await next()) as TLSSocket
    t.equal(socket.getPeerCertificate().subject.CN, 'server')
    const peer = WireClient.over(socket, t)
    t.same(resultOf(await peer.call('list_dbs', [])), ['Test', '_Server'])
  })
}
