// The public surface of schema/: the OVSDB type system (types, errors, JSON text, atoms, datums,
// column and database schemas). Neighbouring folders import from here and nothing deeper.

export * from './types.js'
export * from './error.js'
export { jsonToText, jsonText } from './json-text.js'
export { realToText } from './real-text.js'
export { RealJson, realJson } from './real-json.js'
export { compareStrings } from './string-order.js'
export { codePointLength } from './string-length.js'
export { isId } from './id.js'
export { ZERO_UUID, isUuid, uuidFromText } from './uuid.js'
export { INT64_MAX, INT64_MIN, UINT_MAX, canonicalInteger, jsonInteger } from './integer.js'
export { compareAtoms } from './compare.js'
export { atomFromJson, atomFromJsonUnchecked, atomToJson, defaultAtom } from './atom.js'
export { checkAtomConstraints } from './constraints.js'
export { atomToString, datumToString } from './atom-text.js'
export { EMPTY_DATUM, checkDatumConstraints, compareDatums, datumEquals, defaultDatum, makeDatum } from './datum.js'
export { datumFromJson, datumToJson } from './datum-json.js'
export { baseTypeFromJson, baseTypeHasConstraints, baseTypeToJson, unconstrainedBaseType } from './base-type.js'
export {
  columnTypeFromJson,
  columnTypeToEnglish,
  columnTypeToJson,
  isMapType,
  isOptionalScalarType,
  isScalarType,
  isSetType,
} from './column-type.js'
export { MEMBER_KINDS, MemberParser, isJsonObject, type MemberKind } from './member-parser.js'
export { unusedMembersAsOvs, visitMembersAsOvs } from './ovs-first-error.js'
export { columnSchemaFromJson, columnSchemaToJson, isStrongRef, isWeakRef } from './column-schema.js'
export { tableSchemaFromJson, tableSchemaToJson } from './table-schema.js'
export { databaseSchemaFromJson, databaseSchemaToJson, isRootTable } from './database-schema.js'
export { CONVERTED, CONVERT_FILE, CREATE_FILE, READ_ONCE, schemaAfter, schemaJsonInOvsOrder, type SchemaStep } from './ovs-schema-order.js'
export { diffSchemas } from './schema-diff.js'
