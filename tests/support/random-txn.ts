// A seeded generator of random transactions on the Refs test schema (tests/fixtures/schemas/
// refs.ovsschema) for the randomized differential test: mostly valid inserts, updates, mutates,
// deletes, selects and waits that exercise strong/weak refs, GC and maxRows, plus a share of
// invalid ones. Rows are named by `<N>` placeholders (resolved per side by UuidNormalizer).

import { byUuid, del, insert, map, mutate, named, select, set, update, wait } from './transcript-dsl.js'
import type { Condition, Json, Op } from './transcript-dsl.js'

/** The schema file (under tests/fixtures/schemas/) the generated transactions target. */
export const RANDOM_SCHEMA = 'refs.ovsschema'

/** mulberry32: a small deterministic PRNG; returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const TABLES = ['Root', 'Kid', 'Leaf', 'Anchor'] as const
const NAMES = ['a', 'b', 'c', 'd', 'e'] as const
const VALUES = ['v1', 'v2', 'v3'] as const
const GHOST = ['uuid', '0badc0de-0000-4000-8000-000000000000'] as const

/**
 * Generates transactions one at a time. `seenUuids` is how many distinct UUIDs the replies have
 * shown so far (placeholders `<0>`..`<seen-1>` name real rows of some table, or rows now gone).
 */
export class TxnGenerator {
  /** Rows inserted earlier in the transaction being generated (for named-uuid refs). */
  private named: { name: string; table: string }[] = []
  /** How many UUIDs the replies have shown so far. */
  private seen = 0
  /** Placeholder numbers of the rows each table held at the last probe. */
  private readonly known = new Map<string, number[]>()

  constructor(private readonly random: () => number) {}

  /** The next transaction's ops (1 to 4 of them). */
  next(seenUuids: number): Op[] {
    this.named = []
    this.seen = seenUuids
    const ops: Op[] = []
    if (this.random() < 0.35) {
      ops.push(this.insertOf('Kid', 0), this.insertOf(this.pick(['Kid', 'Leaf']), 1), this.insertOf(this.pick(['Root', 'Anchor']), 2))
    }
    for (let i = ops.length, count = ops.length + 1 + this.int(3); i < count; i++) ops.push(this.op(i))
    return ops
  }

  /** A read-only transaction selecting every row of every table: sent after each generated one. */
  probe(): Op[] {
    return TABLES.map((table) => select(table, []))
  }

  /** Learns which placeholders name live rows of which table from the normalised probe reply. */
  observeProbe(reply: unknown): void {
    if (!Array.isArray(reply)) return
    TABLES.forEach((table, i) => {
      const rows = (reply[i] as { rows?: { _uuid: [string, string] }[] } | null)?.rows ?? []
      this.known.set(table, rows.map((row) => Number(row._uuid[1].slice(1, -1))))
    })
  }

  private op(index: number): Op {
    const roll = this.random()
    if (roll < 0.3) return this.insertOp(index)
    if (roll < 0.42) return this.updateOp()
    if (roll < 0.54) return this.mutateOp()
    if (roll < 0.66) return this.deleteOp()
    if (roll < 0.8) return this.selectOp()
    if (roll < 0.86) return this.waitOp()
    if (roll < 0.97) return this.invalidOp()
    return this.pick<Op>([{ op: 'comment', comment: 'random' }, { op: 'abort' }, { op: 'commit', durable: false }])
  }

  private insertOp(index: number): Op {
    return this.insertOf(this.pick(['Root', 'Root', 'Kid', 'Kid', 'Leaf', 'Anchor']), index)
  }

  private insertOf(table: string, index: number): Op {
    const name = `n${index}`
    const rows: Record<string, () => Record<string, Json>> = {
      Root: () => ({ name: this.pick(NAMES), kids: this.refs('Kid'), kid: this.refs('Kid', 1), weak: this.refs('Kid'), weak1: this.refs('Kid', 3, 1), byname: map(...this.refs('Kid', 2)[1].map((r): [Json, Json] => [this.pick(NAMES), r])) }),
      Kid: () => ({ n: this.int(5), leaf: this.refs('Leaf', 1), back: this.refs('Root', 1) }),
      Leaf: () => ({ v: this.pick(VALUES), kid: this.refs('Kid', 1), next: this.refs('Leaf', 1) }),
      Anchor: () => ({ leaves: this.refs('Leaf'), must: this.refs('Leaf', 1, 1) }),
    }
    const row = rows[table]()
    this.named.push({ name, table })
    return insert(table, row, name)
  }

