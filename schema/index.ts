// The public surface of schema/: the OVSDB type system (types, errors, JSON text, atoms, datums,
// column and database schemas). Neighbouring folders import from here and nothing deeper.

export * from './types.js'
export * from './error.js'
export { jsonToText, jsonText } from './json-text.js'
export { realToText } from './real-text.js'
export { compareStrings } from './string-order.js'
