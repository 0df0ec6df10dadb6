// The real ovn-northd (OVN 23.03: the C IDL with a lock, conditional monitors, monitor_cond_since
// and large transactions) following our server hosting OVN's northbound and southbound databases,
// side by side with the same daemon on the real ovsdb-server. The same ovn-nbctl steps, each
// ending with `--wait=sb` (a round trip through northd: nb_cfg → SB_Global → sb_cfg), must leave
// the same logical flows, datapaths, port bindings and multicast groups in both southbound
// databases, after additions and after deletions. Then our server restarts on its files: northd
// reconnects by itself, resumes both databases from our transaction history (its jsonrpc debug log
// shows monitor_cond_since answered `found: true`), takes its lock again and translates the next
// change like the other one.
// Loud SKIP without OVN (Debian ovn-central, ovn-common).
import t, { type Test } from 'tap'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startOurServer } from '../support/our-server.js'
import { missingOvsdbTools, startRealOvsdb } from '../support/real-ovsdb.js'
import { numberUuids, runTool } from '../support/tool.js'

const OVN_BIN = ['/usr/bin', '/usr/local/bin'].find((dir) => existsSync(join(dir, 'ovn-northd')))
const OVN_SHARE = ['/usr/share/ovn', '/usr/local/share/ovn'].find((dir) => existsSync(join(dir, 'ovn-sb.ovsschema')))
const NORTHD_STOP_MS = 10_000

/** Steps of ovn-nbctl commands (joined with `--`), each run with --wait=sb. */
type Step = readonly (readonly string[])[]

const BUILD: Step[] = [
  [['ls-add', 'sw0'], ['lsp-add', 'sw0', 'sw0-p1'], ['lsp-set-addresses', 'sw0-p1', '50:54:00:00:00:01 10.0.0.11']],
  [['lsp-add', 'sw0', 'sw0-p2'], ['lsp-set-addresses', 'sw0-p2', '50:54:00:00:00:02 10.0.0.12'], ['lsp-set-port-security', 'sw0-p2', '50:54:00:00:00:02 10.0.0.12']],
  [['lr-add', 'lr0'], ['lrp-add', 'lr0', 'lr0-sw0', '00:00:00:00:ff:01', '10.0.0.1/24']],
  [['lsp-add', 'sw0', 'sw0-lr0'], ['lsp-set-type', 'sw0-lr0', 'router'], ['lsp-set-addresses', 'sw0-lr0', 'router'], ['lsp-set-options', 'sw0-lr0', 'router-port=lr0-sw0']],
  [['acl-add', 'sw0', 'to-lport', '1000', 'ip4.src == 10.0.0.0/24', 'allow-related']],
  [['lb-add', 'lb0', '10.0.0.100:80', '10.0.0.11:80,10.0.0.12:80', 'tcp'], ['ls-lb-add', 'sw0', 'lb0']],
  [['ls-add', 'sw1'], ['lsp-add', 'sw1', 'sw1-p1'], ['lsp-set-addresses', 'sw1-p1', '50:54:00:00:01:01 10.0.1.11'], ['lrp-add', 'lr0', 'lr0-sw1', '00:00:00:00:ff:02', '10.0.1.1/24']],
  [['lsp-add', 'sw1', 'sw1-lr0'], ['lsp-set-type', 'sw1-lr0', 'router'], ['lsp-set-addresses', 'sw1-lr0', 'router'], ['lsp-set-options', 'sw1-lr0', 'router-port=lr0-sw1']],
  [['lr-route-add', 'lr0', '0.0.0.0/0', '10.0.1.254']],
]
const REMOVE: Step[] = [
  [['lsp-del', 'sw0-p2']],
  [['acl-del', 'sw0']],
  [['ls-lb-del', 'sw0', 'lb0'], ['lb-del', 'lb0']],
]
const AFTER_RESTART: Step[] = [
  [['lsp-add', 'sw1', 'sw1-p2'], ['lsp-set-addresses', 'sw1-p2', '50:54:00:00:01:02 10.0.1.12']],
  [['ls-del', 'sw0']],
]

/** A running ovn-northd; `stop` ends it by PID. */
interface Northd {
  readonly ctl: string
  log(): string
  stop(): Promise<void>
}

