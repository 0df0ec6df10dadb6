// Monitor replies as text pieces (MonitorHub.addText): together, the same bytes as jsonToText of `add`'s result for
// every version, selection and condition, also after rows change and for rows already rendered.

import t from 'tap'
import fc from 'fast-check'
import { OvsdbError, jsonToText } from '../../../schema/index.js'
import { bench, Collector } from './helpers.js'

const SELECTIONS: [string, unknown][] = [
  ['all columns of both tables', { A: {}, B: {} }],
  ['some columns', { A: [{ columns: ['name', 'n', 'm'] }] }],
  ['no initial rows', { A: [{ select: { initial: false } }] }],
]

/** addText's pieces joined: the reply's JSON text. */
const addText = (hub: ReturnType<typeof bench>['hub'], ...args: Parameters<ReturnType<typeof bench>['hub']['addText']>) => hub.addText(...args).join('')

function populated() {
  const b = bench()
  const ref = b.insert('B', { x: 1, tags: ['set', ['a', 'b']] })
  b.insert('A', { name: 'x "q" ✓', n: 2n ** 62n, r: 0.1 + 0.2, m: ['map', [['k', 'v']]], refs: ['uuid', ref] })
  b.insert('A', { name: 'plain', n: 3 })
  b.insert('A', {})
  return b
}

t.test('addText writes exactly jsonToText of add for monitor, monitor_cond and monitor_cond_since', async (t) => {
  const b = populated()
  for (const [what, requests] of SELECTIONS) {
    for (const version of [1, 2, 3] as const) {
      const since = version === 3 ? '00000000-0000-0000-0000-000000000000' : undefined
      const expected = jsonToText(b.hub.add(new Collector(), 'm', version, requests, since))
      t.equal(addText(b.hub, new Collector(), 'm', version, requests, since), expected, `${what}, version ${version}`)
    }
  }
})

t.test('addText follows conditions and changed rows, reusing texts of unchanged rows', async (t) => {
  const b = populated()
  const requests = { A: [{ where: [['n', '>', 2]], columns: ['name', 'n'] }] }
  const text = () => addText(b.hub, new Collector(), 'm', 2, requests)
  const expected = () => jsonToText(b.hub.add(new Collector(), 'm', 2, requests))
  t.equal(text(), expected())
  t.equal(text(), expected(), 'the second time, from cached row texts')
  b.txn({ op: 'update', table: 'A', where: [['name', '==', 'plain']], row: { n: 1 } })
  t.equal(text(), expected(), 'a row leaving the condition')
  b.txn({ op: 'update', table: 'A', where: [['n', '==', 0]], row: { name: 'grown', n: 9 } })
  t.equal(text(), expected(), 'a row entering it with new values')
  t.match(text(), /"grown"/)
})

t.test('addText answers a known last transaction id with only what was missed, as add does', async (t) => {
  const b = populated()
  const seen = b.hub.lastTxnId
  b.insert('A', { name: 'later' })
  const text = addText(b.hub, new Collector(), 'm', 3, { A: {} }, seen)
  t.equal(text, jsonToText(b.hub.add(new Collector(), 'n', 3, { A: {} }, seen)))
  t.match(text, /^\[true,/)
})

t.test('addText registers the monitor and refuses a duplicate id as add does', async (t) => {
  const b = populated()
  const sink = new Collector()
  addText(b.hub, sink, 'm', 2, { A: {} })
  t.throws(() => addText(b.hub, sink, 'm', 2, { A: {} }), new OvsdbError('syntax error', 'duplicate monitor ID', '"m"'))
  b.insert('A', { name: 'new' })
  t.equal(sink.texts.length, 1, 'the monitor receives updates')
})

t.test('kept table texts follow any sequence of inserts, updates and deletes (property)', async (t) => {
  const op = fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), n: fc.integer({ min: 0, max: 9 }), count: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ kind: fc.constant('update' as const), n: fc.integer({ min: 0, max: 9 }) }),
    fc.record({ kind: fc.constant('delete' as const), n: fc.integer({ min: 0, max: 9 }) }),
  )
  const selections = [{ A: {}, B: {} }, { A: [{ where: [['n', '>', 4]], columns: ['name', 'n'] }] }, { B: [{ columns: ['x'] }] }]
  // Asked for in turns, one after each step: more selections than keep joined table texts, so those are dropped and rebuilt.
  const others = [{ A: [{ columns: ['name'] }] }, { A: [{ where: [['n', '<', 5]] }], B: {} }, { B: {}, A: [{ columns: ['n'] }] }]
  fc.assert(
    fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
      const b = bench()
      let named = 0
      for (const [index, step] of ops.entries()) {
        if (step.kind === 'insert') {
          const rows = Array.from({ length: step.count }, () => ({ op: 'insert', table: 'A', row: { name: `r${named++}`, n: step.n } }))
          b.txn(...rows, { op: 'insert', table: 'B', row: { x: step.n } })
        } else if (step.kind === 'update') b.txn({ op: 'update', table: 'A', where: [['n', '==', step.n]], row: { n: 9 - step.n } })
        else b.txn({ op: 'delete', table: 'A', where: [['n', '==', step.n]] })
        for (const [i, requests] of [...selections, others[index % others.length]].entries()) {
          const version = i === 2 ? 1 : 2
          if (addText(b.hub, new Collector(), `m${named}-${i}`, version, requests) !== jsonToText(b.hub.add(new Collector(), `n${named}-${i}`, version, requests))) return false
        }
      }
      return true
    }),
    { numRuns: 60 },
  )
  t.pass('every reply matched add after every step')
})
