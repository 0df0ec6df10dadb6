// The switchyard-server command line: defaults, --db/--schema pairing, remotes, TLS files,
// numbers and levels, and a clear UsageError for every bad argument.
import t from 'tap'
import { DEFAULT_DB_PATH, DEFAULT_REMOTES, UsageError, parseServerArgs } from '../../../server/rpc/args.js'

t.test('no arguments serve the vswitch schema from ./data on a Unix socket and 127.0.0.1:6640', async (t) => {
  const config = parseServerArgs([])!
  t.same(config.databases, [{ path: DEFAULT_DB_PATH, schemaPath: null }])
  t.same(config.remotes, [...DEFAULT_REMOTES])
  t.same(DEFAULT_REMOTES, ['punix:./data/db.sock', 'ptcp:6640:127.0.0.1'])
  t.equal(config.logLevel, 'info')
  t.equal(config.pidfile, null)
  t.equal(config.tls, null)
})

t.test('--help asks for the usage text', async (t) => {
  t.equal(parseServerArgs(['--db', 'x', '--help']), null)
})

t.test('--db and --schema pair up in order, in both spellings', async (t) => {
  const config = parseServerArgs(['--schema', 'a.ovsschema', '--db=a.db', '--db', 'b.db', '--schema=b.ovsschema'])!
  t.same(config.databases, [
    { path: 'a.db', schemaPath: 'a.ovsschema' },
    { path: 'b.db', schemaPath: 'b.ovsschema' },
  ])
  t.same(parseServerArgs(['--db', 'a.db', '--db', 'b.db'])!.databases.map((db) => db.schemaPath), [null, null])
})

t.test('remotes, pidfile, probe interval, limits and log level are taken as given', async (t) => {
  const config = parseServerArgs([
    '--remote=ptcp:0:127.0.0.1',
    '--remote',
    'punix:/tmp/x.sock',
    '--pidfile',
    '--inactivity-probe=0',
    '--max-message-size',
    '1024',
    '--max-backlog=2048',
    '--update-window=0',
    '--busy-poll',
    '50',
    '--log-level=debug',
  ])!
  t.same(config.remotes, ['ptcp:0:127.0.0.1', 'punix:/tmp/x.sock'])
  t.equal(config.pidfile, './data/switchyard-server.pid')
  t.equal(parseServerArgs(['--pidfile=/run/s.pid'])!.pidfile, '/run/s.pid')
  t.equal(config.probeIntervalMs, 0)
  t.equal(config.maxMessageBytes, 1024)
  t.equal(config.maxBacklogBytes, 2048)
  t.equal(config.updateWindowMs, 0)
  t.equal(config.busyPollUs, 50)
  t.equal(parseServerArgs([])!.busyPollUs, null, 'absent: the server default')
  t.equal(config.logLevel, 'debug')
})

t.test('SSL remotes need all three PEM files', async (t) => {
  const tls = ['--private-key', 'k.pem', '--certificate', 'c.pem', '--ca-cert', 'ca.pem']
  t.same(parseServerArgs(['--remote', 'pssl:6641', ...tls])!.tls, { privateKey: 'k.pem', certificate: 'c.pem', caCert: 'ca.pem' })
  t.throws(() => parseServerArgs(['--remote', 'pssl:6641']), new UsageError('--remote=pssl:6641 needs --private-key, --certificate and --ca-cert'))
  t.throws(() => parseServerArgs(['--private-key', 'k.pem']), { message: '--private-key, --certificate and --ca-cert go together' })
})

t.test('db:DB,TABLE,COLUMN remotes are accepted as given', async (t) => {
  const config = parseServerArgs(['--remote', 'db:Open_vSwitch,Open_vSwitch,manager_options', '--remote', 'punix:x'])
  t.same(config?.remotes, ['db:Open_vSwitch,Open_vSwitch,manager_options', 'punix:x'])
})

t.test('every bad argument is a UsageError saying what is wrong', async (t) => {
  const cases: [string[], RegExp][] = [
    [['--frob'], /unknown option "--frob"/],
    [['conf.db'], /unexpected argument "conf.db"/],
    [['--db'], /--db needs a value/],
    [['--db='], /--db needs a value/],
    [['--remote', 'foo:1'], /unknown remote type "foo"/],
    [['--remote', 'ptcp:99999'], /bad port number "99999"/],
    [['--remote', 'db:Open_vSwitch,Open_vSwitch'], /"db:Open_vSwitch,Open_vSwitch": invalid syntax/],
    [['--schema', 'a', '--schema', 'b', '--db', 'x'], /one --schema per --db/],
    [['--db', 'x', '--db', 'x'], /same --db file is given twice/],
    [['--log-level', 'loud'], /--log-level loud: expected one of off, error, warn, info, debug/],
    [['--inactivity-probe', '-1'], /expected a non-negative integer/],
    [['--max-backlog', '1e6'], /expected a non-negative integer/],
    [['--update-window', '-5'], /--update-window -5: expected a non-negative integer/],
    [['--busy-poll', 'fast'], /--busy-poll fast: expected a non-negative integer/],
    [['--pidfile='], /empty file name/],
  ]
  for (const [argv, message] of cases) t.throws(() => parseServerArgs(argv), { name: 'UsageError', message }, argv.join(' '))
})
