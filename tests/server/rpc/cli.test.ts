// switchyard-server as a process: bad arguments exit 1 with one clear line on stderr; a good
// command line creates the database from the package's schema (whatever the working directory),
// serves it, writes the pidfile, and on SIGTERM exits 0 removing the pidfile and socket, keeping
// committed data for the next start.
import t, { type Test } from 'tap'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { WireClient, resultOf } from './helpers.js'

const MAIN = fileURLToPath(new URL('../../../server/main.ts', import.meta.url))
/** tsx's loader by absolute URL: the child runs in a temp directory. */
const TSX = import.meta.resolve('tsx')

interface Exit {
  code: number | null
  stdout: string
  stderr: string
}

function start(args: string[], cwd: string) {
  const child = spawn(process.execPath, ['--import', TSX, MAIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })))
  const logged = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => (stderr.includes(text) ? resolve() : undefined)
      child.stderr.on('data', check)
      void exited.then((exit) => reject(new Error(`exited ${exit.code} before logging "${text}": ${exit.stderr}`)))
      check()
    })
  return { child, exited, logged }
}

function tempDir(t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'sy-cli-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

t.test('bad arguments exit 1 with one line naming the problem', async (t) => {
  const dir = tempDir(t)
  const cases: [string[], RegExp][] = [
    [['--frob'], /^switchyard-server: unknown option "--frob" \(try --help\)\n$/],
    [['--remote', 'nope:1'], /^switchyard-server: --remote=nope:1: unknown remote type "nope"/],
    [['--db', join(dir, 'x.db'), '--schema', join(dir, 'missing.ovsschema'), '--http', 'none'], /^switchyard-server: cannot read schema .*missing\.ovsschema/],
    [['--remote', 'pssl:0'], /needs --private-key, --certificate and --ca-cert/],
  ]
  for (const [args, message] of cases) {
    const exit = await start(args, dir).exited
    t.equal(exit.code, 1, args.join(' '))
    t.match(exit.stderr, message)
  }
})

t.test('--help prints the usage and exits 0', async (t) => {
  const exit = await start(['--help'], tempDir(t)).exited
  t.equal(exit.code, 0)
  t.match(exit.stdout, /^usage: switchyard-server \[OPTIONS\]/)
})

t.test('a server started in any directory creates ./data/conf.db from the shipped schema, and SIGTERM stops it cleanly', async (t) => {
  const dir = tempDir(t)
  const args = ['--remote', 'punix:./data/db.sock', '--pidfile', '--http', 'none']
  const first = start(args, dir)
  await first.logged('serving Open_vSwitch, _Server')
  t.equal(readFileSync(join(dir, 'data', 'switchyard-server.pid'), 'utf8'), `${first.child.pid}\n`)
  const client = await WireClient.connect(join(dir, 'data', 'db.sock'), t)
  t.same(resultOf(await client.call('list_dbs', [])), ['Open_vSwitch', '_Server'])
  resultOf(await client.call('transact', ['Open_vSwitch', { op: 'insert', table: 'Open_vSwitch', row: { next_cfg: 41 } }]))
  first.child.kill('SIGTERM')
  t.equal((await first.exited).code, 0)
  t.notOk(existsSync(join(dir, 'data', 'switchyard-server.pid')), 'pidfile removed')
  t.notOk(existsSync(join(dir, 'data', 'db.sock')), 'socket removed')
  t.ok(existsSync(join(dir, 'data', 'conf.db')), 'database kept')
  const second = start(args, dir)
  await second.logged('serving')
  const again = await WireClient.connect(join(dir, 'data', 'db.sock'), t)
  const [select] = resultOf(await again.call('transact', ['Open_vSwitch', { op: 'select', table: 'Open_vSwitch', where: [], columns: ['next_cfg'] }])) as [unknown]
  t.same(select, { rows: [{ next_cfg: 41 }] }, 'committed data survives the restart')
  second.child.kill('SIGINT')
  t.equal((await second.exited).code, 0)
})

t.test('a second server on the same socket refuses to start and leaves the first serving', async (t) => {
  const dir = tempDir(t)
  const socket = join(dir, 'db.sock')
  const first = start(['--db', join(dir, 'a.db'), '--remote', `punix:${socket}`, '--http', 'none'], dir)
  await first.logged('serving')
  t.teardown(() => void first.child.kill('SIGTERM'))
  const second = await start(['--db', join(dir, 'b.db'), '--remote', `punix:${socket}`, '--http', 'none'], dir).exited
  t.equal(second.code, 1)
  t.match(second.stderr, 'another server is already listening on this socket')
  const client = await WireClient.connect(socket, t)
  t.same(resultOf(await client.call('echo', ['still here'])), ['still here'])
})
