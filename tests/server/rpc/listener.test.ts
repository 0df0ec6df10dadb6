// Remotes beyond ptcp/punix: active unix/tcp remotes the server connects out to (and reconnects
// after the peer hangs up), and TLS both ways (pssl requires and verifies client certificates
// against the CA; ssl connects out with the server's certificate). TLS material comes from openssl.
import t from 'tap'
import { createServer, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import { connect as tlsConnect, createServer as tlsServer, type TLSSocket } from 'node:tls'
import { OPENSSL, makePki, type Pki } from '../../support/pki.js'
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
    const { server, logLines } = await startTestServer(t, { tls, remotes: ['pssl:0:127.0.0.1'] })
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
    t.match(logLines.join('\n'), /pssl:\d+:127\.0\.0\.1: refused ssl:127\.0\.0\.1:\d+: no certificate/, 'the refusal without a certificate is logged with the peer')
    t.match(logLines.join('\n'), /refused ssl:127\.0\.0\.1:\d+: certificate rejected \(\w+/, 'the refusal of a certificate from another CA is logged with the reason')
    t.same(resultOf(await client.call('list_dbs', [])), ['Test', '_Server'], 'the good client is still served')
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