/** Starts ovn-northd on `socket` (both databases), with its files in a fresh temp directory. */
function startNorthd(socket: string): Northd {
  const dir = mkdtempSync(join(tmpdir(), 'sy-northd-'))
  const ctl = join(dir, 'northd.ctl')
  const logFile = join(dir, 'northd.log')
  const child = spawn(join(OVN_BIN!, 'ovn-northd'), [
    `--ovnnb-db=unix:${socket}`, `--ovnsb-db=unix:${socket}`, '--no-chdir', `--unixctl=${ctl}`,
    `--log-file=${logFile}`, `--pidfile=${join(dir, 'northd.pid')}`, '-vconsole:off', '-vjsonrpc:file:dbg',
  ], { stdio: 'ignore', env: { ...process.env, OVN_RUNDIR: dir, OVN_LOGDIR: dir } })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    ctl,
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    async stop() {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        process.kill(child.pid, 'SIGTERM')
        const timer = setTimeout(() => process.kill(child.pid!, 'SIGKILL'), NORTHD_STOP_MS)
        await exited
        clearTimeout(timer)
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Runs one OVN tool against `socket`; fails the test with its output when it fails. */
async function ovn(t: Test, tool: 'ovn-nbctl' | 'ovn-sbctl', socket: string, args: readonly string[]): Promise<string> {
  const outcome = await runTool(join(OVN_BIN!, tool), [`--db=unix:${socket}`, ...args])
  if (outcome.code !== 0) t.fail(`${tool} ${args.join(' ')} exited ${outcome.code}: ${outcome.stderr}`)
  return outcome.stdout
}

/** Runs `step` as one ovn-nbctl command that returns once northd has put it in the southbound database. */
function runStep(t: Test, socket: string, step: Step): Promise<string> {
  const args = ['--wait=sb', '--timeout=30', ...step.flatMap((command, i) => (i === 0 ? command : ['--', ...command]))]
  return ovn(t, 'ovn-nbctl', socket, args)
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g

/** What northd wrote to the southbound database: flows with UUIDs numbered, rows with UUIDs blanked and sorted. */
async function southbound(t: Test, socket: string): Promise<Record<string, string>> {
  const sorted = async (table: string, columns: string) =>
    (await ovn(t, 'ovn-sbctl', socket, ['--format=csv', '--data=bare', '--no-headings', `--columns=${columns}`, 'list', table])).replace(UUID, '<uuid>').split('\n').sort().join('\n')
  return {
    lflows: numberUuids(await ovn(t, 'ovn-sbctl', socket, ['lflow-list'])),
    datapaths: await sorted('Datapath_Binding', 'external_ids,tunnel_key'),
    ports: await sorted('Port_Binding', 'logical_port,type,mac,options,tunnel_key'),
    groups: await sorted('Multicast_Group', 'name,tunnel_key'),
    loadBalancers: await sorted('Load_Balancer', 'name,vips,protocol'),
    cfg: await ovn(t, 'ovn-nbctl', socket, ['get', 'NB_Global', '.', 'nb_cfg', 'sb_cfg']),
  }
}

/** Runs `steps` on both sides and checks that both southbound databases then hold the same. */
async function compareAfter(t: Test, label: string, sockets: { real: string; ours: string }, steps: readonly Step[]): Promise<void> {
  for (const step of steps) {
    await runStep(t, sockets.real, step)
    await runStep(t, sockets.ours, step)
  }
  const [expected, actual] = [await southbound(t, sockets.real), await southbound(t, sockets.ours)]
  t.ok(expected.lflows.split('\n').length > 100, `${label}: northd wrote logical flows (${expected.lflows.split('\n').length} lines)`)
  for (const key of Object.keys(expected)) t.equal(actual[key], expected[key], `${label}: ${key}`)
}

t.test('the real ovn-northd translates the same northbound changes through our server as through ovsdb-server', async (t) => {
  const missing = [
    ...(OVN_BIN === undefined ? ['ovn-northd, ovn-nbctl, ovn-sbctl'] : []),
    ...(OVN_SHARE === undefined ? ['ovn-nb.ovsschema, ovn-sb.ovsschema'] : []),
    ...missingOvsdbTools(),
  ]
  if (missing.length > 0) {
    t.comment(`SKIP: ${missing.join(', ')} not installed (Debian ovn-central, ovn-common, openvswitch-switch)`)
    return t.pass('skipped loudly')
  }
  const schemas = [join(OVN_SHARE!, 'ovn-nb.ovsschema'), join(OVN_SHARE!, 'ovn-sb.ovsschema')]
  const real = await startRealOvsdb(schemas)
  t.teardown(() => real.stop())
  const ours = await startOurServer(t, [{ file: 'nb.db', schemaPath: schemas[0] }, { file: 'sb.db', schemaPath: schemas[1] }])
  const northds = [startNorthd(real.socketPath), startNorthd(ours.socket)]
  t.teardown(async () => {
    for (const northd of northds) await northd.stop()
  })
  const sockets = { real: real.socketPath, ours: ours.socket }

  await compareAfter(t, 'after building two switches and a router', sockets, BUILD)
  await compareAfter(t, 'after deletions', sockets, REMOVE)
  const status = await runTool(join(OVN_BIN!, 'ovn-appctl'), ['-t', northds[1].ctl, 'status'])
  t.equal(status.stdout, 'Status: active\n', 'northd holds its lock on our server')

  await ours.restart()
  await compareAfter(t, 'after our server restarted under northd', sockets, AFTER_RESTART)
  const restarted = await runTool(join(OVN_BIN!, 'ovn-appctl'), ['-t', northds[1].ctl, 'status'])
  t.equal(restarted.stdout, 'Status: active\n', 'northd took its lock again after the restart')
  const resumed = northds[1].log().match(/received reply, result=\[true,"[0-9a-f-]{36}"/g) ?? []
  t.equal(resumed.length, 2, 'both its databases resumed from our history (monitor_cond_since found: true), no full resync')
  t.notMatch(northds[1].log(), /\|(ERR|EMER)\|/, 'northd logged no error against our server')
})
