// String order (UTF-8 bytes = code points), code point lengths, <id> syntax, UUID text and the
// human-readable atom notation used in ovsdb-server's messages.
import t from 'tap'
import {
  atomToString, codePointLength, columnTypeFromJson, compareStrings, datumToString, isId, isUuid, uuidFromText,
} from '../../schema/index.js'

t.test('strings compare by code point, unlike JavaScript\'s UTF-16 order', async (t) => {
  t.ok('\u{10000}' < '\uffff', 'JS puts the astral character first')
  t.ok(compareStrings('\uffff', '\u{10000}') < 0, 'code point order puts U+FFFF first')
  t.ok(compareStrings('a', 'b') < 0)
  t.ok(compareStrings('ab', 'a') > 0)
  t.equal(compareStrings('é', 'é'), 0)
  t.ok(compareStrings('\ud7ff', '\u{10000}') < 0)
})

t.test('code point length counts surrogate pairs once and lone surrogates once', async (t) => {
  t.equal(codePointLength(''), 0)
  t.equal(codePointLength('abc'), 3)
  t.equal(codePointLength('😀é'), 2)
  t.equal(codePointLength('\ud800x'), 2)
})

t.test('<id> is ASCII letters, digits and underscore, not starting with a digit', async (t) => {
  t.same(['a', '_x1', 'Bridge', 'row_1'].map(isId), [true, true, true, true])
  t.same(['', '1a', 'a-b', 'é', 5].map(isId), [false, false, false, false, false])
})

t.test('UUID text is accepted in either case and kept lowercase', async (t) => {
  t.equal(uuidFromText('550E8400-E29B-41D4-A716-446655440000'), '550e8400-e29b-41d4-a716-446655440000')
  t.equal(uuidFromText('550e8400e29b41d4a716446655440000'), undefined)
  t.equal(uuidFromText('550e8400-e29b-41d4-a716-44665544000g'), undefined)
  t.ok(isUuid('550e8400-e29b-41d4-a716-446655440000'))
  t.notOk(isUuid('550E8400-E29B-41D4-A716-446655440000'))
})

t.test('atoms print bare when unambiguous, JSON-quoted otherwise (as ovs-vsctl and errors do)', async (t) => {
  t.equal(atomToString('br0', 'string'), 'br0')
  t.equal(atomToString('a.b-c_d', 'string'), 'a.b-c_d')
  t.equal(atomToString('', 'string'), '""')
  t.equal(atomToString('1', 'string'), '"1"')
  t.equal(atomToString('true', 'string'), '"true"')
  t.equal(atomToString('a b', 'string'), '"a b"')
  t.equal(atomToString('abcdef01-0000-0000-0000-000000000000', 'string'), '"abcdef01-0000-0000-0000-000000000000"')
  t.equal(atomToString(0.5, 'real'), '0.5')
  t.equal(atomToString(2n ** 63n - 1n, 'integer'), '9223372036854775807')
  t.equal(atomToString(true, 'boolean'), 'true')
})

t.test('datums print as [a, b] and {k=v}; bare for a single value of a max-1 type', async (t) => {
  const set = columnTypeFromJson({ key: 'integer', min: 0, max: 'unlimited' })
  const map = columnTypeFromJson({ key: 'string', value: 'string', min: 0, max: 'unlimited' })
  const optional = columnTypeFromJson({ key: 'integer', min: 0, max: 1 })
  t.equal(datumToString({ keys: [10, 20] }, set), '[10, 20]')
  t.equal(datumToString({ keys: [10] }, set), '[10]')
  t.equal(datumToString({ keys: ['a', 'b'], values: ['1', 'x y'] }, map), '{a="1", b="x y"}')
  t.equal(datumToString({ keys: [10] }, optional), '10')
  t.equal(datumToString({ keys: [] }, optional), '[]')
})
