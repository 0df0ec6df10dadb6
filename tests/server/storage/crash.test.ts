// The crash test: a child process (crash-child.ts) commits concurrent transactions and prints each
// acknowledged one; it is killed with SIGKILL at a random moment, the store is reopened, and every
// acknowledged transaction must be there (its history row and its rows) with no partial one
// anywhere. CI runs 10 cycles; run longer by hand with
//   SWITCHYARD_CRASH_CYCLES=500 npx tap --disable-coverage tests/server/storage/crash.test.ts

import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import BetterSqlite3 from 'better-sqlite3'
import { databaseSchemaFromJson } from '../../../schema/index.js'
import { openSqliteStore } from '../../../server/storage/index.js'
import { CRASH_SCHEMA_JSON } from './crash-child.js'
import { tempDir } from './helpers.js'

const CYCLES = Number(process.env.SWITCHYARD_CRASH_CYCLES ?? 10)
/** A fresh store every this many cycles keeps long runs from reloading an ever larger file. */
const CYCLES_PER_FILE = 20
const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url))

interface Acks {
  readonly txnIds: string[]
  readonly tags: string[]
}

/** Starts the child on `path`, kills it with SIGKILL a random while after it is ready; resolves with its acks. */
function runAndKill(path: string, seed: string): Promise<Acks> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, path, seed], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => {
      const first = out === ''
      out += chunk.toString()
      if (first) setTimeout(() => child.kill('SIGKILL'), 20 + Math.random() * 1500)
    })
    child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString() })
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`crash child exited by itself (${code}): ${err}`))
      const lines = out.split('\n').slice(0, -1).filter((line) => line.startsWith('ack '))
      resolve({ txnIds: lines.map((line) => line.split(' ')[1]), tags: lines.map((line) => line.split(' ')[2]) })
    })
  })
}

/** Problems found in the reopened store: lost acknowledged transactions and partial ones. */
function check(path: string, acked: Acks): { lost: string[]; partial: string[] } {
  const store = openSqliteStore(path, databaseSchemaFromJson(CRASH_SCHEMA_JSON))
  const halves = new Map<string, string[]>()
  for (const row of store.db.tables.get('Half')!.rows.values()) {
    const tag = row.fields.tag.keys[0] as string
    halves.set(tag, [...(halves.get(tag) ?? []), row.fields.side.keys[0] as string])
  }
  const tombstones = new Set([...store.db.tables.get('Tombstone')!.rows.values()].map((row) => row.fields.tag.keys[0] as string))
  const [counter] = store.db.tables.get('Counter')!.rows.values()
  store.storage.close()
  const file = new BetterSqlite3(path, { readonly: true })
  const stored = new Set((file.prepare('SELECT txn_id FROM history').raw().all() as [string][]).map(([id]) => id))
  file.close()
  const partial = [...halves].filter(([tag, sides]) => sides.sort().join() !== 'a,b' || tombstones.has(tag)).map(([tag]) => `pair ${tag}`)
  if (counter !== undefined && counter.fields.pairs.keys[0] !== halves.size + tombstones.size) {
    partial.push(`counter ${String(counter.fields.pairs.keys[0])} != ${halves.size} pairs + ${tombstones.size} tombstones`)
  }
  const lost = acked.txnIds.filter((id) => !stored.has(id)).map((id) => `txn ${id}`)
  for (const tag of acked.tags) if (tag !== 'counter' && !halves.has(tag) && !tombstones.has(tag)) lost.push(`tag ${tag}`)
  return { lost, partial }
}

t.test(`kill -9 at random moments under concurrent writes loses no acknowledged transaction and leaves no partial one (${CYCLES} cycles)`, async (t) => {
  const dir = tempDir(t)
  let acknowledged = 0
  let lost = 0
  let partial = 0
  let path = ''
  for (let cycle = 0; cycle < CYCLES; cycle++) {
    if (cycle % CYCLES_PER_FILE === 0) path = join(dir, `crash-${cycle}.sqlite`)
    const acks = await runAndKill(path, `c${cycle}`)
    const found = check(path, acks)
    acknowledged += acks.txnIds.length
    lost += found.lost.length
    partial += found.partial.length
    if (found.lost.length + found.partial.length > 0) t.comment(`cycle ${cycle}: ${[...found.lost, ...found.partial].slice(0, 5).join('; ')}`)
  }
  t.comment(`crash test: ${CYCLES} cycles run, ${acknowledged} acknowledged transactions, ${lost} losses found, ${partial} partial transactions found`)
  t.ok(acknowledged > 0, 'the child acknowledged transactions before it was killed')
  t.equal(lost, 0, 'no acknowledged transaction lost')
  t.equal(partial, 0, 'no partial transaction')
})
