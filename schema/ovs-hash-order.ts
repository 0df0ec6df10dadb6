// The order in which Open vSwitch walks a table keyed by strings (lib/shash.c over lib/hmap.c),
// and so the order of an object's members in the JSON it writes: lib/json.c serialises an object
// by walking its table. A key hashes as hash_string(key, 0) (lib/hash.c: MurmurHash3 rounds over
// its UTF-8 bytes four at a time, little-endian; Debian's x86-64 build lacks the SSE4.2 variant).
// An insert goes to the head of its bucket's chain; once the count exceeds twice the buckets, the
// bucket array grows and the chains are re-inserted bucket by bucket, which reverses keys that
// land together again. So the order depends on the keys and on the order they were inserted in.

function rotate(value: number, bits: number): number {
  return ((value << bits) | (value >>> (32 - bits))) >>> 0
}

function addWord(hash: number, word: number): number {
  let mixed = hash
  if (word !== 0) {
    let data = Math.imul(word, 0xcc9e2d51)
    data = Math.imul(rotate(data >>> 0, 15), 0x1b873593)
    mixed = (hash ^ data) >>> 0
  }
  return (Math.imul(rotate(mixed, 13), 5) + 0xe6546b64) >>> 0
}

function finish(hash: number, length: number): number {
  let h = (hash ^ length) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/** Open vSwitch's hash_string(key, 0). */
function ovsStringHash(key: string): number {
  const bytes = Buffer.from(key, 'utf8')
  let hash = 0
  let i = 0
  for (; i + 4 <= bytes.length; i += 4) hash = addWord(hash, bytes.readUInt32LE(i))
  if (i < bytes.length) {
    let tail = 0
    for (let k = bytes.length - 1; k >= i; k--) tail = (tail << 8) | bytes[k]
    hash = addWord(hash, tail >>> 0)
  }
  return finish(hash, bytes.length)
}

/** The bucket mask hmap gives `count` entries (lib/hmap.c calc_mask). */
function bucketMask(count: number): number {
  let mask = count >>> 1
  for (const shift of [1, 2, 4, 8, 16]) mask |= mask >>> shift
  return mask | ((mask & 1) << 1)
}

interface Entry {
  readonly key: string
  readonly hash: number
}

/** The order Open vSwitch walks a table into which `keys` (distinct) were inserted in this order. */
export function ovsTableOrder(keys: readonly string[]): string[] {
  let buckets: Entry[][] = [[]]
  let mask = 0
  keys.forEach((key, index) => {
    const entry = { key, hash: ovsStringHash(key) }
    buckets[entry.hash & mask].unshift(entry)
    const count = index + 1
    if (count >>> 1 <= mask || bucketMask(count) <= mask) return
    mask = bucketMask(count)
    const grown: Entry[][] = Array.from({ length: mask + 1 }, () => [])
    for (const chain of buckets) for (const moved of chain) grown[moved.hash & mask].unshift(moved)
    buckets = grown
  })
  return buckets.flat().map((entry) => entry.key)
}

/** The order ovsdb-server walks the tables of a schema it read from JSON whose `tables` members came in `order`. */
export function tablesAsRead(order: readonly string[]): string[] {
  return ovsTableOrder(ovsTableOrder(order))
}

/** The same for a table's columns: ovsdb-server holds `_uuid` and `_version` before the JSON's `columns` members. */
export function columnsAsRead(order: readonly string[]): string[] {
  return ovsTableOrder(['_uuid', '_version', ...ovsTableOrder(order)])
}
