// UTF-8 as ovsdb-server checks it: bytes that are not UTF-8 survive decoding as lone surrogates,
// and the sequence named for a bad string is the one lib/unicode.c names.
import t from 'tap'
import { decodeUtf8Escaped, utf8Problem } from '../../schema/utf8.js'

/** The problem named for a string the framer decoded from `bytes`. */
const problemOf = (bytes: number[]) => utf8Problem(decodeUtf8Escaped(Buffer.from(bytes)))

t.test('valid UTF-8 decodes as usual and has no problem', async (t) => {
  const text = 'a é 中 😀 𝄞'
  t.equal(decodeUtf8Escaped(Buffer.from(text)), text)
  t.equal(utf8Problem(text), null)
  t.equal(utf8Problem(''), null)
})

t.test('each byte outside a well-formed sequence becomes U+DC80-U+DCFF, the rest decodes', async (t) => {
  t.equal(decodeUtf8Escaped(Buffer.from([0x61, 0xff, 0xfe, 0x62])), 'a\udcff\udcfeb')
  t.equal(decodeUtf8Escaped(Buffer.from([0xc0, 0xaf])), '\udcc0\udcaf')
  t.equal(decodeUtf8Escaped(Buffer.from([0xe2, 0x82, 0x41, 0xc3, 0xa9])), '\udce2\udc82Aé')
})

t.test('the bytes named are the lead byte, or the lead up to the first wrong byte, as ovsdb-server names them', async (t) => {
  t.equal(problemOf([0xff, 0xfe]), 'invalid UTF-8 sequence 0xff')
  t.equal(problemOf([0x61, 0xc0, 0xaf]), 'invalid UTF-8 sequence 0xc0')
  t.equal(problemOf([0xed, 0xa0, 0x80]), 'invalid UTF-8 sequence 0xed 0xa0', 'an encoded surrogate')
  t.equal(problemOf([0xe2, 0x82, 0x28]), 'invalid UTF-8 sequence 0xe2 0x82 0x28')
  t.equal(problemOf([0x78, 0xe2, 0x82]), 'invalid UTF-8 sequence 0xe2 0x82 0x00', 'cut short: the terminating NUL is named')
  t.equal(problemOf([0xf4, 0x90, 0x80, 0x80]), 'invalid UTF-8 sequence 0xf4 0x90', 'beyond U+10FFFF')
  t.equal(problemOf([0xc3, 0xa9, 0x80]), 'invalid UTF-8 sequence 0x80', 'a stray continuation byte after a valid character')
})

t.test('a lone trailing surrogate from an escape is named by its three bytes, a leading one too', async (t) => {
  t.equal(utf8Problem('x\udc00'), 'invalid UTF-8 sequence 0xed 0xb0')
  t.equal(utf8Problem('\udfff'), 'invalid UTF-8 sequence 0xed 0xbf')
  t.equal(utf8Problem('\ud800'), 'invalid UTF-8 sequence 0xed 0xa0')
})
