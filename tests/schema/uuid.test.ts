// UUID text as ovsdb-server reads it (lib/uuid.c): 8-4-4-4-12 hex digits in either case, kept in
// lowercase; the hand-written check agrees with the plain pattern on near-miss strings.

import fc from 'fast-check'
import t from 'tap'
import { isUuid, uuidFromText } from '../../schema/index.js'

const PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/

t.test('canonical, uppercase and malformed UUID texts', async (t) => {
  const canonical = '0123abcd-4567-89ef-0123-456789abcdef'
  t.equal(uuidFromText(canonical), canonical)
  t.equal(uuidFromText(canonical.toUpperCase()), canonical)
  t.ok(isUuid(canonical))
  t.notOk(isUuid(canonical.toUpperCase()), 'isUuid wants the canonical form')
  for (const bad of ['', canonical.slice(1), `${canonical}0`, canonical.replace('-', 'x'), canonical.replace('a', 'g'), canonical.replace('4567-', '45674'), ` ${canonical.slice(1)}`]) {
    t.equal(uuidFromText(bad), undefined, JSON.stringify(bad))
    t.notOk(isUuid(bad))
  }
})

t.test('agrees with the pattern on random near-UUID strings', async (t) => {
  const char = fc.constantFrom(...'0123456789abcdefABCDEFgG-/:` '.split(''))
  const near = fc.array(char, { minLength: 34, maxLength: 38 }).map((chars) => chars.join(''))
  const shaped = fc.array(fc.constantFrom(...'0123456789abcdefABCDEF'.split('')), { minLength: 32, maxLength: 32 })
    .chain((hex) => fc.nat(35).map((spoil) => {
      const text = [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].map((part) => part.join('')).join('-')
      return spoil < 30 ? text : `${text.slice(0, spoil)}z${text.slice(spoil + 1)}`
    }))
  fc.assert(fc.property(fc.oneof(near, shaped), (text) => {
    const expected = PATTERN.test(text) ? text.toLowerCase() : undefined
    return uuidFromText(text) === expected && isUuid(text) === (expected === text)
  }), { numRuns: 5000 })
  t.pass('5000 strings agree')
})
