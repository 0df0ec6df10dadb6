// The RFC 7047 <id> syntax, `[_a-zA-Z][_a-zA-Z0-9]*` (ASCII only, as OVS's isalpha in the C
// locale): table, column and schema names, uuid-names and lock names must match it.

const ID = /^[A-Za-z_][A-Za-z0-9_]*$/

/** True when `value` is a string in <id> syntax. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID.test(value)
}
