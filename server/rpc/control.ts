// The control socket (OVS unixctl, what `ovs-appctl -t <socket>` speaks): JSON-RPC 1.0 requests
// whose result is the command's text output and whose error is a message. It answers list-commands,
// version, exit, memory/show, vlog/list, vlog/set and the ovsdb-server/ commands compact,
// add-remote, remove-remote, list-remotes and list-dbs, so `switchyard-server ctl` and the real
// ovs-appctl both work.

import { existsSync, unlinkSync } from 'node:fs'
import { createServer, type Socket } from 'node:net'
import { Framer, errorReply, messageFromJson, messageToText, reply, type Request } from '../../protocol/index.js'
import { isDbRemote } from './db-remotes.js'
import { vlogList, vlogSet } from './vlog.js'
import type { LevelledLogger } from './log.js'
import type { StartedServer } from './start.js'

/** Commands the control socket answers, with their argument syntax as list-commands prints it. */
export const CONTROL_COMMANDS = {
  'list-commands': '',
  version: '',
  exit: '',
  'memory/show': '',
  'ovsdb-server/compact': '[DB]...',
  'ovsdb-server/add-remote': 'REMOTE',
  'ovsdb-server/remove-remote': 'REMOTE',
  'ovsdb-server/list-remotes': '',
  'ovsdb-server/list-dbs': '',
  'vlog/list': '',
  'vlog/set': '[SPEC...]',
} as const
type ControlCommand = keyof typeof CONTROL_COMMANDS

/** A command's failure: the message goes back as the reply's error. */
class ControlError extends Error {}

/** What commands act on. */
export interface ControlTarget {
  readonly server: StartedServer
  readonly version: string
  /** Starts a clean shutdown (the `exit` command). */
  readonly exit: () => void
  readonly log: LevelledLogger
}

/** An open control socket. */
export interface Control {
  readonly path: string
  close(): Promise<void>
}

/** Listens on `path` (a leftover file is replaced); rejects on bind errors. */
export async function openControl(path: string, target: ControlTarget): Promise<Control> {
  if (existsSync(path)) unlinkSync(path)
  const server = createServer((socket) => serveControl(socket, target))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(path, () => {
      server.off('error', reject)
      resolve()
    })
  })
  return {
    path,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        if (existsSync(path)) unlinkSync(path)
      }),
  }
}

function serveControl(socket: Socket, target: ControlTarget): void {
  const framer = new Framer({ maxMessageBytes: 1 << 20 })
  socket.on('error', () => socket.destroy())
  socket.on('data', (chunk: Buffer) => {
    try {
      for (const json of framer.push(chunk)) {
        const message = messageFromJson(json)
        if (message.kind === 'request') void answer(socket, message, target)
      }
    } catch (error) {
      target.log.warn('control', `bad control request: ${(error as Error).message}`)
      socket.destroy()
    }
  })
}

async function answer(socket: Socket, request: Request, target: ControlTarget): Promise<void> {
  let text: string
  try {
    const output = await run(request.method, request.params.map(String), target)
    text = messageToText(reply(output, request.id))
  } catch (error) {
    const message = error instanceof ControlError ? error.message : `${request.method} failed: ${String(error)}`
    text = messageToText(errorReply(`${message}\n`, request.id))
  }
  if (!socket.destroyed) socket.write(text)
}

async function run(method: string, args: string[], target: ControlTarget): Promise<string> {
  if (!Object.hasOwn(CONTROL_COMMANDS, method)) throw new ControlError(`"${method}" is not a valid command (use "list-commands" to see a list of valid commands)`)
  const { server } = target
  switch (method as ControlCommand) {
    case 'list-commands':
      return `The available commands are:\n${Object.entries(CONTROL_COMMANDS).map(([name, syntax]) => `  ${name}${syntax === '' ? '' : ` ${syntax}`}\n`).join('')}`
    case 'version':
      return `switchyard-server ${target.version}\n`
    case 'exit':
      setImmediate(target.exit)
      return ''
    case 'memory/show':
      return `${Object.entries(server.rpc.stats).map(([name, value]) => `${name}:${value}`).join(' ')}\n`
    case 'ovsdb-server/compact':
      return compact(server, args)
    case 'ovsdb-server/add-remote':
      if (isDbRemote(oneArgument(args))) return dbRemoteReply(server.dbRemotes.add(args[0]))
      await server.rpc.addRemote(oneArgument(args)).catch((error: Error) => Promise.reject(new ControlError(error.message)))
      return ''
    case 'ovsdb-server/remove-remote':
      if (isDbRemote(oneArgument(args)) && server.dbRemotes.remove(args[0])) return ''
      if (!(await server.rpc.removeRemote(oneArgument(args)).catch(() => false))) throw new ControlError(`${args[0]}: no such remote`)
      return ''
    case 'ovsdb-server/list-remotes':
      return [...server.dbRemotes.list(), ...server.rpc.listRemotes()].sort().map((remote) => `${remote}\n`).join('')
    case 'ovsdb-server/list-dbs':
      return server.databases.map((hosted) => `${hosted.name}\n`).join('')
    case 'vlog/list':
      return vlogList(target.log)
    case 'vlog/set': {
      const error = vlogSet(target.log, args)
      if (error !== null) throw new ControlError(error)
      return ''
    }
  }
}

/** Compacts the named databases (all but `_Server` when none are named); `_Server` cannot be. */
function compact(server: StartedServer, names: string[]): string {
  const all = server.databases.filter((hosted) => !hosted.name.startsWith('_'))
  const chosen = names.length === 0 ? all : names.map((name) => server.databases.find((hosted) => hosted.name === name) ?? name)
  for (const hosted of chosen) {
    if (typeof hosted === 'string') throw new ControlError(`${hosted}: no database by that name`)
    if (hosted.name.startsWith('_')) throw new ControlError('cannot compact built-in databases')
    hosted.storage.compact()
  }
  return ''
}

function oneArgument(args: string[]): string {
  if (args.length !== 1) throw new ControlError(`expected 1 argument, got ${args.length}`)
  return args[0]
}

/** The reply to adding a `db:` remote: empty, or its syntax error. */
function dbRemoteReply(error: string | null): string {
  if (error !== null) throw new ControlError(error)
  return ''
}
