// Small datum helpers the IDL needs beyond schema/: default checks and re-exports.

import { datumEquals, datumToJson, defaultDatum } from '../../schema/index.js'
import type { ColumnType, Datum } from '../../schema/index.js'

/** True when `datum` is the default value of `type` (ovsdb_datum_is_default). */
export function isDefaultDatum(datum: Datum, type: ColumnType): boolean {
  return datumEquals(datum, defaultDatum(type))
}

export { datumEquals, datumToJson, defaultDatum }
