// Framer: objects split at any byte, many per chunk, limits, malformed input and exact integers.
import t from 'tap'
import { Framer, FramerError } from '../../protocol/index.js'

const LIMIT = { maxMessageBytes: 1 << 20 }

/** Messages exercising escapes, 2/3/4-byte UTF-8, nesting, braces inside strings and big integers. */
const MESSAGES: unknown[] = [
  { id: 1, method: 'echo', params: ['quote \" backslash \\ slash / tab \t newline \n', '\\"', '\\\\'] },
  { id: null, method: 'update', params: [null, { T: { 'é-ß': { new: { s: 'Привет 中文 😀 𝄞', u: '\u00e9\u4e2d' } } } }] },
  { id: 'x', result: [{ a: [[], [[{}]], { b: { c: [1, -2, 3.5, true, false, null] } }] }], error: null },
  { id: 2, method: 'transact', params: ['DB', { op: 'insert', row: { name: '{[}]"{', n: 9007199254740993n } }] },
  { id: [1, 'two'], error: { error: 'syntax error', details: '}}}' } },
  { id: 3, method: 'x', params: [9223372036854775807n, -9223372036854775808n, 9007199254740991, -9007199254740991] },
]

/** Our own serialiser for test input: JSON with bigints written as their digits. */
function text(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `@@${v}@@` : v)).replace(/"@@(-?\d+)@@"/g, '$1')
}

const STREAM = Buffer.from(' \n' + MESSAGES.map(text).join('\r\n\t ') + '  ')

function feed(framer: Framer, chunks: Buffer[]): unknown[] {
  return chunks.flatMap((chunk) => framer.push(chunk))
}

t.test('a stream split at every byte offset yields exactly the messages sent', async (t) => {
  let mismatches = 0
  for (let at = 0; at <= STREAM.length; at++) {
    const got = feed(new Framer(LIMIT), [STREAM.subarray(0, at), STREAM.subarray(at)])
    if (!t.strictSame(got, MESSAGES, `split at ${at}`, { diagnostic: false })) mismatches++
  }
  t.equal(mismatches, 0)
})

t.test('a stream fed one byte at a time yields exactly the messages sent', async (t) => {
  const chunks = [...STREAM].map((byte) => Buffer.from([byte]))
  t.strictSame(feed(new Framer(LIMIT), chunks), MESSAGES)
})

t.test('many messages in one chunk come back in order from one push', async (t) => {
  const framer = new Framer(LIMIT)
  t.strictSame(framer.push(STREAM), MESSAGES)
  t.equal(framer.pendingBytes, 0)
})

t.test('a message split over chunks completes only when its last byte arrives', async (t) => {
  const framer = new Framer(LIMIT)
  const whole = Buffer.from('{"id":1,"method":"echo","params":["a}b"]}{"id":2')
  t.strictSame(framer.push(whole.subarray(0, 20)), [])
  t.equal(framer.pendingBytes, 20)
  t.strictSame(framer.push(whole.subarray(20)), [{ id: 1, method: 'echo', params: ['a}b'] }])
  t.equal(framer.pendingBytes, 7)
  t.strictSame(framer.push(Buffer.from(',"method":"echo","params":[]}')), [{ id: 2, method: 'echo', params: [] }])
})

t.test('integers beyond 2^53 are exact bigints, smaller ones numbers', async (t) => {
  const [value] = new Framer(LIMIT).push(Buffer.from('{"a":[9007199254740991,9007199254740992,18446744073709551615,1e3,1.0,12345678901234567890123.5]}'))
  t.strictSame(value, { a: [9007199254740991, 9007199254740992n, 18446744073709552000, 1000, 1, 1.2345678901234568e22] })
})

t.test('integers near ±2^63 are exact across a split inside the digits', async (t) => {
  const bytes = Buffer.from('{"v":[9223372036854775807,-9223372036854775808,-9223372036854775807]}')
  for (let at = 6; at < 50; at++) {
    const got = feed(new Framer(LIMIT), [bytes.subarray(0, at), bytes.subarray(at)])
    t.strictSame(got, [{ v: [9223372036854775807n, -9223372036854775808n, -9223372036854775807n] }], `split at ${at}`)
  }
})

t.test('a complete message over the limit is a FramerError saying so', async (t) => {
  const framer = new Framer({ maxMessageBytes: 20 })
  t.strictSame(framer.push(Buffer.from('{"id":1,"a":"123"}')), [{ id: 1, a: '123' }])
  t.throws(() => framer.push(Buffer.from('{"id":1,"a":"12345678"}')), { name: 'FramerError', message: /message of 23 bytes exceeds the limit of 20 bytes/ })
})

