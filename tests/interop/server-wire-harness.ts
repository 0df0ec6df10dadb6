// Raw-socket harness for protocol differential tests: the same steps go over N connections to the
// real ovsdb-server and to ours; after each step every connection is synced with an `echo`, and
// what each received in between (replies, notifications, its closing) is the step's observation,
// compared in a canonical form (uuidNormalizer).

import { connect, type Socket } from 'node:net'
import { Framer, messageFromJson } from '../../protocol/index.js'

/**
 * One step: a message sent on connection `on` (default 0), as `raw` bytes when given (e.g. bytes
 * that are not UTF-8; `send` then names its id). `reply: false`: no reply comes now (a blocked
 * wait, a notification).
 */
export interface WireStep {
  readonly on?: number
  readonly send: Record<string, unknown>
  readonly raw?: Buffer
  readonly reply?: boolean
}

/** What each connection received during one step, in order; "closed" when the server hung up. */
export type StepObservation = (unknown[] | 'closed')[]

/** N raw connections to one server. */
export class WireSide {
  private readonly received: unknown[][]
  private readonly closed: boolean[]
  private readonly wakers: (() => void)[] = []
  private syncs = 0

  private constructor(private readonly sockets: Socket[]) {
    this.received = sockets.map(() => [])
    this.closed = sockets.map(() => false)
    sockets.forEach((socket, i) => {
      const framer = new Framer({ maxMessageBytes: 1 << 26 })
      socket.on('data', (chunk: Buffer) => {
        for (const json of framer.push(chunk)) this.received[i].push(json)
        this.wake()
      })
      socket.on('error', () => undefined)
      socket.on('close', () => {
        this.closed[i] = true
        this.wake()
      })
    })
  }

  /** Connects `count` sockets to the Unix socket `path`. */
  static async open(path: string, count: number): Promise<WireSide> {
    const sockets = await Promise.all(
      Array.from({ length: count }, () => new Promise<Socket>((resolve, reject) => {
        const socket = connect(path)
        socket.once('connect', () => resolve(socket))
        socket.once('error', reject)
      })),
    )
    return new WireSide(sockets)
  }

  /** Runs one step; resolves with what every connection received. */
  async run(step: WireStep): Promise<StepObservation> {
    const on = step.on ?? 0
    this.sockets[on].write(step.raw ?? JSON.stringify(step.send))
    if (step.reply !== false && step.send.id !== null && step.send.id !== undefined) {
      const id = JSON.stringify(step.send.id)
      await this.until(() => this.closed[on] || this.received[on].some((m) => isReplyTo(m, id)))
    }
    const observation: StepObservation = []
    for (let i = 0; i < this.sockets.length; i++) observation.push(await this.sync(i))
    return observation
  }

  /** Closes every connection. */
  close(): void {
    for (const socket of this.sockets) socket.destroy()
  }

  private async sync(i: number): Promise<unknown[] | 'closed'> {
    if (!this.closed[i]) {
      const id = `sync-${++this.syncs}`
      this.sockets[i].write(JSON.stringify({ method: 'echo', params: [], id }))
      await this.until(() => this.closed[i] || this.received[i].some((m) => isReplyTo(m, JSON.stringify(id))))
    }
    const messages = this.received[i].splice(0).filter((m) => !(typeof (m as { id?: unknown }).id === 'string' && (m as { id: string }).id.startsWith('sync-')))
    if (this.closed[i]) return messages.length === 0 ? 'closed' : [...messages, 'closed']
    return messages
  }

  private until(done: () => boolean): Promise<void> {
    if (done()) return Promise.resolve()
    return new Promise((resolve) => {
      const check = () => (done() ? resolve() : this.wakers.push(check))
      this.wakers.push(check)
    })
  }

  private wake(): void {
    for (const waker of this.wakers.splice(0)) waker()
  }
}

function isReplyTo(message: unknown, idText: string): boolean {
  const parsed = messageFromJson(message)
  return (parsed.kind === 'reply' || parsed.kind === 'error') && JSON.stringify(parsed.id) === idText
}

/**
 * Canonical text of a transcript: object members sorted (member order carries no meaning in
 * JSON-RPC), elapsed times in "timed out after N ms" masked, and UUIDs replaced by <1>, <2>, ...
 * in order of first appearance over the whole transcript.
 */
export function uuidNormalizer(): (value: unknown) => string {
  const seen = new Map<string, string>()
  return (value) =>
    JSON.stringify(sortMembers(value), null, 1)
      .replace(/timed out after [0-9]+ ms/g, 'timed out after N ms')
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (uuid) => {
        if (!seen.has(uuid)) seen.set(uuid, `<${seen.size + 1}>`)
        return seen.get(uuid)!
      })
}

function sortMembers(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return value.map(sortMembers)
  if (typeof value !== 'object' || value === null) return value
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return Object.fromEntries(entries.map(([key, member]) => [key, sortMembers(member)]))
}
