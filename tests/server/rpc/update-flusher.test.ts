// Held monitor notifications over a real Unix socket: a notification following another within the
// flusher's window waits for the flush and then goes out with the others in one write;
// a reply is written at once, after whatever is held; a window of 0 holds nothing. Then the same
// through a whole server started with --update-window.
import t from 'tap'
import { SplicedMessage } from '../../../server/monitor/index.js'
import { UpdateFlusher } from '../../../server/rpc/update-flusher.js'
import { WireClient, resultOf, sessionPair, startTestServer } from './helpers.js'

const update = (n: number) => `{"id":null,"method":"update2","params":["m",{"T":{"r":{"modify":{"n":${n}}}}}]}`

t.test('notifications within the window are held until the flush, then written together, in order, by one write', async (t) => {
  const flusher = new UpdateFlusher(60_000)
  const { session, writes, receivedUntil } = await sessionPair(t, flusher)
  session.send(update(1))
  t.equal(session.backlogBytes, 0, 'the first notification is written at once')
  t.equal(await receivedUntil(update(1)), update(1))
  session.send(update(2))
  session.send(Buffer.from(update(3), 'utf8'))
  t.equal(session.backlogBytes, update(2).length + update(3).length, 'the next two are held')
  t.same(writes, [1])
  flusher.flush()
  t.equal(await receivedUntil(update(3)), update(1) + update(2) + update(3))
  t.same(writes, [1, 1], 'both held notifications went out in one write, as one buffer')
})

t.test('spliced notifications (shared pieces) are written whole, at once or held with others, and their pieces stay as they were', async (t) => {
  const flusher = new UpdateFlusher(60_000)
  const { session, writes, receivedUntil } = await sessionPair(t, flusher)
  const spliced = (n: number) => {
    const [head, tail] = update(n).split('{"T"')
    return new SplicedMessage([Buffer.from(head), Buffer.from(`{"T"${tail.slice(0, -2)}`), Buffer.from(']}')])
  }
  const first = spliced(1)
  session.send(first)
  t.equal(await receivedUntil(update(1)), update(1), 'written at once, whole')
  t.equal(first.bytes(), first.bytes(), 'its joined bytes are made once, for every session writing it at once')
  const held = spliced(3)
  session.send(update(2))
  session.send(held)
  session.send(Buffer.from(update(4), 'utf8'))
  t.equal(session.backlogBytes, update(2).length + update(3).length + update(4).length, 'three held, counted in bytes')
  flusher.flush()
  t.equal(await receivedUntil(update(4)), update(1) + update(2) + update(3) + update(4))
  t.same(writes, [1, 1], 'the held text, pieces and bytes went out in one write')
  t.equal(Buffer.concat(held.pieces).toString(), update(3), 'the shared pieces were not modified')
})

t.test('a reply is written at once, after the notifications held before it', async (t) => {
  const flusher = new UpdateFlusher(60_000)
  const { session, writes, receivedUntil } = await sessionPair(t, flusher)
  session.send(update(1))
  session.send(update(2))
  session.sendReply(7, ['done'])
  const reply = '{"id":7,"result":["done"],"error":null}'
  t.equal(await receivedUntil(reply), update(1) + update(2) + reply, 'held notification first, then the reply, without a flush')
  t.same(writes, [1, 1], 'the held notification and the reply in one write')
  flusher.flush()
  t.same(writes, [1, 1], 'nothing was left to flush')
})

t.test('the flusher timer writes held notifications out after the window', async (t) => {
  const { session, receivedUntil } = await sessionPair(t, new UpdateFlusher(5))
  for (let n = 1; n <= 20; n++) session.send(update(n))
  const all = Array.from({ length: 20 }, (_, i) => update(i + 1)).join('')
  t.equal(await receivedUntil(update(20)), all)
})

t.test('a window of 0 writes every notification at once', async (t) => {
  const { session, writes, receivedUntil } = await sessionPair(t, new UpdateFlusher(0))
  session.send(update(1))
  session.send(update(2))
  t.equal(session.backlogBytes, 0)
  t.equal(await receivedUntil(update(2)), update(1) + update(2))
  t.same(writes, [1, 1])
})

t.test('a session closed while holding is skipped by the flush', async (t) => {
  const flusher = new UpdateFlusher(60_000)
  const { session, writes } = await sessionPair(t, flusher)
  session.send(update(1))
  session.send(update(2))
  session.close()
  t.doesNotThrow(() => flusher.flush())
  t.same(writes, [1])
})

t.test('held notifications count toward the backlog cap: holding more than it drops the session before any flush', async (t) => {
  const flusher = new UpdateFlusher(60_000)
  const { session, writes } = await sessionPair(t, flusher)
  session.send(update(1))
  const big = Buffer.from(`{"id":null,"method":"update2","params":["m",{"T":{"r":{"modify":{"s":"${'x'.repeat(100_000)}"}}}}]}`, 'utf8')
  let sent = 0
  while (session.isOpen && sent < 20) {
    session.send(big)
    sent++
  }
  t.notOk(session.isOpen, 'dropped')
  t.equal(sent, Math.floor((1 << 20) / big.length) + 1, 'by the notification that took the held bytes past 1 MiB')
  t.same(writes, [1], 'nothing held was written')
})

t.test('a reply given in pieces goes out after held notifications, in one writev, as the whole text would read', async (t) => {
  const flusher = new UpdateFlusher(60_000)
  const { session, writes, receivedUntil } = await sessionPair(t, flusher)
  session.send(update(1))
  session.send(update(2))
  session.sendReplyPieces(['m', 1], ['{"T":{', '"r":{"initial":{"s":"é"}}', '}}'])
  const reply = '{"id":["m",1],"result":{"T":{"r":{"initial":{"s":"é"}}}},"error":null}'
  t.equal(await receivedUntil(reply), update(1) + update(2) + reply)
  t.same(writes, [1, 6], 'the held notification and the reply in one writev')
})

t.test('the server holds a monitor\'s second quick notification for its --update-window, and 0 holds nothing', async (t) => {
  for (const window of [60_000, 0]) {
    const { socketPath } = await startTestServer(t, { updateWindowMs: window })
    const monitor = await WireClient.connect(socketPath, t)
    const writer = await WireClient.connect(socketPath, t)
    resultOf(await monitor.call('monitor_cond', ['Test', 'm', { T: {} }]))
    for (const n of [1, 2]) resultOf(await writer.call('transact', ['Test', { op: 'insert', table: 'T', row: { name: `r${n}`, n } }]))
    await monitor.take((message) => message.kind === 'notification')
    await new Promise((resolve) => setTimeout(resolve, 50))
    const early = monitor.pending().filter((message) => message.kind === 'notification').length
    t.equal(early, window === 0 ? 1 : 0, `window ${window}: the second notification ${window === 0 ? 'came at once' : 'is held'}`)
    await monitor.sync()
    t.equal(monitor.pending().filter((message) => message.kind === 'notification').length, 1, `window ${window}: a reply to the monitor's session sends what was held before it`)
  }
})
