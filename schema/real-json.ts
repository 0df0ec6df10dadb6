// A real atom on its way to the wire whose JavaScript number would print as an integer: a whole
// number of 16 digits (10^15 <= |x| < 2^53) or -0. ovsdb-server prints every real with `%.15g`
// (1234567890123456.0 as `1.23456789012346e+15`, -0.0 as `-0`), but a `number` that is a safe
// integer prints as its digits (json-text.ts), so such reals travel wrapped. Code that walks JSON
// values must treat a RealJson as a leaf; JSON.stringify sees its number (toJSON).

/** Below this a whole number prints the same as an integer and with `%.15g`. */
const FIFTEEN_DIGITS = 1e15

/** A real whose value must be printed as a real. */
export class RealJson {
  constructor(readonly value: number) {}

  toJSON(): number {
    return this.value
  }
}

/** The JSON form of real `x`: `x` itself, or a RealJson when its digits would print as an integer's. */
export function realJson(x: number): number | RealJson {
  return Number.isSafeInteger(x) && (x >= FIFTEEN_DIGITS || x <= -FIFTEEN_DIGITS || Object.is(x, -0)) ? new RealJson(x) : x
}

/** The real a parsed or built JSON number stands for (a number, a bigint or a RealJson), or undefined. */
export function jsonReal(json: unknown): number | undefined {
  if (typeof json === 'number') return json
  if (typeof json === 'bigint') return Number(json)
  return json instanceof RealJson ? json.value : undefined
}
