// Monitor sequences run against both the real ovsdb-server and our MonitorHub by
// tests/interop/monitor-differential.test.ts: every version, columns, select flags, conditions,
// update2 diffs, monitor_cond_change, monitor_cancel, errors, and two sessions sharing a selection.

import type { Step } from './differential.js'

/** A named sequence of steps over `connections` connections (default 1). */
export interface Scenario {
  readonly name: string
  readonly connections?: number
  readonly steps: readonly Step[]
}

const ZERO = '00000000-0000-0000-0000-000000000000'
const ins = (table: string, row: Record<string, unknown>): unknown => ({ op: 'insert', table, row })
const upd = (table: string, where: unknown[], row: Record<string, unknown>): unknown => ({ op: 'update', table, where, row })
const del = (table: string, where: unknown[]): unknown => ({ op: 'delete', table, where })
const byName = (name: string): unknown[] => [['name', '==', name]]

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'update: initial, insert, modify and delete with default, explicit and empty columns',
    steps: [
      { transact: [ins('A', { name: 'a1', n: 5, s: ['set', ['x', 'y']], m: ['map', [['k', 'v']]] }), ins('B', { x: 1 })] },
      { monitor: { version: 1, id: 'all', requests: { A: {} } } },
      { monitor: { version: 1, id: 'cols', requests: { A: { columns: ['_uuid', 'name', 's'] }, B: [{ columns: ['x'] }] } } },
      { monitor: { version: 1, id: 'none', requests: { A: { columns: [] } } } },
      { monitor: { version: 1, id: ['flags', 1], requests: { A: [{ columns: ['name'], select: { initial: false, modify: false } }, { columns: ['n', 'o'], select: { insert: false } }] } } },
      { transact: [upd('A', byName('a1'), { n: 6, s: ['set', ['y', 'z']], m: ['map', [['k', 'w'], ['j', '1']]] })] },
      { transact: [upd('A', byName('a1'), { name: 'a1x' })] },
      { transact: [ins('A', { name: 'a2', n: 1, o: 3 })] },
      { transact: [upd('A', byName('a2'), { o: ['set', []] })] },
      { transact: [upd('A', byName('a2'), { b: true })] },
      { transact: [del('A', byName('a2'))] },
      { transact: [upd('B', [['x', '==', 1]], { tags: 't' })] },
      { transact: [ins('A', { name: 'tmp' }), del('A', byName('tmp'))] },
      { cancel: 'cols' },
      { cancel: 'nope' },
      { transact: [upd('A', byName('a1x'), { n: 7 }), ins('B', { x: 2 })] },
      { transact: [upd('A', byName('a1x'), { n: 7 })] },
      { transact: [{ op: 'mutate', table: 'A', where: byName('a1x'), mutations: [['n', '+=', 1]] }, upd('A', byName('a1x'), { n: 7 })] },
    ],
  },
  {
    name: 'update2: defaults left out, diffs of scalars, sets, maps and optional values, select flags',
    steps: [
      { transact: [ins('B', { x: 1 }), ins('B', { x: 2 })] },
      { transact: [ins('A', { name: 'a', im: ['map', [[0, 0]]], o: 0, refs: ['set', [['uuid', '<0>']]] }), ins('A', {})] },
      { monitor: { version: 2, id: 'all', requests: { A: [{}], B: [{ columns: ['x', 'tags'] }] } } },
      { monitor: { version: 2, id: 'cols', requests: { A: [{ columns: ['s', 'm', 'om', 'o', 'im', 'n', 'r', 'u', 'refs'] }] } } },
      { monitor: { version: 2, id: 'flags', requests: { A: { columns: ['name'], select: { initial: false, insert: false } } } } },
      { transact: [upd('A', byName('a'), { s: ['set', ['p', 'q']], m: ['map', [['gone', '1'], ['kept', '2'], ['moved', '3']]], n: 4, r: 1.5 })] },
      { transact: [upd('A', byName('a'), { s: ['set', ['q', 'z']], m: ['map', [['kept', '2'], ['moved', '4'], ['new', '5']]], om: ['map', [['k', 1]]] })] },
      { transact: [upd('A', byName('a'), { o: ['set', []], im: ['map', [[2, 3]]], n: 0, r: 0, u: ['uuid', '<1>'], refs: ['set', [['uuid', '<0>'], ['uuid', '<1>']]] })] },
      { transact: [{ op: 'mutate', table: 'A', where: byName('a'), mutations: [['s', 'insert', ['set', ['w']]], ['m', 'delete', ['set', ['kept']]]] }] },
      { transact: [ins('A', { name: 'c', b: true, s: 'only', u: ['uuid', ZERO] })] },
      { transact: [upd('A', byName('c'), { name: 'd' }), del('A', byName('a'))] },
      { transact: [upd('B', [['x', '==', 2]], { tags: ['set', ['t1', 't2']] })] },
    ],
  },
  {
    name: 'conditions: ORed clauses, rows entering and leaving, condition-only changes, first where wins',
    steps: [
      { transact: [ins('A', { name: 'a1', n: 1 }), ins('A', { name: 'a2', n: 2 }), ins('A', { name: 'a3', n: 3 })] },
      { monitor: { version: 2, id: 'or', requests: { A: [{ columns: ['name'], where: [['n', '==', 1], ['name', '==', 'a3']] }] } } },
      { monitor: { version: 2, id: 'gt', requests: { A: [{ columns: ['name', 's'], where: [['n', '>', 5]] }] } } },
      { monitor: { version: 2, id: 'first', requests: { A: [{ columns: ['name'], where: [['n', '<', 2]] }, { columns: ['b'], where: [['n', '>', 2]] }] } } },
      { monitor: { version: 2, id: 'false', requests: { A: [{ where: [false] }] } } },
      // Columns unlike 'or': ovsdb-server 3.1 crashes when two conditional monitors sharing its
      // columns add different condition columns (Switchyard keeps them apart, so it does not).
      { monitor: { version: 2, id: 'sets', requests: { A: [{ columns: ['name', 'n'], where: [['s', 'includes', 'x'], ['o', '>=', 3]] }] } } },
      { transact: [upd('A', byName('a1'), { n: 9 })] },
      { transact: [upd('A', byName('a1'), { n: 10 })] },
      { transact: [upd('A', byName('a1'), { r: 1.5 })] },
      { transact: [upd('A', byName('a2'), { s: ['set', ['x', 'y']], o: 4 })] },
      { transact: [upd('A', byName('a2'), { s: ['set', ['y']], o: 2 })] },
      { transact: [ins('A', { name: 'a4', n: 0, b: true }), ins('A', { name: 'a5', n: 50 })] },
      { transact: [del('A', byName('a4')), del('A', byName('a5'))] },
    ],
  },
  {
    name: 'monitor_cond_change: new conditions, renamed ids, version 1 monitors, errors',
    steps: [
      { transact: [ins('A', { name: 'a', n: 1 }), ins('A', { name: 'b', n: 2 }), ins('B', { x: 1 })] },
      { monitor: { version: 2, id: 'c1', requests: { A: [{ columns: ['name'], where: [['n', '==', 1]] }] } } },
      { monitor: { version: 2, id: 'both', requests: { A: [{ where: [['n', '==', 1]] }], B: [{ where: [['x', '==', 1]] }] } } },
      { change: { oldId: 'c1', newId: 'c2', requests: { A: [{ where: [['n', '==', 2]] }] } } },
      { change: { oldId: 'c1', newId: 'c3', requests: { A: [{ where: [] }] } } },
      { change: { oldId: 'c2', newId: 'c2', requests: { A: [{ where: [['n', '==', 2], ['n', '==', 1]] }] } } },
      { change: { oldId: 'c2', newId: 'both', requests: { A: [{ where: [] }] } } },
      { change: { oldId: 'c2', newId: 'c4', requests: { A: [{ columns: ['name'] }] } } },
      { change: { oldId: 'c2', newId: 'c4', requests: { B: [{ where: [] }] } } },
      { change: { oldId: 'c2', newId: 'c4', requests: { Nope: [{ where: [] }] } } },
      { change: { oldId: 'c2', newId: 'c4', requests: { A: { where: [] } } } },
      { change: { oldId: 'c2', newId: 'c4', requests: [] } },
      { change: { oldId: 'c2', newId: 'c4', requests: { A: [{ where: [['zz', '==', 1]] }] } } },
      { change: { oldId: 'c2', newId: 'c4', requests: { A: [{ where: [], foo: 1 }] } } },
      { change: { oldId: 'both', newId: 'both', requests: { B: [{ where: [false] }] } } },
      { change: { oldId: 'both', newId: 'both', requests: { A: [{ where: [['n', '>', 0]] }] } } },
      { transact: [ins('B', { x: 1 }), ins('A', { name: 'c', n: 3 })] },
      { monitor: { version: 1, id: 'v1', requests: { A: { columns: ['name'] } } } },
      { change: { oldId: 'v1', newId: 'v1b', requests: { A: [{ where: [['zz', '==', 2]] }] } } },
      { cancel: 'v1' },
      { transact: [upd('A', byName('c'), { name: 'cc' })] },
      { cancel: 'v1b' },
      { change: { oldId: 'c2', newId: 'c2', requests: { A: [{ where: [false] }] } } },
    ],
  },
  {
    name: 'monitor_cond_since: found:false answers with the initial rows, later commits as update3',
    steps: [
      { transact: [ins('A', { name: 'a', n: 1 }), ins('A', { name: 'b', n: 2 })] },
      { monitor: { version: 3, id: 'since', requests: { A: [{ columns: ['name', 'n'] }] }, last: ZERO } },
      { monitor: { version: 3, id: 'unknown', requests: { A: [{ columns: ['name'], where: [['n', '>', 1]] }] }, last: '01234567-89ab-cdef-0123-456789abcdef' } },
      { transact: [upd('A', byName('a'), { n: 5 }), ins('A', { name: 'c' })] },
      { transact: [del('A', byName('b'))] },
      { change: { oldId: 'since', newId: 'since2', requests: { A: [{ where: [['n', '==', 5]] }] } } },
      { transact: [upd('A', byName('a'), { n: 6 })] },
    ],
  },
  {
    name: 'request errors: tags, details and syntax',
    steps: [
      { monitor: { version: 1, id: 'm', requests: { Nope: {} } } },
      { monitor: { version: 1, id: 'm', requests: { A: { columns: ['zz'] } } } },
      { monitor: { version: 1, id: 'm', requests: { A: { columns: ['name', 'name'] } } } },
      { monitor: { version: 2, id: 'm', requests: { A: [{ columns: ['name'] }, { columns: ['name'] }] } } },
      { monitor: { version: 2, id: 'm', requests: { A: [{}, {}] } } },
      { monitor: { version: 1, id: 'm', requests: { A: { where: [] } } } },
      { monitor: { version: 1, id: 'm', requests: { A: { columns: [1] } } } },
      { monitor: { version: 1, id: 'm', requests: { A: { columns: 'name' } } } },
      { monitor: { version: 1, id: 'm', requests: { A: { select: { initial: 1 } } } } },
      { monitor: { version: 1, id: 'm', requests: { A: { select: { foo: true } } } } },
      { monitor: { version: 1, id: 'm', requests: [] } },
      { monitor: { version: 1, id: 'm', requests: { A: 5 } } },
      { monitor: { version: 2, id: 'm', requests: { A: [5] } } },
      { monitor: { version: 2, id: 'm', requests: { A: [{ where: [['zz', '==', 1]] }] } } },
      { monitor: { version: 2, id: 'm', requests: { A: [{ where: 5 }] } } },
      { monitor: { version: 2, id: 'm', requests: { A: [{ where: [['n', '==', 'x']] }] } } },
      { monitor: { version: 2, id: 'm', requests: { A: [{ where: [['u', '==', ['named-uuid', 'x']]] }] } } },
      { monitor: { version: 2, id: 'm', requests: { A: [{ where: [['s', '<', 1]] }] } } },
      { monitor: { version: 2, id: 'm', requests: { A: [{ where: [['n', 'like', 1]] }] } } },
      { monitor: { version: 3, id: 'm', requests: { A: [] }, last: 'abc' } },
      { monitor: { version: 3, id: 'm', requests: { Nope: [] }, last: 'abc' } },
      { monitor: { version: 1, id: 'm', requests: { A: [] } } },
      { monitor: { version: 2, id: 'm', requests: { B: [{}] } } },
      { monitor: { version: 1, id: 'm', requests: 'x' } },
      { change: { oldId: 'zz', newId: 'm', requests: {} } },
      { cancel: 'zz' },
    ],
  },
  {
    name: 'two sessions sharing a selection both receive another session\'s change',
    connections: 3,
    steps: [
      { conn: 0, monitor: { version: 2, id: ['monid', 'Mon'], requests: { A: [{ columns: ['name', 'n'] }] } } },
      { conn: 1, monitor: { version: 2, id: ['monid', 'Mon'], requests: { A: [{ columns: ['n', 'name'] }] } } },
      { conn: 1, monitor: { version: 1, id: null, requests: { A: { columns: ['name'] } } } },
      { conn: 2, transact: [ins('A', { name: 'a', n: 1 })] },
      { conn: 2, transact: [upd('A', byName('a'), { n: 2 })] },
      { conn: 0, cancel: ['monid', 'Mon'] },
      { conn: 2, transact: [del('A', byName('a'))] },
    ],
  },
]
