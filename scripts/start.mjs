#!/usr/bin/env node
// `npm start`: the server and the reconciler together on the embedded defaults (SQLite file and
// Unix socket under ./data/, ptcp:6640:127.0.0.1, HTTP on 127.0.0.1:8080, the sim engine).
// Arguments go to the server. SIGINT/SIGTERM stop both; if either exits, the other is stopped too.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const socket = join('data', 'db.sock')
mkdirSync('data', { recursive: true })

const server = spawn(process.execPath, [join(root, 'dist/server/main.js'), ...process.argv.slice(2)], { stdio: 'inherit' })
let reconciler = null
let stopping = false

function stop(code) {
  if (stopping) return
  stopping = true
  for (const child of [reconciler, server]) if (child && child.exitCode === null) child.kill('SIGTERM')
  process.exitCode = code
}

server.on('exit', (code) => stop(code ?? 1))
process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))

const waitForSocket = setInterval(() => {
  if (stopping) return clearInterval(waitForSocket)
  if (!existsSync(socket)) return
  clearInterval(waitForSocket)
  reconciler = spawn(process.execPath, [join(root, 'dist/reconciler/main.js'), `unix:${socket}`], { stdio: 'inherit' })
  reconciler.on('exit', (code) => stop(code ?? 1))
}, 50)
