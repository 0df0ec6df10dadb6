// Member order as ovsdb-server prints a schema: the vswitch schema's get_schema result text,
// recorded from ovsdb-server 3.1 serving a file `ovsdb-tool create` made (fixtures/
// vswitch-get-schema-raw.json), comes out byte for byte; and the hash-table walk itself.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { CREATE_FILE, READ_ONCE, databaseSchemaFromJson, jsonToText, schemaAfter, schemaJsonInOvsOrder } from '../../schema/index.js'
import { ovsTableOrder } from '../../schema/ovs-hash-order.js'

const VSWITCH = databaseSchemaFromJson(JSON.parse(readFileSync(new URL('../../schema/vswitch.ovsschema', import.meta.url), 'utf8')))
const RECORDED = readFileSync(new URL('fixtures/vswitch-get-schema-raw.json', import.meta.url), 'utf8').trim()

t.test('a file made from the vswitch schema, read and printed, is ovsdb-server get_schema text', async (t) => {
  const stored = schemaAfter(VSWITCH, CREATE_FILE)
  t.equal(jsonToText(schemaJsonInOvsOrder(stored, READ_ONCE)), RECORDED)
  t.not(jsonToText(schemaJsonInOvsOrder(VSWITCH, READ_ONCE)), RECORDED, 'read straight from the schema file, the order differs')
})

t.test('the walk is a permutation that depends on the keys, and on insertion order only through collisions', async (t) => {
  const keys = ['name', 'version', 'cksum', 'tables', 'a', 'b', 'c', 'd', 'e', 'f', 'g']
  const walked = ovsTableOrder(keys)
  t.same([...walked].sort(), [...keys].sort())
  t.same(ovsTableOrder([]), [])
  t.same(ovsTableOrder(['name', 'version', 'cksum', 'tables']), ['cksum', 'name', 'version', 'tables'], 'the top-level order ovsdb-server writes')
  t.same(ovsTableOrder(['key', 'min', 'max']), ['max', 'min', 'key'], 'a column type, as ovsdb-server writes it')
  t.same(ovsTableOrder(['error', 'details', 'syntax']), ['syntax', 'details', 'error'], 'an error, as ovsdb-server writes it')
})
