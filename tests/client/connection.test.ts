// Remote syntax: unix/tcp/ssl remotes and lists as ovs tools accept them.

import t from 'tap'
import { parseRemote, parseRemoteList } from '../../client/index.js'

t.test('unix, tcp and ssl remotes parse into their parts', async (t) => {
  t.same(parseRemote('unix:/tmp/db.sock'), { kind: 'unix', path: '/tmp/db.sock', text: 'unix:/tmp/db.sock' })
  t.same(parseRemote('tcp:127.0.0.1:6640'), { kind: 'tcp', host: '127.0.0.1', port: 6640, text: 'tcp:127.0.0.1:6640' })
  t.same(parseRemote('ssl:[::1]:6641'), { kind: 'ssl', host: '::1', port: 6641, text: 'ssl:[::1]:6641' })
  t.equal((parseRemote('tcp:10.0.0.1') as { port: number }).port, 6640, 'the port defaults to 6640')
})

t.test('a comma-separated list gives one remote per member, in order', async (t) => {
  t.same(parseRemoteList('unix:/a, tcp:1.2.3.4:5').map((r) => r.text), ['unix:/a', 'tcp:1.2.3.4:5'])
})

t.test('unknown stream types and bad ports are refused', async (t) => {
  t.throws(() => parseRemote('http:x'), /unknown stream type "http"/)
  t.throws(() => parseRemote('tcp:1.2.3.4:99999'), /bad port number/)
})
