// An RFC 7047 `monitor` of the Interface table's name, bfd and bfd_status, timestamping each update
// on arrival, so a benchmark can time "the cut was committed" → "bfd_status says down" as any
// monitoring client of the database would see it.

import { BenchClient } from './bench-client.js'

/** What the watch knows of one Interface row. */
export interface IfaceView {
  readonly bfd: Record<string, string>
  readonly bfdStatus: Record<string, string>
}

type Predicate = (rows: ReadonlyMap<string, IfaceView>) => boolean

interface Waiter {
  readonly predicate: Predicate
  resolve(atMs: number): void
}

/** A live view of Interface rows by name; `until` resolves with the arrival time of the update that made a predicate true. */
export class IfaceWatch {
  private readonly byUuid = new Map<string, { name: string } & IfaceView>()
  private readonly waiters = new Set<Waiter>()

  private constructor(private readonly client: BenchClient) {}

  /** Connects to the server at `socketPath` and monitors Interface (initial rows included). */
  static async open(socketPath: string): Promise<IfaceWatch> {
    const client = await BenchClient.connect(socketPath)
    const watch = new IfaceWatch(client)
    client.onNotification = (method, params) => { if (method === 'update') watch.apply(params[1], performance.now()) }
    const initial = await client.call('monitor', ['Open_vSwitch', 'bench-bfd', { Interface: { columns: ['name', 'bfd', 'bfd_status'] } }])
    watch.apply(initial, performance.now())
    return watch
  }

  /** The current rows by interface name. */
  rows(): ReadonlyMap<string, IfaceView> {
    return new Map([...this.byUuid.values()].map((row) => [row.name, row]))
  }

  /** Resolves with performance.now() of the update after which `predicate` holds (at once if it holds now); rejects after `timeoutMs`. */
  until(predicate: Predicate, timeoutMs: number, what: string): Promise<number> {
    if (predicate(this.rows())) return Promise.resolve(performance.now())
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { this.waiters.delete(waiter); reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)) }, timeoutMs)
      const waiter: Waiter = { predicate, resolve: (atMs) => { clearTimeout(timer); resolve(atMs) } }
      this.waiters.add(waiter)
    })
  }

  /** Sets Interface `name`'s bfd column to `bfd` in one transaction; resolves when the reply arrives. */
  async setBfd(name: string, bfd: Record<string, string>): Promise<void> {
    const map = ['map', Object.entries(bfd)]
    await this.client.transact('Open_vSwitch', [{ op: 'update', table: 'Interface', where: [['name', '==', name]], row: { bfd: map } }])
  }

  close(): Promise<void> {
    return this.client.close()
  }

  private apply(updates: unknown, atMs: number): void {
    const table = (updates as { Interface?: Record<string, { new?: Record<string, unknown> }> }).Interface ?? {}
    for (const [uuid, change] of Object.entries(table)) {
      if (change.new === undefined) this.byUuid.delete(uuid)
      else this.byUuid.set(uuid, merged(this.byUuid.get(uuid), change.new))
    }
    const rows = this.rows()
    for (const waiter of [...this.waiters]) {
      if (!waiter.predicate(rows)) continue
      this.waiters.delete(waiter)
      waiter.resolve(atMs)
    }
  }
}

/** A row's view after an update whose `new` may leave out unchanged columns. */
function merged(previous: ({ name: string } & IfaceView) | undefined, row: Record<string, unknown>): { name: string } & IfaceView {
  return {
    name: 'name' in row ? String(row.name) : previous?.name ?? '',
    bfd: 'bfd' in row ? mapOf(row.bfd) : previous?.bfd ?? {},
    bfdStatus: 'bfd_status' in row ? mapOf(row.bfd_status) : previous?.bfdStatus ?? {},
  }
}

/** An OVSDB `["map", [[k, v], ...]]` of strings as a record (anything else: empty). */
function mapOf(datum: unknown): Record<string, string> {
  if (!Array.isArray(datum) || datum[0] !== 'map' || !Array.isArray(datum[1])) return {}
  return Object.fromEntries((datum[1] as [unknown, unknown][]).map(([k, v]) => [String(k), String(v)]))
}
