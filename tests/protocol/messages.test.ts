// JSON-RPC 1.0 message shapes: classification and validation as ovsdb-server's jsonrpc_msg_from_json,
// and wire text byte-for-byte as ovsdb-server 3.1 sends it (raw bytes observed on its unix socket).
import t from 'tap'
import { OvsdbError, errorReply, messageFromJson, messageToText, notification, reply, request, MessageError } from '../../protocol/index.js'

t.test('wire text has ovsdb-server member order for each kind', async (t) => {
  t.equal(messageToText(reply([1, 'a'], 1)), '{"id":1,"result":[1,"a"],"error":null}')
  t.equal(messageToText(errorReply('unknown method', 2)), '{"id":2,"error":"unknown method"}')
  t.equal(messageToText(notification('stolen', ['L'])), '{"id":null,"method":"stolen","params":["L"]}')
  t.equal(messageToText(request('echo', [], 'echo')), '{"id":"echo","method":"echo","params":[]}')
})

t.test('an OvsdbError in an error reply serialises through its wire form', async (t) => {
  const error = new OvsdbError('unknown database', 'get_schema request specifies unknown database Nope', '["Nope"]')
  t.strictSame(JSON.parse(messageToText(errorReply(error, 3))), {
    id: 3,
    error: { error: 'unknown database', details: 'get_schema request specifies unknown database Nope', syntax: '["Nope"]' },
  })
})

t.test('integers beyond 2^53 are written exactly', async (t) => {
  t.equal(messageToText(reply({ n: 9223372036854775807n }, 7)), '{"id":7,"result":{"n":9223372036854775807},"error":null}')
})

t.test('received messages are classified by their non-null members', async (t) => {
  t.strictSame(messageFromJson({ id: 1, method: 'echo', params: [] }), request('echo', [], 1))
  t.strictSame(messageFromJson({ id: null, method: 'update', params: [null, {}] }), notification('update', [null, {}]))
  t.strictSame(messageFromJson({ method: 'cancel', params: [1] }), notification('cancel', [1]))
  t.strictSame(messageFromJson({ id: 'echo', result: [], error: null }), reply([], 'echo'))
  t.strictSame(messageFromJson({ id: 4, error: 'canceled' }), errorReply('canceled', 4))
  t.strictSame(messageFromJson({ id: 4, result: null, error: { error: 'x' } }), errorReply({ error: 'x' }, 4))
  t.strictSame(
    messageFromJson({ method: 'echo', params: [], id: 1, result: null, error: null }),
    request('echo', [], 1),
    'null result and error count as absent (ovsdb-server answers this request)',
  )
  t.strictSame(messageFromJson({ id: ['monid', { a: 1 }], method: 'm', params: [] }), request('m', [], ['monid', { a: 1 }]))
})

t.test('bad messages are rejected with ovsdb-server\'s text', async (t) => {
  const cases: [unknown, string][] = [
    [[1, 2], 'message is not a JSON object'],
    ['hello', 'message is not a JSON object'],
    [{ id: 1, method: 3, params: [] }, 'method is not a JSON string'],
    [{ id: 1, method: null, params: [] }, 'method is not a JSON string'],
    [{ id: 1, method: 'echo', params: [], x: 1 }, 'message has unexpected member "x"'],
    // Of several, the first in ovsdb-server's hash order (read from its log, 3.1).
    [{ id: 1, method: 'echo', params: [], zz1: 1, aa2: 2 }, 'message has unexpected member "aa2"'],
    [{ q5: 5, q4: 4, q3: 3, q2: 2, q1: 1, id: 1, method: 'echo', params: [] }, 'message has unexpected member "q4"'],
    [{ id: 1, method: 'echo', params: {} }, '"params" must be JSON array'],
    [{ method: 'echo', params: 'a' }, '"params" must be JSON array'],
    [{ id: 1, params: [] }, 'request must have "method"'],
    [{ id: 1, method: 'echo' }, 'request must have "params"'],
    [{ id: 1, result: null, error: null }, 'request must have "method"'],
    [{ method: 'echo' }, 'notification must have "params"'],
    [{}, 'notification must have "method"'],
    [{ id: 1, method: 'echo', params: [], result: 1 }, 'reply must not have "method"'],
    [{ result: 1 }, 'reply must have "id"'],
    [{ id: 1, result: 1, error: 'x' }, 'reply must not have "error"'],
    [{ error: 'x' }, 'error must have "id"'],
    [{ id: 1, params: [], error: 'x' }, 'error must not have "params"'],
  ]
  for (const [json, message] of cases) {
    t.throws(() => messageFromJson(json), new MessageError(message), JSON.stringify(json))
  }
})

