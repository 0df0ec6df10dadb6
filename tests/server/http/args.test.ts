// The server's HTTP options: --http ADDR:PORT (default 127.0.0.1:8080, `none` turns it off),
// --http-token and --read-only.
import t from 'tap'
import { parseServerArgs, UsageError } from '../../../server/rpc/args.js'

t.test('HTTP listens on 127.0.0.1:8080 by default, with no token, read-write', async (t) => {
  const config = parseServerArgs([])!
  t.same(config.http, { host: '127.0.0.1', port: 8080 })
  t.equal(config.httpToken, null)
  t.equal(config.readOnly, false)
})

t.test('--http takes ADDR:PORT, [IPv6]:PORT or none; --http-token and --read-only are read', async (t) => {
  t.same(parseServerArgs(['--http', '0.0.0.0:80'])!.http, { host: '0.0.0.0', port: 80 })
  t.same(parseServerArgs(['--http=[::1]:9000'])!.http, { host: '::1', port: 9000 })
  t.equal(parseServerArgs(['--http', 'none'])!.http, null)
  t.equal(parseServerArgs(['--http-token', 'abc'])!.httpToken, 'abc')
  t.equal(parseServerArgs(['--read-only'])!.readOnly, true)
})

t.test('a malformed --http address is a usage error', async (t) => {
  for (const bad of ['8080', 'host:', 'host:99999', ':80', 'a:b']) {
    t.throws(() => parseServerArgs(['--http', bad]), UsageError, bad)
  }
})
