#!/usr/bin/env node
// `vsctl`: the ovs-vsctl drop-in. Runs one invocation (cli/vsctl/run.ts) and turns its outcome into
// the process's: the exit status, or death by SIGALRM when --timeout expires, as ovs-vsctl dies.

import { runVsctl } from './vsctl/run.js'

const outcome = await runVsctl(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  program: 'vsctl',
})
if (outcome === 'SIGALRM') {
  process.kill(process.pid, 'SIGALRM')
} else {
  process.exitCode = outcome
}