t.test('an incomplete message over the limit fails before it completes', async (t) => {
  const framer = new Framer({ maxMessageBytes: 100 })
  framer.push(Buffer.from('{"a":"' + 'x'.repeat(60)))
  t.throws(() => framer.push(Buffer.from('x'.repeat(60))), { message: /exceeds the limit of 100 bytes before it is complete/ })
})

t.test('after a FramerError every later push rethrows it', async (t) => {
  const framer = new Framer(LIMIT)
  const error = t.throws(() => framer.push(Buffer.from('x')))
  t.equal(t.throws(() => framer.push(Buffer.from('{}'))), error)
})

t.test('malformed JSON names the problem and its stream byte offset', async (t) => {
  const framer = new Framer(LIMIT)
  framer.push(Buffer.from('{"id":1,"method":"echo","params":[]}\n'))
  const error = t.throws(() => framer.push(Buffer.from('{"é":[tru]}'))) as FramerError
  t.type(error, FramerError)
  t.match(error.message, /malformed JSON: invalid keyword 'tru'/)
  t.equal(error.offset, 37 + 7, 'offset counts bytes (é is two) from the start of the stream')
})

t.test('malformed numbers, missing separators and bad escapes are FramerErrors', async (t) => {
  const cases: [string, RegExp][] = [
    ['{"a":01}', /malformed JSON/],
    ['{"a":1 "b":2}', /expecting '}' or ','/],
    ['{"a" 1}', /expecting ':'/],
    ['{"a":[1 2]}', /expecting '\]' or ','/],
    ['{"a":"\\q"}', /bad escape/],
    ['{"a":"x\ty"}', /U\+0009 must be escaped/],
    ['{"a":1e400}', /number outside valid range/],
    ['{"a":5e-324}', /number outside valid range/],
    ['{1:2}', /expecting string/],
    ['{"a":[1}', /malformed JSON: syntax error expecting '\]' or ',', got '\}' \(at byte 7\)/],
    ['{"a":{"b":1]', /expecting '\}' or ',', got '\]' \(at byte 11\)/],
  ]
  for (const [input, message] of cases) {
    t.throws(() => new Framer(LIMIT).push(Buffer.from(input)), { name: 'FramerError', message }, input)
  }
})

t.test('a message cut short and followed by another fails at the first byte that cannot follow', async (t) => {
  const cases: [string, RegExp][] = [
    ['{"id":1,"method":"echo","params":[]{"id":2,"method":"echo","params":[]}', /expecting '\}' or ',' \(at byte 35\)/],
    ['{"id":1,"method":"echo","params":[],"id":7{"id":2}', /expecting '\}' or ',' \(at byte 42\)/],
    ['{"id":1,"method":"ec{"id":2,"method":"echo","params":[]}', /expecting '\}' or ',' \(at byte 22\)/],
    ['{"id":1,"method"{"id":2}', /expecting ':' \(at byte 16\)/],
    ['{"id":1,{"id":2}', /expecting string \(at byte 8\)/],
    ['{"id":tru {"id":2}', /invalid keyword 'tru' \(at byte 6\)/],
  ]
  for (const [input, message] of cases) {
    const framer = new Framer(LIMIT)
    const bytes = Buffer.from(input)
    t.throws(() => bytes.forEach((byte) => framer.push(Buffer.from([byte]))), { name: 'FramerError', message }, `${input} byte by byte`)
    t.throws(() => new Framer(LIMIT).push(bytes), { name: 'FramerError', message }, input)
  }
})

t.test('a message cut where a value may start waits, as ovsdb-server does', async (t) => {
  for (const input of ['{"id":1,"params":[{"id":2}', '{"id":{"id":2,"a":[]}', '{"params":[ {}, [] ']) {
    const framer = new Framer(LIMIT)
    t.strictSame(framer.push(Buffer.from(input)), [], input)
    t.equal(framer.pendingBytes, Buffer.byteLength(input))
  }
})

t.test('a top-level value other than an object is fatal, as in ovsdb-server', async (t) => {
  t.throws(() => new Framer(LIMIT).push(Buffer.from('[1,2]')), { message: /message is not a JSON object/ })
  t.throws(() => new Framer(LIMIT).push(Buffer.from('  "hello"')), { message: /syntax error at beginning of input: expected '\{', got '"' \(at byte 2\)/ })
  t.throws(() => new Framer(LIMIT).push(Buffer.from('{}}')), { message: /got '\}' \(at byte 2\)/ })
  t.throws(() => new Framer(LIMIT).push(Buffer.from('\x00')), { message: /got U\+0000/ })
})

