// Golden transaction transcripts (tests/transcripts/engine/*.json): a schema fixture and an
// ordered list of transactions (the ops after the database name), each with the reply recorded
// from the real ovsdb-server, normalised (see normalize.ts). Files are written one step per line
// so that re-recording shows up as a readable diff.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { jsonToText } from '../../schema/index.js'
import { parseJsonExact } from '../../protocol/index.js'

/** The repository root (tests/support/ is two levels down). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
/** Where recorded transcripts live. */
export const TRANSCRIPT_DIR = join(REPO_ROOT, 'tests', 'transcripts', 'engine')
/** Where schema fixtures live; a transcript names its schema relative to this folder. */
export const SCHEMA_DIR = join(REPO_ROOT, 'tests', 'fixtures', 'schemas')

/** One transaction and, once recorded, ovsdb-server's normalised result array. */
export interface TranscriptStep {
  /** What the step checks, in a few words (shown in test names). */
  readonly note?: string
  /** The transact params after the database name; may hold `<N>` UUID placeholders. */
  readonly ops: readonly unknown[]
  readonly expected?: unknown
}

/** A transcript: steps run in order against one fresh database of `schema`. */
export interface Transcript {
  /** File name of the schema under tests/fixtures/schemas/. */
  readonly schema: string
  readonly description: string
  readonly steps: readonly TranscriptStep[]
}

/** Every recorded transcript file, sorted by name. */
export function listTranscripts(dir = TRANSCRIPT_DIR): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.json')).sort().map((name) => join(dir, name))
}

/** Reads a transcript file (integers beyond 2^53 stay exact). */
export function loadTranscript(path: string): Transcript {
  return parseJsonExact(readFileSync(path, 'utf8')) as Transcript
}

/** The schema file's JSON text and database name for a transcript. */
export function transcriptSchema(transcript: Transcript): { path: string; json: unknown; name: string } {
  const path = join(SCHEMA_DIR, transcript.schema)
  const json = parseJsonExact(readFileSync(path, 'utf8')) as { name: string }
  return { path, json, name: json.name }
}

/** Writes a transcript, one member per line and one step per line group. */
export function saveTranscript(path: string, transcript: Transcript): void {
  const steps = transcript.steps.map((step) => {
    const lines = []
    if (step.note !== undefined) lines.push(`"note": ${jsonToText(step.note)}`)
    lines.push(`"ops": ${jsonToText(step.ops)}`)
    if (step.expected !== undefined) lines.push(`"expected": ${jsonToText(step.expected)}`)
    return `    {\n      ${lines.join(',\n      ')}\n    }`
  })
  const text = `{\n  "schema": ${jsonToText(transcript.schema)},\n  "description": ${jsonToText(transcript.description)},\n` +
    `  "steps": [\n${steps.join(',\n')}\n  ]\n}\n`
  writeFileSync(path, text)
}

/** A test name for step `index` of the transcript at `path`: file, index, first op and note. */
export function stepName(path: string, index: number, step: TranscriptStep): string {
  const first = step.ops[0] as { op?: unknown } | undefined
  const op = typeof first === 'object' && first !== null && typeof first.op === 'string' ? first.op : jsonToText(first)
  return `${basename(path)} #${index} ${op}${step.ops.length > 1 ? `+${step.ops.length - 1}` : ''}` +
    (step.note !== undefined ? `: ${step.note}` : '')
}

/** Multi-line JSON text of a normalised value, for readable diffs in test failures. */
export function prettyJson(value: unknown, indent = ''): string {
  const flat = jsonToText(value)
  if (flat.length <= 72) return flat
  if (Array.isArray(value)) {
    const inner = indent + '  '
    return `[\n${value.map((e) => inner + prettyJson(e, inner)).join(',\n')}\n${indent}]`
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
    const inner = indent + '  '
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${prettyJson(v, inner)}`).join(',\n')}\n${indent}}`
  }
  return flat
}
