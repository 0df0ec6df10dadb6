// Reals as ovsdb-server prints them: lib/json.c formats a real with C's `%.15g` (DBL_DIG
// significant digits), which glibc rounds half-to-even on the exact binary value. JavaScript's
// toExponential rounds ties upward, so exact ties are detected and corrected here.

const PRECISION = 15

/** The text `printf("%.15g", x)` produces for a finite `x`; `null` for NaN and infinities. */
export function realToText(x: number): string {
  if (!Number.isFinite(x)) return 'null'
  if (x === 0) return Object.is(x, -0) ? '-0' : '0'
  const { digits, exponent } = significantDigits(Math.abs(x))
  const body = exponent < -4 || exponent >= PRECISION
    ? scientific(digits, exponent)
    : fixed(digits, exponent)
  return x < 0 ? `-${body}` : body
}

/** The 15 significant decimal digits of positive `x`, rounded half-to-even, and its decimal exponent. */
function significantDigits(x: number): { digits: string; exponent: number } {
  const rounded = splitExponential(x.toExponential(PRECISION - 1))
  const finer = splitExponential(x.toExponential(PRECISION))
  const last = finer.digits.charCodeAt(PRECISION) - 48
  const kept = finer.digits.charCodeAt(PRECISION - 1) - 48
  if (last === 5 && kept % 2 === 0 && isExactly(x, finer.digits, finer.exponent)) {
    return { digits: finer.digits.slice(0, PRECISION), exponent: finer.exponent }
  }
  return rounded
}

function splitExponential(text: string): { digits: string; exponent: number } {
  const e = text.indexOf('e')
  return { digits: text[0] + text.slice(2, e), exponent: Number(text.slice(e + 1)) }
}

/** True when positive `x` equals digits × 10^(exponent − digits.length + 1) exactly. */
function isExactly(x: number, digits: string, exponent: number): boolean {
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, x)
  const bits = view.getBigUint64(0)
  const biased = Number((bits >> 52n) & 0x7ffn)
  const fraction = bits & 0xfffffffffffffn
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n)
  const binaryExponent = (biased === 0 ? 1 : biased) - 1075
  const decimalExponent = exponent - digits.length + 1
  let left = BigInt(digits)
  let right = mantissa
  if (decimalExponent >= 0) left *= 10n ** BigInt(decimalExponent)
  else right *= 10n ** BigInt(-decimalExponent)
  if (binaryExponent >= 0) right <<= BigInt(binaryExponent)
  else left <<= BigInt(-binaryExponent)
  return left === right
}

function trimFraction(text: string): string {
  if (!text.includes('.')) return text
  const trimmed = text.replace(/0+$/, '')
  return trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed
}

function scientific(digits: string, exponent: number): string {
  const mantissa = trimFraction(`${digits[0]}.${digits.slice(1)}`)
  const magnitude = String(Math.abs(exponent)).padStart(2, '0')
  return `${mantissa}e${exponent < 0 ? '-' : '+'}${magnitude}`
}

function fixed(digits: string, exponent: number): string {
  if (exponent < 0) return trimFraction(`0.${'0'.repeat(-exponent - 1)}${digits}`)
  return trimFraction(`${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`)
}
