// Which of several problems in one object is reported: the first in ovsdb-server's hash order.
// The expected names below were read from the real ovsdb-server / ovsdb-tool 3.1.
import t from 'tap'
import { OvsdbError, databaseSchemaFromJson, unusedMembersAsOvs, visitMembersAsOvs } from '../../schema/index.js'

/** The name of the member whose visit threw, when each member's visit throws naming it. */
function firstFailing(object: Record<string, unknown>, failing: (name: string) => boolean): string | null {
  try {
    visitMembersAsOvs(object, (name) => {
      if (failing(name)) throw new Error(name)
    })
  } catch (error) {
    return (error as Error).message
  }
  return null
}

t.test('valid objects are walked once, in their own order', async (t) => {
  const seen: string[] = []
  visitMembersAsOvs({ q5: 5, q1: 1, name: 'x' }, (name, value) => seen.push(`${name}=${String(value)}`))
  t.strictSame(seen, ['q5=5', 'q1=1', 'name=x'])
})

t.test('of several failing members, the one ovsdb-server meets first is reported, whatever the order written', async (t) => {
  const all = () => true
  t.equal(firstFailing({ q1: 1, q2: 2, q3: 3, q4: 4, q5: 5 }, all), 'q3', 'no column q3 in a row (ovsdb-server)')
  t.equal(firstFailing({ q5: 5, q4: 4, q3: 3, q2: 2, q1: 1 }, all), 'q3')
  t.equal(firstFailing({ n: 'x', name: 5 }, all), 'name', 'both columns mistyped: name (ovsdb-server)')
  t.equal(firstFailing({ bogus: 1, name: 5 }, all), 'name', 'an unknown column and a mistyped one: name (ovsdb-server)')
  t.equal(firstFailing({ a: 1, name: 2 }, (name) => name === 'a'), 'a', 'a single failing member is reported wherever it is')
  t.equal(firstFailing({ a: 1 }, () => false), null)
})

t.test('a visit that throws only the first time still throws the error it met', async (t) => {
  let calls = 0
  const error = t.throws(() => visitMembersAsOvs({ a: 1 }, () => {
    if (calls++ === 0) throw new Error('first')
  })) as Error
  t.equal(error.message, 'first')
})

t.test('left-over members: the one ovsdb-server names comes first', async (t) => {
  t.strictSame(unusedMembersAsOvs({ op: 'abort', x: 1, y: 2 }, new Set(['op'])), ['y', 'x'], "ovsdb-server: Member 'y' and 1 other member")
  t.strictSame(unusedMembersAsOvs({ key: 'string', foo: 1, bar: 2 }, new Set(['key'])), ['bar', 'foo'], "ovsdb-tool: Member 'bar' and 1 other member")
  t.strictSame(unusedMembersAsOvs({ op: 'abort' }, new Set(['op'])), [])
})

t.test('a schema with several undefined references fails on the one ovsdb-tool checks first', async (t) => {
  const ref = { type: { key: { type: 'uuid', refTable: 'Nope' } } }
  const schema = { name: 'B', tables: { Uu: { columns: { a: { type: 'string' }, q: ref, ports: ref } }, T: { columns: { b: { type: 'string' } } } } }
  t.throws(() => databaseSchemaFromJson(schema), new OvsdbError('syntax error', 'column ports key refers to undefined table Nope'))
  const columns = { c: { type: 'string', ephemeral: 3 }, b: { type: 'string', x: 1 }, a: { type: 'bogus' } }
  const error = t.throws(() => databaseSchemaFromJson({ name: 'B', tables: { T: { columns } } })) as OvsdbError
  t.equal(error.details, '"bogus" is not an atomic-type', 'the first bad column in ovsdb-tool\'s order')
})
