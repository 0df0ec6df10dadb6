// /healthz, /readyz, /metrics and the live page's files: health answers, readiness reports its
// reasons with 503, the Prometheus families are present and move with traffic.
import t from 'tap'
import { METRIC_NAMES } from '../../../server/http/index.js'
import { WsClient, post, rpc, startHttpTest } from './helpers.js'

t.test('/healthz answers ok', async (t) => {
  const { app } = await startHttpTest(t)
  const response = await app.inject({ url: '/healthz' })
  t.equal(response.statusCode, 200)
  t.same(response.json(), { status: 'ok' })
})

t.test('/readyz answers ready with writable storage and every remote open', async (t) => {
  const { app } = await startHttpTest(t)
  const response = await app.inject({ url: '/readyz' })
  t.equal(response.statusCode, 200)
  t.same(response.json(), { status: 'ready' })
})

t.test('/readyz answers 503 with the reasons when a remote is down', async (t) => {
  const { app, server, socketPath } = await startHttpTest(t)
  t.ok(await server.rpc.removeRemote(`punix:${socketPath}`))
  const response = await app.inject({ url: '/readyz' })
  t.equal(response.statusCode, 503)
  t.same(response.json(), { status: 'not ready', problems: ['1 of 2 remotes open'] })
})

t.test('/readyz passes on what the readiness check says', async (t) => {
  const { app } = await startHttpTest(t, { readiness: () => ['/data/conf.db: not writable (EACCES)'] })
  const response = await app.inject({ url: '/readyz' })
  t.equal(response.statusCode, 503)
  t.same(response.json(), { status: 'not ready', problems: ['/data/conf.db: not writable (EACCES)'] })
})

/** The value of the sample `name{labels}` (or bare `name`) in an exposition text. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `))
  if (line === undefined) throw new Error(`no sample ${series}`)
  return Number(line.slice(series.length + 1))
}

t.test('/metrics is Prometheus text with every family declared', async (t) => {
  const { app } = await startHttpTest(t)
  const response = await app.inject({ url: '/metrics' })
  t.equal(response.statusCode, 200)
  t.match(response.headers['content-type'], /^text\/plain; version=0\.0\.4/)
  for (const name of METRIC_NAMES) t.match(response.body, new RegExp(`^# TYPE ${name} (counter|gauge|histogram)$`, 'm'), name)
  t.equal(sample(response.body, 'switchyard_rows{db="Test",table="T"}'), 0)
  t.equal(sample(response.body, 'switchyard_commit_duration_seconds_bucket{le="+Inf"}'), sample(response.body, 'switchyard_commit_duration_seconds_count'))
})

t.test('/metrics counts transactions by outcome, rows, history, sessions, monitors and bytes', async (t) => {
  const { app } = await startHttpTest(t)
  const before = (await app.inject({ url: '/metrics' })).body
  await post(app, rpc(1, 'transact', ['Test', { op: 'insert', table: 'T', row: { name: 'a' } }]))
  await post(app, rpc(2, 'transact', ['Test', { op: 'insert', table: 'T', row: { name: 'b', n: 500 } }]))
  const ws = await WsClient.open(app, t)
  await ws.call('monitor_cond', ['Test', 'm', { T: [{}] }])
  const after = (await app.inject({ url: '/metrics' })).body
  t.equal(sample(after, 'switchyard_transactions_committed_total') - sample(before, 'switchyard_transactions_committed_total'), 1)
  const failed = (text: string) => (text.includes('error="constraint violation"') ? sample(text, 'switchyard_transactions_failed_total{error="constraint violation"}') : 0)
  t.equal(failed(after) - failed(before), 1)
  t.equal(sample(after, 'switchyard_rows{db="Test",table="T"}'), 1)
  t.equal(sample(after, 'switchyard_history_transactions{db="Test"}'), 1)
  t.equal(sample(after, 'switchyard_sessions{transport="ws"}'), 1)
  t.equal(sample(after, 'switchyard_monitors'), 1)
  t.ok(sample(after, 'switchyard_received_bytes_total{transport="http"}') > sample(before, 'switchyard_received_bytes_total{transport="http"}'))
  t.ok(sample(after, 'switchyard_sent_bytes_total{transport="ws"}') > sample(before, 'switchyard_sent_bytes_total{transport="ws"}'))
  t.ok(sample(after, 'switchyard_commit_duration_seconds_count') >= sample(before, 'switchyard_commit_duration_seconds_count') + 2)
})

t.test('GET / serves the live page and /app.js its script', async (t) => {
  const { app } = await startHttpTest(t)
  const page = await app.inject({ url: '/' })
  t.equal(page.statusCode, 200)
  t.match(page.headers['content-type'], /^text\/html/)
  t.match(page.body, /<pre id="show">/)
  t.match(page.body, /<script type="module" src="\/app.js">/)
  const script = await app.inject({ url: '/app.js' })
  t.equal(script.statusCode, 200)
  t.match(script.headers['content-type'], /^text\/javascript/)
  t.match(script.body, /monitor_cond/)
})
