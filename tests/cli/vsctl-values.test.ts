// ovs-vsctl's value syntax: tokens, atoms, sets, maps, ranges and their error messages.

import t from 'tap'
import { datumFromString, datumToBare, datumToString, parseToken } from '../../cli/vsctl/values.js'
import type { ColumnType } from '../../schema/index.js'

const intSet: ColumnType = { key: { type: 'integer', minInteger: 0, maxInteger: 4095 }, min: 0, max: 4096 }
const strMap: ColumnType = { key: { type: 'string' }, value: { type: 'string' }, min: 0, max: Infinity }

t.test('tokens stop at unquoted delimiters and keep quotes', async (t) => {
  t.same(parseToken('other_config:a=b', 0), { token: 'other_config', pos: 12 })
  t.same(parseToken('"a:b"=c', 0), { token: '"a:b"', pos: 5 })
  t.same(parseToken('a\\:b', 0), { token: 'a:b', pos: 4 })
  t.throws(() => parseToken('"abc', 0), /quoted string extends past end of argument/)
})

t.test('sets accept brackets, commas, spaces and integer ranges', async (t) => {
  t.same(datumFromString('[3, 1,2]', intSet), { keys: [1, 2, 3] })
  t.same(datumFromString('1-4', intSet), { keys: [1, 2, 3, 4] })
  t.throws(() => datumFromString('', intSet), /use "\[\]" to specify the empty set/)
  t.throws(() => datumFromString('[1,1]', intSet), /set contains duplicate value/)
  t.throws(() => datumFromString('5-1', intSet), /Range end cannot be before start/)
})

t.test('maps parse key=value pairs and print as ovs-vsctl prints them', async (t) => {
  const map = datumFromString('{b="x y", a=1}', strMap)
  t.same(map, { keys: ['a', 'b'], values: ['1', 'x y'] })
  t.equal(datumToString(map, strMap), '{a="1", b="x y"}')
  t.equal(datumToBare(map, strMap), 'a=1 b=x y')
  t.throws(() => datumFromString('{a}', strMap), /syntax error at "}" expecting "="/)
})
