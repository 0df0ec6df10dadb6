// Properties: any stream of JSON-RPC messages, cut into any chunks, frames to exactly the messages
// sent; one cut short before whole ones fails exactly when ovsdb-server's parser would.
import t from 'tap'
import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import { JsonSyntaxError, parseJsonExact } from '../../protocol/json-parse.js'
import { Framer, FramerError, messageFromJson, messageToText, notification, reply, request, errorReply } from '../../protocol/index.js'
import type { Message } from '../../protocol/index.js'

/** Strings ovsdb-server's parser takes: no NUL, no leading surrogate without its trailing half (json-escapes.ts). */
const TAKEN = (text: string) => !text.includes('\u0000') && !/[\ud800-\udbff](?![\udc00-\udfff])/.test(text)

/** JSON values as the framer returns them: safe integers as numbers, 64-bit ones as bigints. */
const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.string({ unit: 'binary' }).filter(TAKEN),
    fc.string({ unit: fc.constantFrom('"', '\\', '{', '}', '[', ']', 'é', '中', '😀', 'a', '\n', '\u0001') }),
    fc.integer(),
    fc.maxSafeInteger(),
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((v) => (Number.isSafeInteger(Number(v)) ? Number(v) : v)),
    // Reals travel as %.15g (ovsdb-server's precision), so only 15-digit reals survive the trip;
    // subnormal ones are refused, as ovsdb-server refuses them.
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => Number(v.toPrecision(15))).filter((v) => Number.isFinite(v) && !Number.isInteger(v) && Math.abs(v) >= 2.2250738585072014e-308),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ unit: 'grapheme' }), tie('value'), { maxKeys: 4, noNullPrototype: true }),
  ),
})).value

const id = json.filter((v) => v !== null)
const params = fc.array(json, { maxLength: 4 })
const method = fc.string({ minLength: 1, unit: 'grapheme' })
const message: fc.Arbitrary<Message> = fc.oneof(
  fc.tuple(method, params, id).map(([m, p, i]) => request(m, p, i)),
  fc.tuple(method, params).map(([m, p]) => notification(m, p)),
  fc.tuple(json.filter((v) => v !== null), id).map(([r, i]) => reply(r, i)),
  fc.tuple(json.filter((v) => v !== null), id).map(([e, i]) => errorReply(e, i)),
)

/** Cuts `bytes` at the given fractions of its length. */
function cut(bytes: Buffer, fractions: number[]): Buffer[] {
  const points = [...new Set(fractions.map((f) => Math.floor(f * bytes.length)))].sort((a, b) => a - b)
  const chunks: Buffer[] = []
  let from = 0
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(from, point))
    from = point
  }
  return chunks
}

t.test('random message streams in random chunks parse to exactly the messages sent', async (t) => {
  const whitespace = fc.constantFrom('', ' ', '\n', '\r\n', '\t  ')
  const outcome = fc.check(
    fc.property(
      fc.array(fc.tuple(message, whitespace), { minLength: 1, maxLength: 8 }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
      (sent, fractions) => {
        const bytes = Buffer.from(sent.map(([m, ws]) => messageToText(m) + ws).join(''))
        const framer = new Framer({ maxMessageBytes: 1 << 20 })
        const received = cut(bytes, fractions).flatMap((chunk) => framer.push(chunk)).map(messageFromJson)
        return framer.pendingBytes === 0 && isDeepStrictEqual(received, sent.map(([m]) => m))
      },
    ),
    { numRuns: 300 },
  )
  t.notOk(outcome.failed, fc.defaultReportMessage(outcome) ?? 'no counterexample')
  t.equal(outcome.numRuns, 300)
})

t.test('a message cut short and followed by whole ones fails the stream exactly when ovsdb-server\'s parser would', async (t) => {
  const whitespace = fc.constantFrom('', ' ', '\n')
  let failures = 0
  const outcome = fc.check(
    fc.property(
      message,
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.array(fc.tuple(message, whitespace), { minLength: 1, maxLength: 3 }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
      (cutShort, at, whole, fractions) => {
        const first = Buffer.from(messageToText(cutShort))
        const prefix = first.subarray(0, 1 + Math.floor(at * (first.length - 2)))
        const bytes = Buffer.concat([prefix, Buffer.from(whole.map(([m, ws]) => messageToText(m) + ws).join(''))])
        const framer = new Framer({ maxMessageBytes: 1 << 20 })
        let failed = false
        let received: unknown[] = []
        try {
          received = cut(bytes, fractions).flatMap((chunk) => framer.push(chunk))
        } catch (error) {
          if (!(error instanceof FramerError)) throw error
          failed = true
        }
        if (failed) failures++
        return failed === errorBeforeTheEnd(bytes.toString('utf8')) && received.length === 0
      },
    ),
    { numRuns: 300 },
  )
  t.notOk(outcome.failed, fc.defaultReportMessage(outcome) ?? 'no counterexample')
  t.ok(failures > 200, `the stream failed in ${failures} of 300 runs (the rest were cut just before a value)`)
})

/** True when the exact parser finds an error in `text` (which ends with a whole message) before running out of it. */
function errorBeforeTheEnd(text: string): boolean {
  try {
    parseJsonExact(text, { refuseSubnormals: true })
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error
    return error.position < text.length
  }
  return false
}
