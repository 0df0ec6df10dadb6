// Monitor request validation: every error ovsdb-server 3.1 answers to a bad monitor, monitor_cond
// or monitor_cond_since request, with its exact tag, details and syntax (observed on the wire).
import t from 'tap'
import { OvsdbError } from '../../../schema/index.js'
import type { MonitorVersion } from '../../../server/monitor/index.js'
import { bench, Collector } from './helpers.js'

type Case = [string, MonitorVersion, unknown, OvsdbError, unknown?]

const ZERO = '00000000-0000-0000-0000-000000000000'
const syntax = (details: string, text?: string): OvsdbError => new OvsdbError('syntax error', details, text)

const CASES: Case[] = [
  ['requests not an object', 1, [], syntax('monitor-requests must be object', '[]')],
  ['unknown table', 1, { Nope: {} }, syntax('no table named Nope')],
  ['unknown column', 1, { A: { columns: ['zz'] } }, syntax('zz is not a valid column name', '["zz"]')],
  ['column named twice', 1, { A: { columns: ['name', 'name'] } }, syntax('column name mentioned more than once', '["name","name"]')],
  ['column named in two requests', 2, { A: [{ columns: ['name'] }, { columns: ['name'] }] }, syntax('column name mentioned more than once', '["name"]')],
  ['default columns twice', 2, { A: [{}, {}] }, syntax('column _version mentioned more than once')],
  ['where in a version 1 monitor', 1, { A: { where: [] } }, syntax("Parsing table A failed: Member 'where' is present but not allowed here.", '{"where":[]}')],
  ['non-string column', 1, { A: { columns: [1] } }, syntax('array of column names expected', '[1]')],
  ['columns not an array', 1, { A: { columns: 'name' } }, syntax("Parsing table A failed: Type mismatch for member 'columns'.", '{"columns":"name"}')],
  ['select member not boolean', 1, { A: { select: { initial: 1 } } }, syntax("Parsing table A select failed: Type mismatch for member 'initial'.", '{"initial":1}')],
  ['unknown select member', 1, { A: { select: { foo: true } } }, syntax("Parsing table A select failed: Member 'foo' is present but not allowed here.", '{"foo":true}')],
  ['request not an object', 1, { A: 5 }, syntax('Parsing table A failed: Object expected.')],
  ['array element not an object', 2, { A: [5] }, syntax('Parsing table A failed: Object expected.')],
  ['condition on an unknown column', 2, { A: [{ where: [['zz', '==', 1]] }] }, new OvsdbError('unknown column', 'No column zz in table A.', '["zz","==",1]')],
  ['where not an array', 2, { A: [{ where: 5 }] }, syntax("Parsing table A failed: Type mismatch for member 'where'.", '{"where":5}')],
  ['condition argument of the wrong type', 2, { A: [{ where: [['n', '==', 'x']] }] }, syntax('expected integer', '"x"')],
  ['named-uuid in a condition', 2, { A: [{ where: [['u', '==', ['named-uuid', 'x']]] }] }, syntax('expected ["uuid", <string>]', '["named-uuid","x"]')],
  ['last id not a string', 3, { A: [] }, syntax('last-txn-id must be string', '5'), 5],
  ['last id not a uuid', 3, { A: [] }, syntax('last-txn-id must be UUID format.', '"abc"'), 'abc'],
  ['bad table before bad last id', 3, { Nope: [] }, syntax('no table named Nope'), 'abc'],
]

for (const [name, version, requests, expected, lastTxnId] of CASES) {
  t.test(`${name}: ${expected.tag} "${expected.details}"`, async (t) => {
    const b = bench()
    const sink = new Collector()
    t.throws(() => b.hub.add(sink, 'm', version, requests, lastTxnId), expected)
    t.equal(b.hub.cancel(sink, 'm'), false, 'nothing registered')
    t.equal(b.hub.stats.selections, 0)
  })
}

t.test('a duplicate monitor id in the same session is a syntax error; other sessions may reuse it', async (t) => {
  const b = bench()
  const [s1, s2] = [new Collector(), new Collector()]
  t.same(b.hub.add(s1, 'm1', 1, { A: [] }), {})
  t.throws(() => b.hub.add(s1, 'm1', 2, { B: [{}] }), syntax('duplicate monitor ID', '"m1"'))
  t.same(b.hub.add(s2, 'm1', 3, { A: [] }, ZERO), [false, ZERO, {}])
})

t.test('requests must be an object before the id is checked for duplicates', async (t) => {
  const b = bench()
  const sink = new Collector()
  b.hub.add(sink, 'm1', 1, { A: [] })
  t.throws(() => b.hub.add(sink, 'm1', 1, 'x'), syntax('monitor-requests must be object', '"x"'))
})

t.test('a single request object is accepted for every version, and an empty array monitors no column', async (t) => {
  const b = bench()
  const a = b.insert('A', { name: 'a' })
  t.same(b.hub.add(new Collector(), 1, 2, { A: { columns: ['name'] } }), { A: { [a]: { initial: { name: 'a' } } } })
  t.same(b.hub.add(new Collector(), 2, 1, { A: [] }), {}, 'no columns, no kinds: nothing')
})
