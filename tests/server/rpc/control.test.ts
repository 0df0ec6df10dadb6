// The control socket: `switchyard-server ctl` commands (list-commands, memory/show, compact,
// add/list/remove remotes, list-dbs, vlog/list and vlog/set, exit, errors) and the real ovs-appctl
// speaking to it.
import t, { type Test } from 'tap'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { openControl } from '../../../server/rpc/control.js'
import { runCtl } from '../../../server/rpc/ctl-client.js'
import { createLogger } from '../../../server/rpc/log.js'
import { WireClient, resultOf, startTestServer } from './helpers.js'

async function setup(t: Test) {
  const test = await startTestServer(t)
  let exits = 0
  const path = join(test.dir, 'switchyard.ctl')
  const logged: string[] = []
  const log = createLogger('info', (line) => logged.push(line))
  const control = await openControl(path, { server: test.server, version: '9.9.9', exit: () => exits++, log })
  t.teardown(() => control.close())
  const ctl = async (...argv: string[]) => {
    let out = ''
    let err = ''
    const code = await runCtl(['--target', path, ...argv], (text) => (out += text), (text) => (err += text))
    return { code, out, err }
  }
  return { ...test, path, ctl, exits: () => exits, log, logged }
}

t.test('list-commands and version', async (t) => {
  const { ctl } = await setup(t)
  const list = await ctl('list-commands')
  t.equal(list.code, 0)
  t.match(list.out, /^The available commands are:\n/)
  t.match(list.out, '  ovsdb-server/add-remote REMOTE\n')
  t.same(await ctl('version'), { code: 0, out: 'switchyard-server 9.9.9\n', err: '' })
})

t.test('memory/show counts sessions, monitors, rows, triggers and backlog', async (t) => {
  const { ctl, socketPath } = await setup(t)
  const client = await WireClient.connect(socketPath, t)
  resultOf(await client.call('monitor', ['Test', 'm', { T: {} }]))
  resultOf(await client.call('transact', ['Test', { op: 'insert', table: 'T', row: { name: 'a' } }]))
  const shown = await ctl('memory/show')
  t.equal(shown.code, 0)
  t.match(shown.out, /^backlog:\d+ monitors:1 rows:3 sessions:1 triggers:0\n$/, '2 _Server rows + 1 row of T')
})

t.test('remotes can be added, listed and removed at run time', async (t) => {
  const { ctl, socketPath, server } = await setup(t)
  const before = server.rpc.listRemotes()
  t.same(await ctl('ovsdb-server/add-remote', 'ptcp:0:127.0.0.1'), { code: 0, out: '', err: '' })
  const listed = (await ctl('ovsdb-server/list-remotes')).out.trim().split('\n')
  const added = listed.filter((remote) => !before.includes(remote))
  t.equal(listed.length, 3)
  t.match(added, [/^ptcp:[1-9][0-9]*:127\.0\.0\.1$/])
  const client = await WireClient.connect(Number(added[0].split(':')[1]), t)
  t.same(resultOf(await client.call('list_dbs', [])), ['Test', '_Server'], 'the new remote serves')
  t.same(await ctl('ovsdb-server/remove-remote', added[0]), { code: 0, out: '', err: '' }, 'removed by its bound name')
  t.same(await ctl('ovsdb-server/remove-remote', `punix:${socketPath}`), { code: 0, out: '', err: '' })
  t.notOk(existsSync(socketPath), 'the socket file is gone')
  t.same(await ctl('ovsdb-server/remove-remote', `punix:${socketPath}`), { code: 2, out: '', err: `punix:${socketPath}: no such remote\n` })
  t.same(await ctl('ovsdb-server/add-remote', before.find((remote) => remote.startsWith('ptcp:'))!), {
    code: 2,
    out: '',
    err: `${before.find((remote) => remote.startsWith('ptcp:'))}: remote already open\n`,
  })
  t.match(await ctl('ovsdb-server/add-remote', 'nope:1'), { code: 2, err: /unknown remote type "nope"/ })
})

t.test('db: remotes can be added, listed and removed at run time', async (t) => {
  const { ctl, socketPath, server } = await setup(t)
  t.same(await ctl('ovsdb-server/add-remote', 'db:Test,T,name'), { code: 0, out: '', err: '' })
  t.match((await ctl('ovsdb-server/list-remotes')).out, /^db:Test,T,name\n/)
  const client = await WireClient.connect(socketPath, t)
  resultOf(await client.call('transact', ['Test', { op: 'insert', table: 'T', row: { name: 'ptcp:0:127.0.0.1' } }]))
  await server.dbRemotes.settled()
  const tcp = () => server.rpc.listRemotes().filter((remote) => remote.startsWith('ptcp:'))
  t.equal(tcp().length, 2, 'the row names a second TCP listener')
  t.same(await ctl('ovsdb-server/remove-remote', 'db:Test,T,name'), { code: 0, out: '', err: '' })
  await server.dbRemotes.settled()
  t.equal(tcp().length, 1, 'its listener closes with it')
  t.same(await ctl('ovsdb-server/add-remote', 'db:Test'), { code: 2, out: '', err: '"db:Test": invalid syntax\n' })
})

