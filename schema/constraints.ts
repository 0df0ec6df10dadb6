// Checks an atom against its base type's constraints (enum, integer and real ranges, string
// lengths, and that a string is valid UTF-8), with ovsdb-server's `constraint violation` wording
// (lib/ovsdb-data.c ovsdb_atom_check_constraints). Reference constraints are checked at commit.

import { atomToString, datumToString } from './atom-text.js'
import { compareAtoms } from './compare.js'
import { OvsdbError } from './error.js'
import { realToText } from './real-text.js'
import { codePointLength } from './string-length.js'
import type { Atom, BaseType, Integer } from './types.js'
import { utf8Problem } from './utf8.js'

/** Throws `constraint violation` when `atom` (of `base.type`) breaks one of `base`'s constraints. */
export function checkAtomConstraints(atom: Atom, base: BaseType): void {
  if (base.enum !== undefined) {
    if (!enumIncludes(base.enum, atom, base)) {
      const allowed = datumToString({ keys: base.enum }, { key: { type: base.type }, min: 1, max: Infinity })
      violation(`${atomToString(atom, base.type)} is not one of the allowed values (${allowed})`)
    }
    return
  }
  switch (base.type) {
    case 'integer':
      return checkRange(atom as Integer, base.minInteger, base.maxInteger, String)
    case 'real':
      return checkRange(atom as number, base.minReal, base.maxReal, realToText)
    case 'string':
      return checkString(atom as string, base)
  }
}

function enumIncludes(values: readonly Atom[], atom: Atom, base: BaseType): boolean {
  let low = 0
  let high = values.length - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    const order = compareAtoms(values[middle], atom, base.type)
    if (order === 0) return true
    if (order < 0) low = middle + 1
    else high = middle - 1
  }
  return false
}

function checkRange<T extends number | bigint>(
  value: T,
  min: T | undefined,
  max: T | undefined,
  format: (value: T) => string,
): void {
  if ((min === undefined || value >= min) && (max === undefined || value <= max)) return
  if (min !== undefined && max !== undefined) {
    violation(`${format(value)} is not in the valid range ${format(min)} to ${format(max)} (inclusive)`)
  }
  if (min !== undefined) violation(`${format(value)} is less than minimum allowed value ${format(min)}`)
  violation(`${format(value)} is greater than maximum allowed value ${format(max!)}`)
}

function checkString(text: string, base: BaseType): void {
  const problem = utf8Problem(text)
  if (problem !== null) violation(`not a valid UTF-8 string: ${problem}`)
  if (base.minLength === undefined && base.maxLength === undefined) return
  const length = codePointLength(text)
  if (base.minLength !== undefined && length < base.minLength) {
    violation(`"${text}" length ${length} is less than minimum allowed length ${base.minLength}`)
  }
  if (base.maxLength !== undefined && length > base.maxLength) {
    violation(`"${text}" length ${length} is greater than maximum allowed length ${base.maxLength}`)
  }
}

function violation(details: string): never {
  throw new OvsdbError('constraint violation', details)
}
