// lock / steal / unlock between real sessions, with the `locked` and `stolen` notifications and
// ovsdb-server's quirks: a stolen-from waiter stays queued, a thief that is stolen from loses the
// lock for good, and a waiter's unlock sends the owner a spurious `locked`.
import t, { type Test } from 'tap'
import type { Message } from '../../../protocol/index.js'
import { WireClient, errorOf, resultOf, startTestServer } from './helpers.js'

const note = (method: string, name: string): Message => ({ kind: 'notification', method, params: [name] })
const isNote = (message: Message) => message.kind === 'notification'

async function clients(t: Test, count: number): Promise<WireClient[]> {
  const { socketPath } = await startTestServer(t)
  return Promise.all(Array.from({ length: count }, () => WireClient.connect(socketPath, t)))
}

t.test('the first locker owns the lock; the next waits and is told `locked` when the owner unlocks', async (t) => {
  const [a, b] = await clients(t, 2)
  t.same(resultOf(await a.call('lock', ['L'])), { locked: true })
  t.same(resultOf(await b.call('lock', ['L'])), { locked: false })
  t.same(resultOf(await a.call('unlock', ['L'])), {})
  t.same(await b.take(isNote), note('locked', 'L'))
})

t.test('a closed session releases its locks to the next waiter', async (t) => {
  const [a, b] = await clients(t, 2)
  resultOf(await a.call('lock', ['L']))
  resultOf(await b.call('lock', ['L']))
  a.socket.destroy()
  t.same(await b.take(isNote), note('locked', 'L'))
})

t.test('steal takes the lock at once and tells the owner `stolen`; the victim waits again', async (t) => {
  const [a, b] = await clients(t, 2)
  resultOf(await a.call('lock', ['L']))
  t.same(resultOf(await b.call('steal', ['L'])), { locked: true })
  t.same(await a.take(isNote), note('stolen', 'L'))
  resultOf(await b.call('unlock', ['L']))
  t.same(await a.take(isNote), note('locked', 'L'), 'a waited in the queue and owns it again')
})

t.test('a thief that is stolen from loses the lock until it unlocks', async (t) => {
  const [a, b, c] = await clients(t, 3)
  resultOf(await a.call('steal', ['L']))
  resultOf(await b.call('steal', ['L']))
  t.same(await a.take(isNote), note('stolen', 'L'))
  resultOf(await b.call('unlock', ['L']))
  await a.sync()
  t.same(a.pending(), [], 'the first thief is not given the lock back')
  t.same(resultOf(await c.call('lock', ['L'])), { locked: true })
  t.same(errorOf(await a.call('lock', ['L'])), {
    error: 'syntax error',
    details: 'must issue "unlock" before new "lock"',
    syntax: '["L"]',
  })
  t.same(resultOf(await a.call('unlock', ['L'])), {})
})

t.test('a waiter that unlocks makes the server send the owner a spurious `locked`', async (t) => {
  const [a, b] = await clients(t, 2)
  resultOf(await a.call('lock', ['L']))
  resultOf(await b.call('lock', ['L']))
  resultOf(await b.call('unlock', ['L']))
  t.same(await a.take(isNote), note('locked', 'L'))
})

t.test('lock errors are syntax errors worded as ovsdb-server words them', async (t) => {
  const [a] = await clients(t, 1)
  resultOf(await a.call('lock', ['L']))
  t.same(errorOf(await a.call('steal', ['L'])), { error: 'syntax error', details: 'must issue "unlock" before new "steal"', syntax: '["L"]' })
  t.same(errorOf(await a.call('unlock', ['M'])), { error: 'syntax error', details: 'unlock: "unlock" without "lock" or "steal"', syntax: '["M"]' })
  t.same(errorOf(await a.call('lock', ['1bad'])), { error: 'syntax error', details: 'lock request params must be <id>', syntax: '["1bad"]' })
  t.same(errorOf(await a.call('steal', [])), { error: 'syntax error', details: 'steal request params must be <id>', syntax: '[]' })
})

t.test('assert succeeds only for the session owning the lock', async (t) => {
  const [a, b] = await clients(t, 2)
  resultOf(await a.call('lock', ['L']))
  resultOf(await b.call('lock', ['L']))
  t.same(resultOf(await a.call('transact', ['Test', { op: 'assert', lock: 'L' }])), [{}])
  t.same(resultOf(await b.call('transact', ['Test', { op: 'assert', lock: 'L' }])), [{ error: 'not owner', details: 'Asserted lock L not held.' }])
})
