// String length as OVSDB constraints count it: Unicode code points (ovsdb-server counts UTF-8
// characters), not JavaScript's UTF-16 code units.

/** The number of code points in `text`; an unpaired surrogate counts as one. */
export function codePointLength(text: string): number {
  let length = text.length
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i)
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--
        i++
      }
    }
  }
  return length
}
