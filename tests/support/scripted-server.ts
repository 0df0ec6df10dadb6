// A scripted JSON-RPC peer on a Unix socket for client tests: each request is answered by the test's
// function, whose text (any number of messages, written in ONE write) goes back as is. That lets a
// test put a reply and the notification right behind it into a single read on the client's side.

import type { Test } from 'tap'
import { mkdtempSync, rmSync } from 'node:fs'
import { connect, createServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A request as the scripted server received it. */
export interface ScriptedRequest {
  readonly method: string
  readonly params: unknown[]
  readonly id: unknown
}

/** Starts the server (closed at teardown) and resolves with a client socket connected to it. */
export async function connectToScript(t: Test, answer: (request: ScriptedRequest) => string): Promise<Socket> {
  const client = connect(await startScript(t, answer))
  await new Promise<void>((resolve, reject) => client.once('connect', resolve).once('error', reject))
  t.teardown(() => void client.destroy())
  return client
}

/** Starts the server (closed at teardown) and resolves with the path of its socket. */
export async function startScript(t: Test, answer: (request: ScriptedRequest) => string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'sy-scripted-'))
  const path = join(dir, 'peer.sock')
  const sockets: Socket[] = []
  const server = createServer((socket) => {
    sockets.push(socket)
    let buffered = ''
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8')
      // The clients under test send one compact request per write and wait for its reply.
      const request = JSON.parse(buffered) as ScriptedRequest
      buffered = ''
      socket.write(answer(request))
    })
  })
  await new Promise<void>((resolve) => server.listen(path, () => resolve()))
  t.teardown(async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    rmSync(dir, { recursive: true, force: true })
  })
  return path
}

/** A reply's text. */
export function replyText(id: unknown, result: unknown): string {
  return JSON.stringify({ id, result, error: null })
}

/** A notification's text. */
export function notificationText(method: string, params: unknown[]): string {
  return JSON.stringify({ id: null, method, params })
}