t.test('compact works on data databases, not on _Server; list-dbs names them all', async (t) => {
  const { ctl } = await setup(t)
  t.same(await ctl('ovsdb-server/compact'), { code: 0, out: '', err: '' })
  t.same(await ctl('ovsdb-server/compact', 'Test'), { code: 0, out: '', err: '' })
  t.same(await ctl('ovsdb-server/compact', '_Server'), { code: 2, out: '', err: 'cannot compact built-in databases\n' })
  t.same(await ctl('ovsdb-server/compact', 'Nope'), { code: 2, out: '', err: 'Nope: no database by that name\n' })
  t.same(await ctl('ovsdb-server/list-dbs'), { code: 0, out: 'Test\n_Server\n', err: '' })
})

t.test('exit asks the process to shut down; unknown commands and a missing server are errors', async (t) => {
  const { ctl, exits, dir } = await setup(t)
  t.same(await ctl('exit'), { code: 0, out: '', err: '' })
  await new Promise((resolve) => setImmediate(resolve))
  t.equal(exits(), 1)
  t.same(await ctl('frob'), { code: 2, out: '', err: '"frob" is not a valid command (use "list-commands" to see a list of valid commands)\n' })
  let err = ''
  t.equal(await runCtl(['-t', join(dir, 'none.ctl'), 'version'], () => undefined, (text) => (err += text)), 1)
  t.match(err, /cannot talk to .*none\.ctl/)
  t.equal(await runCtl([], () => undefined, (text) => (err += text)), 1)
  t.match(err, /usage: switchyard-server ctl/)
})

t.test('vlog/list shows each module\'s level and vlog/set changes them as OVS daemons parse it', async (t) => {
  const { ctl, log, logged } = await setup(t)
  const listed = await ctl('vlog/list')
  t.equal(listed.out.split('\n').slice(0, 3).join('\n'), '                 console\n                 -------\ncontrol           INFO')
  t.equal(listed.out.split('\n').filter((line) => line.endsWith('INFO')).length, 8, 'every module starts at the --log-level')
  t.same(await ctl('vlog/set', 'jsonrpc:dbg'), { code: 0, out: '', err: '' })
  t.same(await ctl('vlog/set', 'console:LISTENER:warn', 'storage,off'), { code: 0, out: '', err: '' })
  t.match((await ctl('vlog/list')).out, /\njsonrpc            DBG\nlistener          WARN\nmain              INFO\n.*\nstorage            OFF\n$/s)
  log.debug('jsonrpc', 'shown')
  log.info('listener', 'hidden')
  log.error('storage', 'hidden too')
  log.debug('main', 'hidden as well')
  t.match(logged, [/\|DEBUG\|jsonrpc\|shown\n$/])
  t.equal(logged.length, 1, 'only what the levels let through')
  t.same(await ctl('vlog/set', 'ANY:console:err'), { code: 0, out: '', err: '' })
  t.equal((await ctl('vlog/list')).out.split('\n').filter((line) => line.endsWith(' ERR')).length, 8, 'ANY is every module')
  t.same(await ctl('vlog/set'), { code: 0, out: '', err: '' })
  t.equal((await ctl('vlog/list')).out.split('\n').filter((line) => line.endsWith(' DBG')).length, 8, 'no spec: every module to dbg')
  const refusals: [string, string][] = [
    ['bogus', 'no destination, level, or module "bogus"'],
    ['dbg:info', 'cannot specify multiple levels'],
    ['main:rpc', 'cannot specify multiple modules'],
    ['console:file', 'cannot specify multiple destinations'],
    ['file:dbg', 'switchyard-server logs only to the console (stderr), not to file'],
    ['PATTERN:console:%m', 'PATTERN is not supported by switchyard-server'],
  ]
  for (const [spec, message] of refusals) t.same(await ctl('vlog/set', spec), { code: 2, out: '', err: `${message}\n` }, spec)
})

const APPCTL = ['/usr/bin/ovs-appctl', '/usr/local/bin/ovs-appctl'].find(existsSync)
t.test('the real ovs-appctl talks to the control socket', async (t) => {
  if (APPCTL === undefined) {
    t.comment('SKIP: ovs-appctl not installed — control socket NOT checked with it')
    return t.pass('skipped')
  }
  const { path } = await setup(t)
  const { stdout } = await promisify(execFile)(APPCTL, ['-t', path, 'ovsdb-server/list-dbs'])
  t.equal(stdout, 'Test\n_Server\n')
  await promisify(execFile)(APPCTL, ['-t', path, 'vlog/set', 'rpc:dbg'])
  t.match((await promisify(execFile)(APPCTL, ['-t', path, 'vlog/list'])).stdout, /\nrpc                DBG\n/)
  const refused = await promisify(execFile)(APPCTL, ['-t', path, 'vlog/set', 'nosuch']).catch((error: { stderr: string }) => error)
  t.equal((refused as { stderr: string }).stderr, 'no destination, level, or module "nosuch"\novs-appctl: /dev/null: server returned an error\n'.replace('/dev/null', path))
})
