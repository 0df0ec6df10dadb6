// `switchyard-server ctl [--target SOCKET] COMMAND [ARG...]`: sends one command to a running
// server's control socket (control.ts) and prints its output, as `ovs-appctl -t SOCKET` does.
// Exit status: 0 on success, 2 when the server reports an error, 1 when it cannot be reached.

import { connect } from 'node:net'
import { Framer, messageFromJson, messageToText, request } from '../../protocol/index.js'
import { DEFAULT_CONTROL_PATH } from './args.js'

/** Usage of the ctl subcommand. */
export const CTL_USAGE = `usage: switchyard-server ctl [--target SOCKET] COMMAND [ARG...]
Sends COMMAND to a running switchyard-server (default socket ${DEFAULT_CONTROL_PATH}).
"switchyard-server ctl list-commands" lists the commands.`

/** Runs the ctl subcommand with `argv` (after "ctl"); resolves with the exit status. */
export async function runCtl(argv: readonly string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  let target = DEFAULT_CONTROL_PATH
  let rest = [...argv]
  const option = rest[0]?.match(/^(?:--target|-t)(?:=(.*))?$/)
  if (option) {
    target = option[1] ?? rest[1]
    rest = rest.slice(option[1] === undefined ? 2 : 1)
  }
  if (target === undefined || target === '' || rest.length === 0 || rest[0].startsWith('-')) {
    err(`${CTL_USAGE}\n`)
    return 1
  }
  try {
    const answer = await call(target, rest[0], rest.slice(1))
    if ('error' in answer) {
      err(String(answer.error))
      return 2
    }
    out(String(answer.result))
    return 0
  } catch (error) {
    err(`switchyard-server ctl: cannot talk to ${target}: ${(error as Error).message}\n`)
    return 1
  }
}

function call(path: string, method: string, params: string[]): Promise<{ result: unknown } | { error: unknown }> {
  return new Promise((resolve, reject) => {
    const socket = connect(path)
    const framer = new Framer({ maxMessageBytes: 1 << 26 })
    socket.once('error', reject)
    socket.once('close', () => reject(new Error('connection closed without a reply')))
    socket.once('connect', () => socket.write(messageToText(request(method, params, 0))))
    socket.on('data', (chunk: Buffer) => {
      for (const json of framer.push(chunk)) {
        const message = messageFromJson(json)
        if (message.kind === 'reply') resolve({ result: message.result })
        else if (message.kind === 'error') resolve({ error: message.error })
        else continue
        socket.destroy()
      }
    })
  })
}
