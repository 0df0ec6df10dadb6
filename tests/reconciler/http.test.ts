// The reconciler's /healthz and /metrics (reconciler/http.ts, metrics.ts): 200 while connected and 503
// with the reason when not, counters that move with passes and engine failures, gauges for the lock,
// the connection and BFD sessions by state, a real 127.0.0.1 listener, and `--http` on the command line.
import net from 'node:net'
import t from 'tap'
import { DEFAULT_HTTP, parseReconcilerArgs } from '../../reconciler/args.js'
import { EngineDriver } from '../../reconciler/engine-adapter.js'
import { SimEngine, VirtualClock } from '../../reconciler/engines/index.js'
import { buildReconcilerHttp, startReconcilerHttp } from '../../reconciler/http.js'
import { SILENT_LOG } from '../../reconciler/log.js'
import { ReconcileLoop } from '../../reconciler/loop.js'
import { RECONCILER_METRIC_NAMES } from '../../reconciler/metrics.js'
import { Reconciler } from '../../reconciler/reconciler.js'
import { MemoryDb } from './harness.js'

const REMOTE = 'tcp:server:6640'

function setup(devices: readonly string[] = []) {
  const db = new MemoryDb()
  const clock = new VirtualClock()
  const driver = new EngineDriver(new SimEngine({ clock, devices: devices.map((name) => ({ name })) }), SILENT_LOG)
  let draws = 0
  const reconciler = new Reconciler(db, driver, { clock, log: SILENT_LOG, random: () => ++draws })
  const app = buildReconcilerHttp({ db, bfd: reconciler.bfd, remote: REMOTE })
  const settle = () => reconciler.loop.idle()
  return { db, reconciler, app, settle }
}

