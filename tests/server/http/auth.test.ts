// The bearer token: /jsonrpc, /ws and /metrics answer 401 without it and work with it (/ws also
// with ?token= for browsers); health checks and the page stay open.
import t from 'tap'
import { WsClient, openSocket, post, rpc, startHttpTest, wsUrl } from './helpers.js'

const TOKEN = 's3cret'

t.test('without the token, /jsonrpc and /metrics answer 401 with a Bearer challenge', async (t) => {
  const { app } = await startHttpTest(t, { token: TOKEN })
  const denied = await app.inject({ method: 'POST', url: '/jsonrpc', payload: JSON.stringify(rpc(1, 'list_dbs')), headers: { 'content-type': 'application/json' } })
  t.equal(denied.statusCode, 401)
  t.match(denied.headers['www-authenticate'], /^Bearer/)
  t.equal((await app.inject({ url: '/metrics' })).statusCode, 401)
  t.equal((await app.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode, 401)
  t.equal((await app.inject({ url: '/metrics?token=s3cret' })).statusCode, 401, 'the query token is for /ws only')
})

t.test('with the token, /jsonrpc and /metrics work', async (t) => {
  const { app } = await startHttpTest(t, { token: TOKEN })
  const response = await post(app, rpc(1, 'list_dbs'), { authorization: `Bearer ${TOKEN}` })
  t.same(response.json, { jsonrpc: '2.0', id: 1, result: ['Test', '_Server'] })
  t.equal((await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode, 200)
})

t.test('/ws refuses the upgrade without the token and accepts the header or ?token=', async (t) => {
  const { app } = await startHttpTest(t, { token: TOKEN })
  await t.rejects(openSocket(wsUrl(app, '/ws')), /HTTP 401/)
  await t.rejects(openSocket(wsUrl(app, '/ws?token=nope')), /HTTP 401/)
  const byHeader = await WsClient.open(app, t, '', { authorization: `Bearer ${TOKEN}` })
  t.same((await byHeader.call('echo', [1])).result, [1])
  const byQuery = await WsClient.open(app, t, `?token=${TOKEN}`)
  t.same((await byQuery.call('echo', [2])).result, [2])
})

t.test('health checks and the page need no token', async (t) => {
  const { app } = await startHttpTest(t, { token: TOKEN })
  for (const url of ['/healthz', '/readyz', '/', '/app.js']) t.equal((await app.inject({ url })).statusCode, 200, url)
})

t.test('browser requests from another origin are refused on /jsonrpc and /ws; same-origin ones pass', async (t) => {
  const { app } = await startHttpTest(t)
  const host = wsUrl(app, '').slice('ws://'.length)
  const payload = JSON.stringify(rpc(1, 'list_dbs'))
  const foreign = await app.inject({ method: 'POST', url: '/jsonrpc', payload, headers: { 'content-type': 'application/json', origin: 'http://evil.example' } })
  t.equal(foreign.statusCode, 403)
  const same = await app.inject({ method: 'POST', url: '/jsonrpc', payload, headers: { 'content-type': 'application/json', origin: `http://${host}`, host } })
  t.equal(same.statusCode, 200)
  await t.rejects(openSocket(wsUrl(app, '/ws'), { origin: 'http://evil.example' }), /HTTP 403/)
  const ok = await WsClient.open(app, t, '', { origin: `http://${host}` })
  t.same((await ok.call('echo', [3])).result, [3])
})

t.test('a text/plain body (which browsers send cross-site unasked) is not accepted on /jsonrpc', async (t) => {
  const { app } = await startHttpTest(t)
  const response = await app.inject({ method: 'POST', url: '/jsonrpc', payload: JSON.stringify(rpc(1, 'list_dbs')), headers: { 'content-type': 'text/plain' } })
  t.equal(response.statusCode, 415)
})
