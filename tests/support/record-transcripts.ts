// Records and checks the engine transcripts against the real ovsdb-server (one command for both):
//   npx tsx tests/support/record-transcripts.ts record [name...]   sources → recordings
//   npx tsx tests/support/record-transcripts.ts check  [name...]   recordings still match
// Sources are tests/transcripts/engine-src/<name>.ts (default export: a Transcript without
// `expected`); recordings are tests/transcripts/engine/<name>.json. `record` runs each source
// RECORD_RUNS times on fresh servers and refuses steps whose normalised reply differs between runs.

import { readdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { missingOvsdbTools } from './real-ovsdb.js'
import { replayLive } from './live-replay.js'
import { sameReply } from './replay.js'
import {
  listTranscripts, loadTranscript, prettyJson, REPO_ROOT, saveTranscript, stepName, TRANSCRIPT_DIR,
  type Transcript,
} from './transcript.js'

const SOURCE_DIR = join(REPO_ROOT, 'tests', 'transcripts', 'engine-src')
const RECORD_RUNS = 3
const MODES = ['record', 'check'] as const

async function main(argv: readonly string[]): Promise<number> {
  const [mode, ...names] = argv
  if (!MODES.includes(mode as (typeof MODES)[number])) {
    console.error(`usage: record-transcripts.ts ${MODES.join('|')} [name...]`)
    return 2
  }
  const missing = missingOvsdbTools()
  if (missing.length > 0) {
    console.error(`cannot ${mode}: ${missing.join(', ')} not installed`)
    return 2
  }
  const wanted = (name: string) => names.length === 0 || names.includes(basename(name).replace(/\.(ts|json)$/, ''))
  let failures = 0
  if (mode === 'record') {
    for (const file of readdirSync(SOURCE_DIR).filter((f) => f.endsWith('.ts')).sort().filter(wanted)) {
      failures += await record(join(SOURCE_DIR, file))
    }
  } else {
    for (const path of listTranscripts().filter(wanted)) failures += await check(path)
  }
  console.log(failures === 0 ? `${mode}: all good` : `${mode}: ${failures} problem(s)`)
  return failures === 0 ? 0 : 1
}

/** Records one source; returns the number of unanswered or nondeterministic steps (0: file written). */
async function record(sourcePath: string): Promise<number> {
  const source = ((await import(pathToFileURL(sourcePath).href)) as { default: Transcript }).default
  const runs = []
  for (let run = 0; run < RECORD_RUNS; run++) runs.push(await replayLive(source))
  let unstable = 0
  for (const [index, step] of runs[0].entries()) {
    if (isExecutorError(step.actual)) {
      unstable++
      console.error(`FAILED ${stepName(sourcePath, index, step.step)}: ${prettyJson(step.actual)}`)
      continue
    }
    const other = runs.find((r) => !sameReply(r[index].actual, step.actual))
    if (other === undefined) continue
    unstable++
    console.error(`UNSTABLE ${stepName(sourcePath, index, step.step)}\n${prettyJson(step.actual)}\nvs\n${prettyJson(other[index].actual)}`)
  }
  const out = join(TRANSCRIPT_DIR, basename(sourcePath).replace(/\.ts$/, '.json'))
  if (unstable === 0) {
    saveTranscript(out, { ...source, steps: runs[0].map((r) => ({ ...r.step, expected: r.actual })) })
    console.log(`recorded ${basename(out)}: ${runs[0].length} transactions`)
  }
  return unstable
}

/** True for the placeholder reply replay() yields when the server could not answer. */
function isExecutorError(reply: unknown): boolean {
  return typeof reply === 'object' && reply !== null && 'executor error' in reply
}

/** Re-runs one recording against the real server; returns the number of mismatching steps. */
async function check(path: string): Promise<number> {
  let mismatches = 0
  for (const { index, step, actual } of await replayLive(loadTranscript(path))) {
    if (sameReply(actual, step.expected)) continue
    mismatches++
    console.error(`MISMATCH ${stepName(path, index, step)}\nrecorded:\n${prettyJson(step.expected)}\nlive:\n${prettyJson(actual)}`)
  }
  console.log(`checked ${basename(path)}: ${mismatches === 0 ? 'ok' : `${mismatches} mismatch(es)`}`)
  return mismatches
}

process.exitCode = await main(process.argv.slice(2))
