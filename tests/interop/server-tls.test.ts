// Real Open vSwitch clients over TLS (their OpenSSL against Node's): `ovs-vsctl` and `ovsdb-client`
// with a certificate the CA signed talk to our pssl remote; one signed by another CA is refused
// while the others go on being served; and an active ssl remote connects out to `ovsdb-client`
// listening on pssl, which accepts our server's certificate. Loud SKIP without openssl or the tools.
import t from 'tap'
import { existsSync } from 'node:fs'
import { freePort } from '../support/free-port.js'
import { startOurServer } from '../support/our-server.js'
import { OPENSSL, makePki, type Pki } from '../support/pki.js'
import { runTool } from '../support/tool.js'

const VSCTL = ['/usr/bin/ovs-vsctl', '/usr/local/bin/ovs-vsctl'].find(existsSync)
const CLIENT = ['/usr/bin/ovsdb-client', '/usr/local/bin/ovsdb-client'].find(existsSync)

/** The TLS options of an Open vSwitch tool presenting `who`'s certificate. */
function tlsArgs(pki: Pki, who: 'client' | 'intruder'): string[] {
  return [`--private-key=${pki.file(`${who}.key`)}`, `--certificate=${pki.file(`${who}.pem`)}`, `--ca-cert=${pki.file('ca.pem')}`]
}

t.test('real clients over TLS', async (t) => {
  const missing = [...(OPENSSL === undefined ? ['openssl'] : []), ...(VSCTL === undefined ? ['ovs-vsctl'] : []), ...(CLIENT === undefined ? ['ovsdb-client'] : [])]
  if (missing.length > 0) {
    t.comment(`SKIP: ${missing.join(', ')} not installed — TLS with real clients NOT checked`)
    return t.pass('skipped loudly')
  }
  const pki = makePki(t)
  const tls = { privateKey: pki.file('server.key'), certificate: pki.file('server.pem'), caCert: pki.file('ca.pem') }
  const server = await startOurServer(t, undefined, { tls, remotes: ['pssl:0:127.0.0.1'] })
  const pssl = server.rpc.listRemotes().find((remote) => remote.startsWith('pssl:'))!
  const remote = `ssl:127.0.0.1:${pssl.split(':')[1]}`

  t.test('ovs-vsctl and ovsdb-client through the pssl remote', async (t) => {
    const added = await runTool(VSCTL!, [`--db=${remote}`, ...tlsArgs(pki, 'client'), '--no-wait', 'add-br', 'br0'])
    t.equal(added.code, 0, `ovs-vsctl add-br over TLS: ${added.stderr}`)
    const listed = await runTool(VSCTL!, [`--db=${remote}`, ...tlsArgs(pki, 'client'), 'list-br'])
    t.equal(listed.stdout, 'br0\n')
    const dbs = await runTool(CLIENT!, [...tlsArgs(pki, 'client'), 'list-dbs', remote])
    t.equal(dbs.stdout, 'Open_vSwitch\n_Server\n')
  })

  t.test('a certificate from another CA is refused, and the others are still served', async (t) => {
    const refused = await runTool(CLIENT!, [...tlsArgs(pki, 'intruder'), 'list-dbs', remote])
    t.not(refused.code, 0, 'ovsdb-client with the intruder certificate fails')
    t.notMatch(refused.stdout, /Open_vSwitch/, 'and is told nothing')
    const served = await runTool(CLIENT!, [...tlsArgs(pki, 'client'), 'list-dbs', remote])
    t.equal(served.stdout, 'Open_vSwitch\n_Server\n')
  })

  t.test('an active ssl remote connects out to ovsdb-client listening on pssl', async (t) => {
    const port = await freePort()
    const listening = runTool(CLIENT!, [...tlsArgs(pki, 'client'), 'list-dbs', `pssl:${port}:127.0.0.1`])
    await server.rpc.addRemote(`ssl:127.0.0.1:${port}`)
    const outcome = await listening
    t.equal(outcome.stdout, 'Open_vSwitch\n_Server\n', `ovsdb-client accepted our server's certificate: ${outcome.stderr}`)
    await server.rpc.removeRemote(`ssl:127.0.0.1:${port}`)
  })
})
