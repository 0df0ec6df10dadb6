// Session robustness over real sockets: bad input closes only the offending connection (with a
// log line saying why), oversized messages, unsolicited replies, the inactivity probe on TCP (not
// on Unix sockets) and the send-backlog cap.
import t from 'tap'
import { serverCounters } from '../../../server/metrics.js'
import { UpdateFlusher } from '../../../server/rpc/update-flusher.js'
import { WireClient, resultOf, sessionPair, startTestServer } from './helpers.js'

const bystander = async (client: WireClient) => resultOf(await client.call('list_dbs', []))

t.test('malformed JSON closes only that connection, and the reason is logged', async (t) => {
  const { socketPath, logLines } = await startTestServer(t)
  const bad = await WireClient.connect(socketPath, t)
  const good = await WireClient.connect(socketPath, t)
  bad.write('{"method":"echo","params":[],"id":1}')
  await bad.take()
  bad.write('{"method": nope}')
  await bad.closed
  t.same(await bystander(good), ['Test', '_Server'])
  t.ok(logLines.some((line) => line.includes('error parsing stream')), 'logged')
})

t.test('a message cut short and followed by a whole one closes the connection at once', async (t) => {
  const { socketPath, logLines } = await startTestServer(t)
  const bad = await WireClient.connect(socketPath, t)
  const good = await WireClient.connect(socketPath, t)
  bad.write('{"method":"echo","params":["cut"],"id":1')
  await new Promise((resolve) => setTimeout(resolve, 20))
  bad.write('{"method":"echo","params":["whole"],"id":2}')
  await bad.closed
  t.equal(bad.raw, '', 'neither message is answered')
  t.same(await bystander(good), ['Test', '_Server'])
  t.ok(logLines.some((line) => line.includes("syntax error expecting '}' or ','")), 'the reason is logged')
})

t.test('requests before malformed bytes in the same chunk are answered before the connection closes', async (t) => {
  const { socketPath, logLines } = await startTestServer(t)
  const client = await WireClient.connect(socketPath, t)
  client.write('{"method":"echo","params":["a"],"id":1}{"method":"list_dbs","params":[],"id":2}{"method": nope}')
  await client.closed
  t.match(client.raw, /^\{"id":1,"result":\["a"\],"error":null\}\{"id":2,"result":\["Test","_Server"\],"error":null\}$/)
  t.ok(logLines.some((line) => line.includes('error parsing stream')), 'the stream error is still logged')
})

t.test('a message that is not a valid JSON-RPC message closes the connection', async (t) => {
  const { socketPath, logLines } = await startTestServer(t)
  const bad = await WireClient.connect(socketPath, t)
  const good = await WireClient.connect(socketPath, t)
  bad.write('{"method":"echo","params":"x","id":1}')
  await bad.closed
  t.same(await bystander(good), ['Test', '_Server'])
  t.ok(logLines.some((line) => line.includes('received bad JSON-RPC message: "params" must be JSON array')))
})

t.test('a message over the size limit closes the connection', async (t) => {
  const { socketPath, logLines } = await startTestServer(t, { maxMessageBytes: 1000 })
  const bad = await WireClient.connect(socketPath, t)
  const good = await WireClient.connect(socketPath, t)
  bad.write(JSON.stringify({ method: 'echo', params: ['x'.repeat(2000)], id: 1 }))
  await bad.closed
  t.notMatch(bad.raw, 'result')
  t.same(await bystander(good), ['Test', '_Server'])
  t.ok(logLines.some((line) => line.includes('error parsing stream')))
})

t.test('an unsolicited reply closes the connection; a reply to the server echo does not', async (t) => {
  const { socketPath, logLines } = await startTestServer(t)
  const client = await WireClient.connect(socketPath, t)
  client.write('{"id":"echo","result":[],"error":null}')
  await client.sync()
  client.write('{"id":42,"result":[],"error":null}')
  await client.closed
  t.ok(logLines.some((line) => line.includes('received unexpected reply message')))
  const other = await WireClient.connect(socketPath, t)
  other.write('{"id":42,"error":"boom"}')
  await other.closed
  t.ok(logLines.some((line) => line.includes('received unexpected error message')))
})

t.test('an idle TCP session gets an echo probe and stays while it answers', async (t) => {
  const { tcpPort } = await startTestServer(t, { probeIntervalMs: 50 })
  const client = await WireClient.connect(tcpPort, t)
  for (let i = 0; i < 2; i++) {
    const probe = await client.take((message) => message.kind === 'request')
    t.same(probe, { kind: 'request', method: 'echo', params: [], id: 'echo' })
    client.write('{"id":"echo","result":[],"error":null}')
  }
  t.same(await bystander(client), ['Test', '_Server'])
})

