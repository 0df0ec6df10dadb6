// Remote strings as ovsdb-server spells them: passive and active TCP, SSL and Unix, IPv6 in
// brackets, default port and address, and errors naming what is wrong.
import t from 'tap'
import { isPassive, isTls, parseRemote, remoteToString } from '../../../server/rpc/remote.js'

t.test('passive remotes: port, optional address (all addresses by default), IPv6 in brackets', async (t) => {
  t.same(parseRemote('ptcp:6640'), { kind: 'ptcp', host: '0.0.0.0', port: 6640 })
  t.same(parseRemote('ptcp:0:127.0.0.1'), { kind: 'ptcp', host: '127.0.0.1', port: 0 })
  t.same(parseRemote('pssl:6641:[::1]'), { kind: 'pssl', host: '::1', port: 6641 })
  t.same(parseRemote('ptcp:'), { kind: 'ptcp', host: '0.0.0.0', port: 6640 })
  t.same(parseRemote('punix:/run/db.sock'), { kind: 'punix', path: '/run/db.sock' })
})

t.test('active remotes: address then port (6640 by default)', async (t) => {
  t.same(parseRemote('tcp:127.0.0.1:6640'), { kind: 'tcp', host: '127.0.0.1', port: 6640 })
  t.same(parseRemote('ssl:[::1]:6641'), { kind: 'ssl', host: '::1', port: 6641 })
  t.same(parseRemote('tcp:10.0.0.1'), { kind: 'tcp', host: '10.0.0.1', port: 6640 })
  t.same(parseRemote('unix:relative.sock'), { kind: 'unix', path: 'relative.sock' })
})

t.test('remotes print back as they are spelled', async (t) => {
  for (const text of ['ptcp:6640:127.0.0.1', 'pssl:6641:[::1]', 'tcp:[::1]:6640', 'ssl:10.0.0.1:6641', 'punix:/x.sock', 'unix:y.sock']) {
    t.equal(remoteToString(parseRemote(text)), text)
  }
})

t.test('kinds: passive and TLS', async (t) => {
  t.same(['ptcp:1', 'pssl:1', 'punix:x', 'tcp:a:1', 'ssl:a:1', 'unix:x'].map((text) => [isPassive(parseRemote(text)), isTls(parseRemote(text))]), [
    [true, false],
    [true, true],
    [true, false],
    [false, false],
    [false, true],
    [false, false],
  ])
})

t.test('malformed remotes are refused with a message naming the problem', async (t) => {
  const cases: [string, RegExp][] = [
    ['http:1', /unknown remote type "http"/],
    ['ptcp', /expected TYPE:ARGUMENTS/],
    ['tcp:1.2.3.4:5:6', /bad port number "5:6"/],
    ['punix:', /missing socket path/],
    ['ptcp:abc', /bad port number "abc"/],
    ['ptcp:70000', /bad port number "70000"/],
    ['ptcp:1:::1', /must be in brackets/],
    ['tcp::6640', /missing IP address/],
    ['tcp:[::1', /unterminated "\["/],
    ['tcp:[::1]x', /expected ":PORT"/],
    ['db:Open_vSwitch,Open_vSwitch,manager_options', /"db:" remotes name a database column, not an address/],
  ]
  for (const [text, message] of cases) t.throws(() => parseRemote(text), { name: 'RemoteError', message }, text)
})
