// The real `ovn-nbctl` against our server hosting two databases, Open_vSwitch and OVN's
// northbound schema (Debian ovn-common/ovn-central): ls-add, lsp-add, lr-add and show. Loud SKIP
// without ovn-nbctl or the schema. A script of commands prints the same as against the real
// ovsdb-server serving the same schema (UUIDs normalised).
import t from 'tap'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { promisify } from 'node:util'
import { startOurServer } from '../support/our-server.js'
import { missingOvsdbTools, startRealOvsdb } from '../support/real-ovsdb.js'
import { numberUuids, runTool } from '../support/tool.js'

const run = promisify(execFile)
const NBCTL = ['/usr/bin/ovn-nbctl', '/usr/local/bin/ovn-nbctl'].find(existsSync)
const NB_SCHEMA = ['/usr/share/ovn/ovn-nb.ovsschema', '/usr/local/share/ovn/ovn-nb.ovsschema'].find(existsSync)

t.test('ovn-nbctl manages logical switches and routers in our server', async (t) => {
  if (NBCTL === undefined || NB_SCHEMA === undefined) {
    t.comment(`SKIP: ${NBCTL === undefined ? 'ovn-nbctl' : 'ovn-nb.ovsschema'} not installed (Debian ovn-common, ovn-central)`)
    return t.pass('skipped loudly')
  }
  const server = await startOurServer(t, [
    { file: 'conf.db', schemaPath: null },
    { file: 'ovnnb.db', schemaPath: NB_SCHEMA },
  ])
  const socket = server.socket
  t.same(
    server.databases.map((hosted) => hosted.name),
    ['Open_vSwitch', 'OVN_Northbound', '_Server'],
  )
  const nbctl = async (...args: string[]) => (await run(NBCTL, [`--db=unix:${socket}`, ...args], { timeout: 20000 })).stdout
  await nbctl('ls-add', 'sw0')
  await nbctl('lsp-add', 'sw0', 'sw0-port1', '--', 'lsp-set-addresses', 'sw0-port1', '50:54:00:00:00:01 192.168.0.2')
  await nbctl('lr-add', 'lr0')
  await nbctl('lrp-add', 'lr0', 'lrp0', '00:00:00:00:ff:01', '192.168.0.1/24')
  t.equal(await nbctl('ls-list').then((out) => out.replace(/^[0-9a-f-]{36} /gm, '')), '(sw0)\n')
  t.equal(await nbctl('lsp-list', 'sw0').then((out) => out.replace(/^[0-9a-f-]{36} /gm, '')), '(sw0-port1)\n')
  const show = (await nbctl('show')).replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<uuid>')
  t.match(show, /switch <uuid> \(sw0\)\n    port sw0-port1\n        addresses: \["50:54:00:00:00:01 192\.168\.0\.2"\]\n/)
  t.match(show, /router <uuid> \(lr0\)\n    port lrp0\n        mac: "00:00:00:00:ff:01"\n        networks: \["192\.168\.0\.1\/24"\]\n/)
  const failed = await run(NBCTL, [`--db=unix:${socket}`, 'ls-add', 'sw0'], { timeout: 20000 }).catch((error: { stderr: string }) => error)
  t.match((failed as { stderr: string }).stderr, /ovn-nbctl: sw0: a switch with this name already exists/, 'errors come back as ovn-nbctl prints them')
})

const SCRIPT: string[][] = [
  ['ls-add', 'sw0'],
  ['ls-add', 'sw0'],
  ['--may-exist', 'ls-add', 'sw0'],
  ['lsp-add', 'sw0', 'p1'],
  ['lsp-set-addresses', 'p1', '50:54:00:00:00:01 10.0.0.2', 'router'],
  ['lsp-get-addresses', 'p1'],
  ['lsp-set-port-security', 'p1', '50:54:00:00:00:01 10.0.0.2'],
  ['lsp-get-port-security', 'p1'],
  ['lsp-add', 'nope', 'p2'],
  ['lr-add', 'lr0'],
  ['lrp-add', 'lr0', 'lrp0', '00:00:00:00:ff:01', '10.0.0.1/24'],
  ['lr-route-add', 'lr0', '0.0.0.0/0', '10.0.0.254'],
  ['lr-route-list', 'lr0'],
  ['lr-nat-add', 'lr0', 'snat', '172.16.0.1', '10.0.0.0/24'],
  ['lr-nat-list', 'lr0'],
  ['acl-add', 'sw0', 'to-lport', '1000', 'ip4.src == 10.0.0.3', 'drop'],
  ['acl-list', 'sw0'],
  ['show'],
  ['--columns=name,ports', 'list', 'Logical_Switch'],
  ['find', 'Logical_Switch_Port', 'name=p1'],
  ['lsp-del', 'p1'],
  ['ls-del', 'sw0'],
  ['ls-list'],
  ['lr-list'],
]

async function runScript(socket: string): Promise<string[]> {
  const outputs: string[] = []
  for (const args of SCRIPT) {
    const outcome = await runTool(NBCTL!, [`--db=unix:${socket}`, ...args])
    outputs.push(numberUuids(`$ ovn-nbctl ${args.join(' ')}\n${outcome.stdout}${outcome.stderr}exit ${outcome.code}`))
  }
  return outputs
}

t.test('ovn-nbctl prints the same against our server as against ovsdb-server', async (t) => {
  const missing = [...(NBCTL === undefined ? ['ovn-nbctl'] : []), ...(NB_SCHEMA === undefined ? ['ovn-nb.ovsschema'] : []), ...missingOvsdbTools()]
  if (missing.length > 0) {
    t.comment(`SKIP: ${missing.join(', ')} not installed`)
    return t.pass('skipped loudly')
  }
  const real = await startRealOvsdb(NB_SCHEMA!)
  t.teardown(() => real.stop())
  const ours = await startOurServer(t, [{ file: 'ovnnb.db', schemaPath: NB_SCHEMA! }])
  const expected = await runScript(real.socketPath)
  const actual = await runScript(ours.socket)
  for (let i = 0; i < SCRIPT.length; i++) t.equal(actual[i], expected[i], SCRIPT[i].join(' '))
})
