// Differential harness for vsctl: runs a scenario's command lines with the real ovs-vsctl and with
// our vsctl (in-process) against two fresh servers, normalising what legitimately differs — UUIDs,
// log timestamps, the program name, hash-ordered output — and dumps each database canonically.

import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { runVsctl } from '../../cli/vsctl/run.js'

/** One command line of a scenario: its words and how its stdout is compared. */
export interface ScenarioLine {
  readonly words: string[]
  /** `blocks`: blank-line separated records in any order; `lines`: lines in any order; `tree`: show's tree. */
  readonly order: 'exact' | 'blocks' | 'lines' | 'tree'
  readonly text: string
}

/** What one command produced, normalised. */
export interface Observation {
  readonly line: string
  readonly stdout: string
  readonly stderr: string
  readonly status: number | string
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g

/** Parses a scenario file: one command line per line; `#` comments; `~blocks`/`~lines`/`~tree` prefixes. */
export function parseScenario(text: string): ScenarioLine[] {
  const lines: ScenarioLine[] = []
  for (const raw of text.split('\n')) {
    const trimmed = raw.trim()
    if (trimmed === '' || trimmed.startsWith('#')) continue
    const match = /^~(blocks|lines|tree)\s+(.*)$/.exec(trimmed)
    const order = (match?.[1] ?? 'exact') as ScenarioLine['order']
    const body = match?.[2] ?? trimmed
    lines.push({ words: shellWords(body), order, text: body })
  }
  return lines
}

/** Splits like a POSIX shell: single quotes, double quotes (with \\ escapes), backslashes. */
export function shellWords(text: string): string[] {
  const words: string[] = []
  let word: string | undefined
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === ' ' || c === '\t') {
      if (word !== undefined) words.push(word)
      word = undefined
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1)
      word = (word ?? '') + text.slice(i + 1, end)
      i = end
    } else if (c === '"') {
      word ??= ''
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\' && '"\\$`'.includes(text[i + 1])) i++
        word += text[i]
      }
    } else if (c === '\\') {
      word = (word ?? '') + text[++i]
    } else {
      word = (word ?? '') + c
    }
  }
  if (word !== undefined) words.push(word)
  return words
}

/** The real ovs-vsctl binary, or undefined. */
export function realVsctl(): string | undefined {
  return ['/usr/bin/ovs-vsctl', '/usr/local/bin/ovs-vsctl'].find((path) => existsSync(path))
}

/** Runs `line` with the real ovs-vsctl against `socket`. */
export function runReal(binary: string, socket: string, line: ScenarioLine): Observation {
  const result = spawnSync(binary, [`--db=unix:${socket}`, '--no-wait', ...line.words], { encoding: 'utf8', timeout: 20000 })
  return normalise(line, result.stdout, result.stderr, result.status ?? result.signal ?? 'killed')
}

/** Runs `line` with our vsctl, in-process, against `socket`. */
export async function runOurs(socket: string, line: ScenarioLine): Promise<Observation> {
  let stdout = ''
  let stderr = ''
  const outcome = await runVsctl([`--db=unix:${socket}`, '--no-wait', ...line.words], {
    stdout: (text) => { stdout += text },
    stderr: (text) => { stderr += text },
    env: {},
  })
  return normalise(line, stdout, stderr, outcome)
}

function normalise(line: ScenarioLine, stdout: string, stderr: string, status: number | string): Observation {
  const out = stdout.replace(UUID, '<uuid>').replace(/>[0-9a-f]{8}<\/a>/g, '><uuid8></a>')
  const err = stderr
    .replace(UUID, '<uuid>')
    .replace(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\|/gm, '<time>|')
    .replace(/^\S*vsctl: /gm, '<prog>: ')
  return { line: line.text, stdout: reorder(out, line.order), stderr: err, status }
}

function reorder(text: string, order: ScenarioLine['order']): string {
  switch (order) {
    case 'exact': return text
    case 'lines': return text.split('\n').sort().join('\n')
    case 'blocks': return text.split('\n\n').map((b) => b.replace(/\n$/, '')).sort().join('\n\n')
    case 'tree': return canonicalTree(text.split('\n').filter((l) => l !== '')).join('\n')
  }
}

