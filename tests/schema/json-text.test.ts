import t from 'tap'
import { jsonText, jsonToText, OvsdbError } from '../../schema/index.js'

t.test('reals print as ovsdb-server 3.1 prints them (%.15g, observed on the wire)', async (t) => {
  // Observed: a real set column holding these values, read back with select from ovsdb-server 3.1.
  const cases: [number, string][] = [
    [0.1 + 0.2, '0.3'],
    [1e20, '1e+20'],
    [1e-5, '1e-05'],
    [0.000123, '0.000123'],
    [123456.789, '123456.789'],
    [1e300, '1e+300'],
    [2.5e-308, '2.5e-308'],
    [1e16, '1e+16'],
    [1e15 + 0.5, '1e+15'],
    [1.5, '1.5'],
    [3.141592653589793, '3.14159265358979'],
    [1234567890123456.7, '1.23456789012346e+15'],
    [123456789012345678, '1.23456789012346e+17'],
    [-2.5e-7, '-2.5e-07'],
    [5e-324, '4.94065645841247e-324'],
    [1.7976931348623157e308, '1.79769313486232e+308'],
  ]
  for (const [value, text] of cases) t.equal(jsonToText(value), text, `${value}`)
})

t.test('exact ties round half to even like glibc printf', async (t) => {
  t.equal(jsonToText(123456789012344.5), '123456789012344')
  t.equal(jsonToText(123456789012345.5), '123456789012346')
  t.equal(jsonToText(9.999999999999995), '9.99999999999999')
  t.equal(jsonToText(999999999999999.5), '1e+15')
})

t.test('safe-integer numbers print as integers, bigints as exact digits', async (t) => {
  t.equal(jsonToText(1.0), '1')
  t.equal(jsonToText(-0), '0')
  t.equal(jsonToText(9007199254740991), '9007199254740991')
  t.equal(jsonToText(9223372036854775807n), '9223372036854775807')
  t.equal(jsonToText(-9223372036854775808n), '-9223372036854775808')
  t.equal(jsonToText([1, 9007199254740993n, 0.5]), '[1,9007199254740993,0.5]')
})

t.test('strings are escaped as OVS escapes them', async (t) => {
  t.equal(jsonToText('a"b\\c/d'), '"a\\"b\\\\c/d"')
  t.equal(jsonToText('\b\t\n\f\r\u0001\u001f\u007f'), '"\\b\\t\\n\\f\\r\\u0001\\u001f\u007f"')
  t.equal(jsonToText('é😀'), '"é😀"')
})

t.test('output is compact and keeps member order; undefined members are left out', async (t) => {
  t.equal(jsonToText({ b: 1, a: [true, null], c: undefined }), '{"b":1,"a":[true,null]}')
  t.equal(jsonToText({ b: 1.5, a: [undefined], c: undefined }), '{"b":1.5,"a":[null]}')
  t.equal(jsonToText(undefined), 'null')
})

t.test('values with toJSON serialise through it, also on the slow path', async (t) => {
  const error = new OvsdbError('syntax error', 'x')
  t.equal(jsonToText([error, 0.5]), '[{"details":"x","error":"syntax error"},0.5]')
})

t.test('jsonText sorts object members by UTF-8 byte order at every depth', async (t) => {
  t.equal(jsonText({ b: 1, a: { z: 2, y: 0.25 } }), '{"a":{"y":0.25,"z":2},"b":1}')
  t.equal(jsonText({ '\uffff': 1, '\u{10000}': 2 }), '{"\uffff":1,"\u{10000}":2}')
  t.equal(jsonText(['named-uuid', 'x']), '["named-uuid","x"]')
})

t.test('bigints outside int64 print as the reals ovsdb-server would have parsed them as', async (t) => {
  t.equal(jsonToText(9223372036854775808n), '9.22337203685478e+18')
  t.equal(jsonText([-9223372036854775809n]), '[-9.22337203685478e+18]')
})
