// The `insert` operation (RFC 7047 §5.2.1, OVS ovsdb_execute_insert): a new row from `row` plus
// defaults, named by `uuid-name` and/or given an explicit `uuid` (OVS 2.13+ extension). Any
// `_uuid`/`_version` in `row` is parsed and then ignored, as ovsdb-server does.

import { checkAtomConstraints, uuidFromText, type ColumnSchema, type Datum, type Uuid } from '../../../schema/index.js'
import { defaultFields } from '../defaults.js'
import { syntaxError } from '../errors.js'
import type { OpParser } from '../parser.js'
import { randomUuid } from '../uuid.js'
import { parseRow, parseTable, type Execution } from './context.js'

/** Inserts one row; result `{"uuid": ["uuid", <uuid>]}`. Throws `duplicate uuid`, `duplicate uuid-name`, row errors. */
export function executeInsert(x: Execution, parser: OpParser): Record<string, unknown> {
  const table = parseTable(x, parser)
  const uuidJson = parser.member('uuid', ['string'], true) as string | undefined
  const uuidName = parser.member('uuid-name', ['id'], true) as string | undefined
  const rowJson = parser.member('row', ['object'])
  parser.check()
  const uuid = chooseUuid(x, table!.name, uuidJson, uuidName)
  const given = parseRow(x, table!, rowJson)
  const fields: Record<string, Datum> = { ...defaultFields(table!) }
  for (const [column, datum] of given) if (table!.columns.has(column.name)) fields[column.name] = datum
  for (const column of table!.columns.values()) checkSingleAtom(column, fields[column.name])
  x.txn.insert(table!.name, { uuid, version: randomUuid(), fields })
  return { uuid: ['uuid', uuid] }
}

/** The new row's UUID: explicit `uuid`, else the `uuid-name` symbol's, else a fresh one. */
function chooseUuid(x: Execution, table: string, uuidJson: string | undefined, uuidName: string | undefined): Uuid {
  let uuid: Uuid | undefined
  if (uuidJson !== undefined) {
    uuid = uuidFromText(uuidJson)
    if (uuid === undefined) throw syntaxError(uuidJson, 'bad uuid')
    if (!x.txn.mayCreate(table, uuid)) {
      throw syntaxError(
        uuidJson,
        'This UUID would duplicate a UUID already present within the table or deleted within the same transaction.',
        'duplicate uuid',
      )
    }
  }
  if (uuidName === undefined) return uuid ?? randomUuid()
  const symbol = x.txn.symbols.get(uuidName) ?? { uuid: randomUuid(), created: false }
  x.txn.symbols.set(uuidName, symbol)
  if (symbol.created) {
    throw syntaxError(uuidName, 'This "uuid-name" appeared on an earlier "insert" operation.', 'duplicate uuid-name')
  }
  if (uuid !== undefined) symbol.uuid = uuid
  symbol.created = true
  return symbol.uuid
}

/** A one-element datum may be a default that breaks the column's constraints: check it (as OVS does). */
function checkSingleAtom(column: ColumnSchema, datum: Datum): void {
  if (datum.keys.length !== 1) return
  checkAtomConstraints(datum.keys[0], column.type.key)
  if (column.type.value !== undefined) checkAtomConstraints(datum.values![0], column.type.value)
}
