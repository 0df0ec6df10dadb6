// Small constructors for the OvsdbErrors the engine raises, so every site spells tag, details and
// `syntax` the way ovsdb-server does (lib/ovsdb-error.c: a syntax error's `syntax` member is the
// offending JSON serialised with sorted object members).

import { OvsdbError, jsonText, type ErrorTag } from '../../schema/index.js'

/** An error whose `syntax` member is `json` (omitted when `json` is undefined), tagged `tag`. */
export function syntaxError(json: unknown, details: string, tag: ErrorTag = 'syntax error'): OvsdbError {
  return new OvsdbError(tag, details, json === undefined ? undefined : jsonText(json))
}

/** A plain error without `syntax`, as `ovsdb_error(tag, details)` builds it. */
export function ovsdbError(tag: ErrorTag, details: string): OvsdbError {
  return new OvsdbError(tag, details)
}

/** Wraps anything that is not an OvsdbError as `internal error`, as OVSDB_BUG does. */
export function internalError(cause: unknown): OvsdbError {
  const text = cause instanceof Error ? cause.message : String(cause)
  const error = new OvsdbError('internal error', `switchyard engine bug: ${text}`)
  error.cause = cause
  return error
}
