#!/usr/bin/env node
// `npm test`: runs the tap suite (arguments pass through to tap) and ends with one plain line,
// "tests: N passed, N failed, N skipped", that CI and humans can read at a glance. Exit status is tap's.
import { spawn } from 'node:child_process'

const tap = spawn('npx', ['tap', ...process.argv.slice(2)], { stdio: ['inherit', 'pipe', 'inherit'] })
let tail = ''
tap.stdout.on('data', (chunk) => {
  process.stdout.write(chunk)
  tail = (tail + chunk.toString('utf8')).slice(-4096)
})
tap.on('close', (code, signal) => {
  const summary = /#\s*\{\s*total:\s*(\d+)([^}]*)\}/.exec(tail)
  const count = (name) => Number(new RegExp(`${name}:\\s*(\\d+)`).exec(summary?.[2] ?? '')?.[1] ?? 0)
  if (summary) {
    const failed = count('fail')
    const skipped = count('skip') + count('todo')
    console.log(`\ntests: ${count('pass')} passed, ${failed} failed, ${skipped} skipped`)
  } else {
    console.log(`\ntests: tap ended without a summary (exit ${code ?? signal})`)
  }
  process.exit(code ?? 1)
})
