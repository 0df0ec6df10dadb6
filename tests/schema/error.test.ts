// OvsdbError's wire form: members present only when set, spelled as ovsdb-server spells them.
import t from 'tap'
import { OvsdbError, ERROR_TAGS } from '../../schema/error.js'

t.test('an error with only a tag serialises as {error}', async (t) => {
  t.same(JSON.parse(JSON.stringify(new OvsdbError('aborted'))), { error: 'aborted' })
})

t.test('details and syntax appear when set', async (t) => {
  const e = new OvsdbError('unknown database', 'get_schema request specifies unknown database Nope', '["Nope"]')
  t.same(e.toJSON(), {
    error: 'unknown database',
    details: 'get_schema request specifies unknown database Nope',
    syntax: '["Nope"]',
  })
  t.equal(e.message, 'unknown database: get_schema request specifies unknown database Nope')
})

t.test('members come in ovsdb-server order: syntax, details, error', async (t) => {
  t.equal(JSON.stringify(new OvsdbError('syntax error', 'expected integer', '"x"')), '{"syntax":"\\"x\\"","details":"expected integer","error":"syntax error"}')
  t.equal(JSON.stringify(new OvsdbError('aborted', 'aborted by request')), '{"details":"aborted by request","error":"aborted"}')
})

t.test('the tag catalogue has no duplicates', async (t) => {
  t.equal(new Set(ERROR_TAGS).size, ERROR_TAGS.length)
})