t.test('a TCP session that does not answer the probe is disconnected', async (t) => {
  const { tcpPort, logLines } = await startTestServer(t, { probeIntervalMs: 50 })
  const client = await WireClient.connect(tcpPort, t)
  await client.closed
  t.match(client.raw, '{"id":"echo","method":"echo","params":[]}')
  t.ok(logLines.some((line) => line.includes('no response to inactivity probe')))
})

t.test('Unix socket sessions are never probed', async (t) => {
  const { socketPath, tcpPort } = await startTestServer(t, { probeIntervalMs: 20 })
  const unix = await WireClient.connect(socketPath, t)
  const tcp = await WireClient.connect(tcpPort, t)
  await tcp.closed
  await unix.sync()
  t.notMatch(unix.raw, '"method":"echo"', 'no probe while the TCP session was probed and dropped')
})

t.test('a session whose unsent monitor backlog passes the cap is dropped', async (t) => {
  const { socketPath, logLines } = await startTestServer(t, { maxBacklogBytes: 64 * 1024 })
  const slow = await WireClient.connect(socketPath, t)
  const writer = await WireClient.connect(socketPath, t)
  resultOf(await slow.call('monitor', ['Test', 'm', { T: {} }]))
  slow.socket.pause()
  for (let i = 0; i < 200 && !logLines.some((line) => line.includes('send backlog')); i++) {
    resultOf(await writer.call('transact', ['Test', { op: 'insert', table: 'T', row: { name: `${i}`.padEnd(5000, '.') } }]))
  }
  slow.socket.resume()
  await slow.closed
  t.ok(logLines.some((line) => /send backlog of \d+ bytes exceeds the cap of 65536 bytes/.test(line)))
  t.same(await bystander(writer), ['Test', '_Server'])
})

t.test('a client that sends requests without reading replies is not read further (no unbounded queue)', async (t) => {
  const { socketPath, server } = await startTestServer(t, { maxBacklogBytes: 64 * 1024 })
  const greedy = await WireClient.connect(socketPath, t)
  greedy.socket.pause()
  let batch = ''
  for (let i = 0; i < 400; i++) batch += JSON.stringify({ method: 'echo', params: ['y'.repeat(8000)], id: i })
  greedy.write(batch)
  const other = await WireClient.connect(socketPath, t)
  t.same(await bystander(other), ['Test', '_Server'])
  t.equal(server.rpc.sessionCount, 2, 'the greedy session is throttled, not dropped')
  greedy.socket.resume()
  await greedy.take((message) => message.kind === 'reply' && message.id === 399)
  t.pass('every echo is answered once the client reads')
})

t.test('a message sent as a Buffer reaches the peer byte for byte as its text does, and both count their UTF-8 bytes', async (t) => {
  const { session, bytes, receivedUntil } = await sessionPair(t, new UpdateFlusher(0))
  const text = '{"id":null,"method":"update2","params":["é",{"T":{"x":{"modify":{"s":"€ \u{1F600}"}}}}]}'
  const expected = Buffer.from(text + text, 'utf8')
  const before = serverCounters.bytesOut.get('unix') ?? 0
  session.send(text)
  session.send(Buffer.from(text, 'utf8'))
  await receivedUntil(text + text)
  t.same(bytes(), expected)
  t.equal((serverCounters.bytesOut.get('unix') ?? 0) - before, expected.length, 'counted as UTF-8 bytes both ways')
})

t.test('requests pipelined behind transactions wait for them: 300 writes and an echo in one write come back in order', async (t) => {
  const { socketPath } = await startTestServer(t)
  const client = await WireClient.connect(socketPath, t)
  const other = await WireClient.connect(socketPath, t)
  let batch = ''
  for (let i = 0; i < 300; i++) batch += JSON.stringify({ method: 'transact', params: ['Test', { op: 'insert', table: 'T', row: { name: `n${i}` } }], id: i })
  client.write(batch + JSON.stringify({ method: 'echo', params: ['after'], id: 'barrier' }))
  t.same(await bystander(other), ['Test', '_Server'], 'other sessions are served meanwhile')
  const order: unknown[] = []
  for (let i = 0; i <= 300; i++) {
    const message = await client.take()
    if (message.kind === 'reply' && message.id !== 'barrier') t.match(resultOf(message), [{ uuid: ['uuid', String] }])
    order.push((message as { id?: unknown }).id)
  }
  t.same(order, [...Array.from({ length: 300 }, (_, i) => i), 'barrier'], 'every reply in request order, the echo last')
})