/** The value of the sample `series` (name plus labels, as printed) in the exposition `text`. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `))
  if (line === undefined) throw new Error(`no sample ${series} in:\n${text}`)
  return Number(line.slice(series.length + 1))
}

async function scrape(app: ReturnType<typeof setup>['app']): Promise<string> {
  const reply = await app.inject({ url: '/metrics' })
  if (reply.statusCode !== 200) throw new Error(`/metrics answered ${reply.statusCode}`)
  return reply.body
}

t.test('GET /healthz answers 200 {"status":"ok"} while the database is connected', async (t) => {
  const { app } = setup()
  const reply = await app.inject({ url: '/healthz' })
  t.equal(reply.statusCode, 200)
  t.same(reply.json(), { status: 'ok' })
})

t.test('GET /healthz answers 503 naming the remote when the database was never connected', async (t) => {
  const { db, app } = setup()
  db.connected = false
  const reply = await app.inject({ url: '/healthz' })
  t.equal(reply.statusCode, 503)
  t.same(reply.json(), { status: 'not connected', reason: `no connection to the database ${REMOTE} yet (connecting)` })
})

t.test('GET /healthz answers 503 saying when the connection was lost, and 200 again once it is back', async (t) => {
  const { db, app } = setup()
  db.connected = false
  db.bump()
  const lost = await app.inject({ url: '/healthz' })
  t.equal(lost.statusCode, 503)
  t.match(lost.json(), { status: 'not connected', reason: new RegExp(`^connection to the database ${REMOTE} lost at \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z \\(reconnecting\\)$`) })
  db.connected = true
  db.bump()
  t.equal((await app.inject({ url: '/healthz' })).statusCode, 200)
})

t.test('GET /metrics is Prometheus text listing every family, with a HELP and TYPE line each', async (t) => {
  const { app } = setup()
  const reply = await app.inject({ url: '/metrics' })
  t.equal(reply.statusCode, 200)
  t.match(reply.headers['content-type'], /^text\/plain; version=0\.0\.4/)
  for (const name of RECONCILER_METRIC_NAMES) {
    t.match(reply.body, new RegExp(`^# HELP ${name} .+\\n# TYPE ${name} (counter|gauge|histogram)$`, 'm'), name)
  }
  t.equal(sample(reply.body, 'switchyard_reconciler_database_connected'), 1)
  t.equal(sample(reply.body, 'switchyard_reconciler_lock_held'), 1)
})

t.test('passes and the pass duration histogram count every pass the loop runs', async (t) => {
  const { db, app, settle } = setup()
  const before = await scrape(app)
  db.addBridge('br0')
  await settle()
  db.addBridge('br1')
  await settle()
  const after = await scrape(app)
  const passes = sample(after, 'switchyard_reconciler_passes_total{result="ok"}') - sample(before, 'switchyard_reconciler_passes_total{result="ok"}')
  t.ok(passes >= 2, `at least one pass per change (${passes})`)
  const counted = sample(after, 'switchyard_reconciler_pass_duration_seconds_count') - sample(before, 'switchyard_reconciler_pass_duration_seconds_count')
  t.equal(counted, passes, 'one observation per pass')
  t.equal(sample(after, 'switchyard_reconciler_pass_duration_seconds_bucket{le="+Inf"}'), sample(after, 'switchyard_reconciler_pass_duration_seconds_count'))
})

t.test('a pass that throws counts as failed', async (t) => {
  const { app } = setup()
  const before = sample(await scrape(app), 'switchyard_reconciler_passes_total{result="failed"}')
  const loop = new ReconcileLoop(async () => {
    throw new Error('boom')
  }, new VirtualClock(), SILENT_LOG)
  loop.wake()
  await loop.idle()
  await loop.stop()
  t.equal(sample(await scrape(app), 'switchyard_reconciler_passes_total{result="failed"}'), before + 1)
})

t.test('engine errors count failed bridge and interface creations by kind', async (t) => {
  const { db, app, settle } = setup()
  const before = await scrape(app)
  const delta = (text: string, kind: string) => sample(text, `switchyard_reconciler_engine_errors_total{kind="${kind}"}`) - sample(before, `switchyard_reconciler_engine_errors_total{kind="${kind}"}`)
  db.addBridge('br0')
  db.addBridge('brx', 'bogus')
  await settle()
  db.addPort('br0', 'missing0', [{ name: 'missing0' }])
  await settle()
  const after = await scrape(app)
  t.equal(delta(after, 'create-bridge'), 1, 'the bridge of an unknown datapath type')
  t.equal(delta(after, 'create-interface'), 1, 'the system interface without a device')
  t.equal(delta(after, 'change-interface'), 0)
})

t.test('BFD sessions are counted by state and disappear when BFD is disabled', async (t) => {
  const { db, app, settle } = setup()
  db.addBridge('br0')
  db.addPort('br0', 'p0', [{ name: 'p0', type: 'internal', bfd: { enable: 'true' } }])
  db.addPort('br0', 'p1', [{ name: 'p1', type: 'internal', bfd: { enable: 'true' } }])
  await settle()
  const on = await scrape(app)
  t.equal(sample(on, 'switchyard_reconciler_bfd_sessions{state="down"}'), 2)
  t.equal(sample(on, 'switchyard_reconciler_bfd_sessions{state="up"}'), 0)
  db.setInterface('p0', { type: 'internal', bfd: {} })
  await settle()
  t.equal(sample(await scrape(app), 'switchyard_reconciler_bfd_sessions{state="down"}'), 1)
})

t.test('the lock and connection gauges follow the database side', async (t) => {
  const { db, app } = setup()
  db.hasLock = false
  t.equal(sample(await scrape(app), 'switchyard_reconciler_lock_held'), 0)
  db.connected = false
  t.equal(sample(await scrape(app), 'switchyard_reconciler_database_connected'), 0)
})

t.test('a real listener on 127.0.0.1:0 serves both routes and closes', async (t) => {
  const { db, reconciler } = setup()
  const http = await startReconcilerHttp({ db, bfd: reconciler.bfd, remote: REMOTE }, { host: '127.0.0.1', port: 0 }, SILENT_LOG)
  if (http === null) throw new Error('no listener')
  t.teardown(() => http.close())
  t.match(http.address, /^127\.0\.0\.1:[1-9][0-9]*$/)
  const health = await fetch(`http://${http.address}/healthz`)
  t.equal(health.status, 200)
  t.same(await health.json(), { status: 'ok' })
  const metrics = await fetch(`http://${http.address}/metrics`)
  t.match(await metrics.text(), /^switchyard_reconciler_database_connected 1$/m)
})

t.test('a given address that cannot be bound rejects; --http none starts nothing', async (t) => {
  const { db, reconciler } = setup()
  const holder = net.createServer()
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve))
  t.teardown(() => holder.close())
  const port = (holder.address() as net.AddressInfo).port
  const source = { db, bfd: reconciler.bfd, remote: REMOTE }
  await t.rejects(startReconcilerHttp(source, { host: '127.0.0.1', port }, SILENT_LOG), new RegExp(`^--http 127\\.0\\.0\\.1:${port}: .*EADDRINUSE`))
  t.equal(await startReconcilerHttp(source, null, SILENT_LOG), null)
})

t.test('--http takes ADDR:PORT, [IPv6]:PORT or none; absent means the default 127.0.0.1:8081', async (t) => {
  t.equal(parseReconcilerArgs([])?.http, undefined)
  t.same(DEFAULT_HTTP, { host: '127.0.0.1', port: 8081 })
  t.same(parseReconcilerArgs(['--http', '0.0.0.0:8081'])?.http, { host: '0.0.0.0', port: 8081 })
  t.same(parseReconcilerArgs(['--http=[::1]:9000'])?.http, { host: '::1', port: 9000 })
  t.equal(parseReconcilerArgs(['--http', 'none'])?.http, null)
  t.throws(() => parseReconcilerArgs(['--http', '8081']), /^--http 8081: expected ADDR:PORT/)
  t.throws(() => parseReconcilerArgs(['--http', '127.0.0.1:70000']), /expected ADDR:PORT/)
})