t.test('nesting deeper than ovsdb-server allows (1000) is fatal', async (t) => {
  const ok = '{"a":' + '['.repeat(999) + ']'.repeat(999) + '}'
  t.equal(new Framer(LIMIT).push(Buffer.from(ok)).length, 1)
  const deep = '{"a":' + '['.repeat(1000)
  t.throws(() => new Framer(LIMIT).push(Buffer.from(deep)), { message: /input exceeds maximum nesting depth 1000 \(at byte 1004\)/ })
})

t.test('a member named __proto__ is an own member on both parse paths', async (t) => {
  const [fast, exact] = new Framer(LIMIT).push(Buffer.from('{"__proto__":{"x":1}}{"__proto__":{"x":1},"n":9007199254740993}'))
  for (const value of [fast, exact] as Record<string, unknown>[]) {
    t.ok(Object.hasOwn(value, '__proto__'))
    t.equal(Object.getPrototypeOf(value), Object.prototype)
  }
})

t.test('a chunk with complete messages before malformed bytes keeps those messages on the error', async (t) => {
  const framer = new Framer(LIMIT)
  const error = t.throws(() => framer.push(Buffer.from('{"id":1}\n{"id":2} {"id":[tru]} {"id":4}'))) as FramerError
  t.type(error, FramerError)
  t.same(error.parsed, [{ id: 1 }, { id: 2 }], 'the messages before the bad one, in order')
  const again = t.throws(() => framer.push(Buffer.from('{"id":5}'))) as FramerError
  t.equal(again, error, 'later pushes rethrow the same error')
  t.same(again.parsed, [], 'without delivering the earlier messages twice')
})

t.test('a stream error at the first byte of a chunk carries no parsed messages', async (t) => {
  const framer = new Framer(LIMIT)
  t.same(framer.push(Buffer.from('{"id":1}')), [{ id: 1 }])
  const error = t.throws(() => framer.push(Buffer.from('x{"id":2}'))) as FramerError
  t.same(error.parsed, [])
})

t.test('bytes that are not UTF-8 reach the value as lone surrogates, one per byte', async (t) => {
  const framer = new Framer(LIMIT)
  const bytes = Buffer.concat([Buffer.from('{"s":"a'), Buffer.from([0xff, 0xc3, 0xa9, 0xe2, 0x82]), Buffer.from('b"}')])
  t.same(framer.push(bytes), [{ s: 'a\udcffé\udce2\udc82b' }])
  t.same(framer.push(Buffer.from('{"s":"\ufffd"}')), [{ s: '\ufffd' }], 'a real U+FFFD stays itself')
})

t.test('\\u escapes ovsdb-server refuses fail the stream, wherever the chunks split them', async (t) => {
  const cases = [
    ['{"s":"a\\u0000b"}', 'null bytes not supported in quoted strings'],
    ['{"s":"\\ud800"}', 'malformed escaped surrogate pair'],
    ['{"s":"\\ud800x"}', 'malformed escaped surrogate pair'],
    ['{"s":"\\uD83D\\u0041"}', 'second half of escaped surrogate pair is not trailing surrogate'],
    ['{"s":"\\ud83d\\u0000"}', 'null bytes not supported in quoted strings'],
  ]
  for (const [text, reason] of cases) {
    for (let split = 1; split < text.length; split++) {
      const framer = new Framer(LIMIT)
      const error = (() => {
        try {
          framer.push(Buffer.from(text.slice(0, split)))
          framer.push(Buffer.from(text.slice(split)))
        } catch (caught) {
          return caught
        }
        return null
      })()
      t.ok(error instanceof FramerError && error.message.startsWith(`malformed JSON: ${reason} (`), `${text} split at ${split}: ${String(error)}`)
    }
  }
})

t.test('escapes ovsdb-server takes pass: pairs, trailing halves alone, and an escaped backslash before u0000', async (t) => {
  const framer = new Framer(LIMIT)
  t.same(framer.push(Buffer.from('{"a":"\\ud83d\\ude00","b":"\\udc00","c":"\\\\u0000","d":"\\u00e9"}')), [{ a: '😀', b: '\udc00', c: '\\u0000', d: 'é' }])
})