/** Sorts sibling subtrees of an indented tree (show output), recursively. */
function canonicalTree(lines: string[]): string[] {
  const indentOf = (line: string): number => line.length - line.trimStart().length
  const top = Math.min(...lines.map(indentOf))
  const groups: string[][] = []
  for (const line of lines) {
    if (indentOf(line) === top || groups.length === 0) groups.push([line])
    else groups[groups.length - 1].push(line)
  }
  return groups.map((g) => [g[0], ...(g.length > 1 ? canonicalTree(g.slice(1)) : [])].join('\n')).sort()
}

/**
 * The database behind `socket`, canonical: each table's rows as labels where every UUID is replaced
 * by a digest of the row it names (refined three times), sorted. Independent of UUID values.
 */
export function canonicalDump(socket: string): Record<string, string[]> {
  const result = spawnSync('ovsdb-client', ['-f', 'json', 'dump', `unix:${socket}`, 'Open_vSwitch'], { encoding: 'utf8' })
  const tables = new Map<string, { headings: string[]; rows: unknown[][] }>()
  for (const line of result.stdout.split('\n').filter((l) => l !== '')) {
    const table = JSON.parse(line) as { caption: string; data: unknown[][]; headings: string[] }
    tables.set(table.caption.replace(/ table$/, ''), { headings: table.headings, rows: table.data })
  }
  let labels = new Map<string, string>()
  for (let round = 0; round < 4; round++) {
    const next = new Map<string, string>()
    for (const [name, { headings, rows }] of tables) {
      for (const row of rows) {
        const uuid = (row[0] as [string, string])[1]
        const body = headings.slice(1).map((h, i) => `${h}=${cellText(row[i + 1], labels)}`)
        next.set(uuid, `${name}:${createHash('sha1').update(body.join(',')).digest('hex').slice(0, 12)}`)
      }
    }
    labels = next
  }
  const dump: Record<string, string[]> = {}
  for (const [name, { headings, rows }] of tables) {
    if (rows.length === 0) continue
    dump[name] = rows.map((row) => headings.slice(1).map((h, i) => `${h}=${cellText(row[i + 1], labels)}`).join(' ')).sort()
  }
  return dump
}

/** A cell's JSON with UUIDs replaced by labels and set/map elements in label order. */
function cellText(value: unknown, labels: ReadonlyMap<string, string>): string {
  const text = JSON.stringify(value).replace(UUID, (u) => labels.get(u) ?? '?')
  const parsed = JSON.parse(text) as unknown
  if (Array.isArray(parsed) && (parsed[0] === 'set' || parsed[0] === 'map') && Array.isArray(parsed[1])) {
    return JSON.stringify([parsed[0], (parsed[1] as unknown[]).map((e) => JSON.stringify(e)).sort()])
  }
  return text
}

/** The text of a scenario file. */
export function readScenario(path: string): string {
  return readFileSync(path, 'utf8')
}

/** switchyard-server's built entry point, when `npm run build` has produced it. */
export const OUR_SERVER = new URL('../../dist/server/main.js', import.meta.url)

/** A private switchyard-server on a Unix socket in a temp directory (same shape as RealOvsdb). */
export async function startOurServer(): Promise<{ socketPath: string; stop(): Promise<void> }> {
  const { mkdtempSync, rmSync } = await import('node:fs')
  const { tmpdir } = await import('node:os')
  const { join } = await import('node:path')
  const { spawn } = await import('node:child_process')
  const { connect } = await import('node:net')
  const dir = mkdtempSync(join(tmpdir(), 'sy-vsctl-'))
  const socketPath = join(dir, 'db.sock')
  const child = spawn(process.execPath, [OUR_SERVER.pathname, '--db', join(dir, 'conf.db'), '--remote', `punix:${socketPath}`, '--http', 'none', `--pidfile=${join(dir, 'pid')}`, '--log-level', 'off'], { stdio: 'ignore' })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  for (let i = 0; i < 500; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(socketPath)
      socket.once('connect', () => { socket.destroy(); resolve(true) })
      socket.once('error', () => resolve(false))
    })
    if (up) break
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return {
    socketPath,
    async stop() {
      if (child.exitCode === null && child.pid !== undefined) {
        process.kill(child.pid, 'SIGTERM')
        await exited
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