  /**
   * A set of up to min..max refs to `table`: rows inserted earlier in this transaction, live rows
   * of `table`, now and then any UUID seen (perhaps another table's or a deleted row) or a UUID
   * that never named a row; fewer when there is nothing to refer to.
   */
  private refs(table: string, max = 3, min = 0): ['set', Json[]] {
    const refs: Json[] = []
    for (let n = min + this.int(max - min + 1); n > 0; n--) {
      const own = this.named.filter((r) => r.table === table)
      const known = this.known.get(table) ?? []
      const roll = this.random()
      if (own.length > 0 && roll < 0.45) refs.push(named(this.pick(own).name))
      else if (known.length > 0 && roll < 0.9) refs.push(['uuid', `<${this.pick(known)}>`])
      else if (this.seen > 0 && roll > 0.96) refs.push(['uuid', `<${this.int(this.seen)}>`])
      else if (roll > 0.98) refs.push([...GHOST])
    }
    return ['set', [...new Map(refs.map((r) => [JSON.stringify(r), r])).values()]]
  }

  private where(table: string): Condition[] {
    const roll = this.random()
    const known = this.known.get(table) ?? []
    if (roll < 0.4 && known.length > 0) return [byUuid(this.pick(known))]
    if (table === 'Root' && roll < 0.7) return [['name', '==', this.pick(NAMES)]]
    if (table === 'Kid' && roll < 0.7) return [['n', this.pick(['==', '<', '>=']), this.int(5)]]
    if (table === 'Leaf' && roll < 0.7) return [['v', '!=', this.pick(VALUES)]]
    return []
  }

  private updateOp(): Op {
    const table = this.pick(['Root', 'Kid', 'Leaf', 'Anchor'])
    const where = this.where(table)
    const rows: Record<string, () => Record<string, Json>> = {
      Root: () => this.pick<Op>([{ kids: this.refs('Kid') }, { kid: this.refs('Kid', 1) }, { weak: this.refs('Kid') }, { name: this.pick(NAMES) }, { peer: this.refs('Root', 1) }]),
      Kid: () => this.pick<Op>([{ n: this.int(5) }, { leaf: this.refs('Leaf', 1) }, { back: this.refs('Root', 1) }]),
      Leaf: () => this.pick<Op>([{ next: this.refs('Leaf', 1) }, { kid: this.refs('Kid', 1) }]),
      Anchor: () => this.pick<Op>([{ leaves: this.refs('Leaf') }, { must: this.refs('Leaf', 1, 1) }]),
    }
    return update(table, where, rows[table]())
  }

  private mutateOp(): Op {
    const table = this.pick(['Root', 'Kid'])
    const where = this.where(table)
    if (table === 'Kid') {
      // `*=` by 0 is left out: ovsdb-server 3.1 dies of SIGFPE on a negative integer times 0.
      const mutator = this.pick(['+=', '-=', '*=', '/=', '%='])
      const arg = mutator === '*=' ? 1 + this.int(3) : this.int(4) - 1
      return mutate(table, where, [['n', mutator, arg]])
    }
    const column = this.pick(['kids', 'weak', 'weak1', 'byname'])
    const refs = this.refs('Kid', 2)
    const arg = column === 'byname' && this.random() < 0.5 ? set(...NAMES.slice(0, 2)) : refs
    return mutate(table, where, [[column, this.pick(['insert', 'delete']), column === 'byname' && arg === refs ? map(...refs[1].map((r): [Json, Json] => [this.pick(NAMES), r])) : arg]])
  }

  private deleteOp(): Op {
    const table = this.pick(['Root', 'Kid', 'Leaf', 'Anchor'])
    return del(table, this.where(table))
  }

  private selectOp(): Op {
    const table = this.pick(['Root', 'Kid', 'Leaf', 'Anchor'])
    const columns: Record<string, string[]> = {
      Root: ['name', 'kid', 'kids', 'weak', 'weak1', 'byname', 'peer'], Kid: ['n', 'leaf', 'back'], Leaf: ['v', 'kid', 'next'], Anchor: ['leaves', 'must'],
    }
    return select(table, this.where(table), this.random() < 0.3 ? undefined : ['_uuid', ...columns[table]])
  }

  private waitOp(): Op {
    const where = this.where('Kid')
    return wait('Kid', where, ['n'], this.pick(['==', '!=']), this.random() < 0.5 ? [] : [{ n: this.int(5) }])
  }

  private invalidOp(): Op {
    return this.pick<Op>([
      insert('Root', { name: 5 }),
      insert('Root', { nope: 1 }),
      insert('Nowhere', {}),
      update('Kid', this.where('Kid'), { n: 'x' }),
      mutate('Kid', this.where('Kid'), [['n', '/=', 0]]),
      mutate('Root', [], [['name', '+=', 1]]),
      select('Leaf', [['v', '<', 'x']]),
      { op: 'frob', table: 'Root' },
      insert('Kid', { n: 1, leaf: [...GHOST] }),
      insert('Root', { name: 'g', weak1: set([...GHOST]) }),
    ])
  }

  private int(n: number): number {
    return Math.floor(this.random() * n)
  }

  private pick<T>(choices: readonly T[]): T {
    return choices[this.int(choices.length)]
  }
}
