// Exact JSON parsing: numbers classified as ovsdb-server's lib/json.c does, errors with positions.
import t from 'tap'
import { JsonSyntaxError, numberFromToken, parseJsonExact } from '../../protocol/index.js'

t.test('whole numbers in the int64 range are integers, however they are spelled', async (t) => {
  t.equal(numberFromToken('1.0'), 1)
  t.equal(numberFromToken('1e3'), 1000)
  t.equal(numberFromToken('2500E-2'), 25)
  t.equal(numberFromToken('-0'), 0)
  t.ok(Object.is(numberFromToken('-0.0'), 0), 'zero is never negative')
  t.equal(numberFromToken('10000000000000000000000e-4'), 1000000000000000000n)
})

t.test('integers are numbers up to 2^53 - 1 and bigints beyond, exactly', async (t) => {
  t.equal(numberFromToken('9007199254740991'), 9007199254740991)
  t.equal(numberFromToken('-9007199254740991'), -9007199254740991)
  t.equal(numberFromToken('9007199254740992'), 9007199254740992n)
  t.equal(numberFromToken('9223372036854775807'), 9223372036854775807n)
  t.equal(numberFromToken('-9223372036854775808'), -9223372036854775808n)
  t.equal(numberFromToken('9.223372036854775807e18'), 9223372036854775807n)
})

t.test('fractions and values outside int64 are reals', async (t) => {
  t.equal(numberFromToken('1.5'), 1.5)
  t.equal(numberFromToken('9223372036854775808'), 9223372036854775808)
  t.equal(numberFromToken('-9223372036854775809'), -9223372036854775809)
  t.equal(numberFromToken('1.00000000000000000000001'), 1, 'a real that rounds to a whole double stays a number')
  t.equal(numberFromToken('1e300'), 1e300)
  t.equal(numberFromToken('1e-400'), 0)
})

t.test('a real that overflows a double is outside the valid range', async (t) => {
  t.throws(() => numberFromToken('1e400'), { message: 'number outside valid range' })
  t.throws(() => numberFromToken('-1e400'), { message: 'number outside valid range' })
})

t.test('from a peer a subnormal real is outside the valid range too, as ovsdb-server reads it; the smallest normal is not', async (t) => {
  for (const token of ['5e-324', '-1e-310', '2.225073858507201e-308', '0.' + '0'.repeat(320) + '1']) {
    t.throws(() => numberFromToken(token, true), { message: 'number outside valid range' }, token)
    t.equal(numberFromToken(token), Number(token), `${token} read back from storage`)
  }
  t.equal(numberFromToken('2.2250738585072014e-308', true), 2.2250738585072014e-308)
  t.throws(() => parseJsonExact('[1e-310]', { refuseSubnormals: true }), { message: /number outside valid range/ })
  t.same(parseJsonExact('[1e-310]'), [1e-310])
})

t.test('parseJsonExact agrees with JSON.parse on ordinary documents', async (t) => {
  const text = ' {"a":[1,-2.5,true,false,null,"x\\"\\u00e9\\ud83d\\ude00"],"b":{},"c":[],"a2":{"n":{"m":[[]]}}} '
  t.strictSame(parseJsonExact(text), JSON.parse(text))
})

t.test('duplicate member names: the last one wins', async (t) => {
  t.strictSame(parseJsonExact('{"a":1,"a":2}'), { a: 2 })
})

t.test('syntax errors carry ovsdb-server-like text and the position', async (t) => {
  const cases: [string, string, number][] = [
    ['{"a":1,}', 'syntax error parsing object expecting string', 7],
    ['[1,,2]', 'syntax error expecting value', 3],
    ['{"a":nul}', "invalid keyword 'nul'", 5],
    ['{"a":1} x', 'trailing garbage at end of input', 8],
    ['{"a":"abc', 'unexpected end of input in quoted string', 9],
    ['[1', "syntax error expecting ']' or ','", 2],
    ['{"a":-}', 'syntax error in number', 5],
  ]
  for (const [text, message, position] of cases) {
    const error = t.throws(() => parseJsonExact(text), text) as JsonSyntaxError
    t.type(error, JsonSyntaxError)
    t.equal(error.message, message, `${text}: message`)
    t.equal(error.position, position, `${text}: position`)
  }
})
