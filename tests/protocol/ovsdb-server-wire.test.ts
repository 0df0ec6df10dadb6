// Against the real ovsdb-server: our framer parses its byte stream, it accepts ours sent in tiny
// pieces, and our wire text for its replies is byte-for-byte what it sends.
import t from 'tap'
import { connect, type Socket } from 'node:net'
import { Framer, messageFromJson, messageToText, errorReply, reply, request } from '../../protocol/index.js'
import { missingOvsdbTools, startRealOvsdb, type RealOvsdb } from '../support/real-ovsdb.js'

const SCHEMA = '/usr/share/openvswitch/vswitch.ovsschema'

/** Sends `bytes` in `pieceBytes` writes and collects what arrives until `expectedReplies` are framed. */
async function exchange(server: RealOvsdb, bytes: Buffer, pieceBytes: number, expectedReplies: number) {
  const socket: Socket = connect(server.socketPath)
  const framer = new Framer({ maxMessageBytes: 1 << 20 })
  const raw: Buffer[] = []
  const values: unknown[] = []
  const done = new Promise<void>((resolve, reject) => {
    socket.on('data', (chunk: Buffer) => {
      raw.push(chunk)
      values.push(...framer.push(chunk))
      if (values.length >= expectedReplies) resolve()
    })
    socket.on('close', () => reject(new Error(`connection closed after ${values.length} replies`)))
    socket.on('error', reject)
  })
  for (let at = 0; at < bytes.length; at += pieceBytes) socket.write(bytes.subarray(at, at + pieceBytes))
  await done
  socket.destroy()
  return { text: Buffer.concat(raw).toString('utf8'), values }
}

/** Sends one text and resolves when ovsdb-server closes the connection. */
function closedAfter(server: RealOvsdb, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.socketPath, () => socket.end(text))
    socket.on('data', () => reject(new Error(`ovsdb-server answered ${text}`)))
    socket.on('close', () => resolve())
    socket.on('error', reject)
  })
}

const missing = missingOvsdbTools()
if (missing.length > 0) {
  t.comment(`SKIP: ${missing.join(', ')} not installed; ovsdb-server wire tests did not run`)
  t.pass(`SKIP: ${missing.join(', ')} not installed`)
} else {
  t.test('ovsdb-server and our framer and wire text agree byte for byte', async (t) => {
    const server = await startRealOvsdb(SCHEMA)
    t.teardown(() => server.stop())
    const params = ['é中😀 "}{', 9223372036854775807n, -9223372036854775808n, 9007199254740993n, { a: [[], {}] }]
    const sent = [request('echo', params, 1), request('nope', [], 2), request('echo', [], ['x', null])]
    const bytes = Buffer.from(sent.map(messageToText).join('\n'))
    const { text, values } = await exchange(server, bytes, 3, sent.length)
    const expected = [reply(params, 1), errorReply('unknown method', 2), reply([], ['x', null])]
    t.equal(text, expected.map(messageToText).join(''), 'raw bytes equal our wire text')
    t.strictSame(values.map(messageFromJson), expected, 'framed replies equal what was sent back')
  })

  t.test('ovsdb-server drops a bad message with the very text messageFromJson gives', async (t) => {
    const server = await startRealOvsdb(SCHEMA)
    t.teardown(() => server.stop())
    const bad = [
      { id: 1, method: 'echo', params: {} },
      { id: 1, method: 'echo', params: [], x: 1 },
      { id: 1, result: null, error: null },
      { error: 'x' },
    ]
    for (const json of bad) {
      await closedAfter(server, JSON.stringify(json))
      const reason = t.throws(() => messageFromJson(json)) as Error
      t.match(server.log(), `received bad JSON-RPC message: ${reason.message}`, JSON.stringify(json))
    }
  })
}
