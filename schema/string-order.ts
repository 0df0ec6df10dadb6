// String order as ovsdb-server sees it: byte order of UTF-8 (strcmp), which equals Unicode code
// point order. JavaScript's `<` compares UTF-16 code units, which differs once a surrogate pair
// meets a character in U+E000..U+FFFF, so the first differing unit is remapped before comparing.

/** Negative, zero or positive as `a` sorts before, equal to or after `b` in UTF-8 byte order. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x !== y) return codePointRank(x) - codePointRank(y)
  }
  return a.length - b.length
}

/** Maps a UTF-16 unit so that surrogates (code points >= U+10000) rank above U+E000..U+FFFF. */
function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit
  return unit < 0xe000 ? unit + 0x2000 : unit - 0x800
}
