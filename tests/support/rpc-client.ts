// A minimal JSON-RPC 1.0 client for tests (RFC 7047 §4) over a Unix or TCP socket: client/rpc.ts's
// session (replies matched by id, `echo` answered so TCP inactivity probes never drop it,
// notifications ignored), with error replies returned as values for tests to compare.

import { connect, type Socket } from 'node:net'
import { jsonToText } from '../../schema/index.js'
import { RpcError, RpcSession } from '../../client/rpc.js'

/** Where to connect: a Unix socket path or a TCP host and port. */
export type RpcAddress = string | { readonly host: string; readonly port: number }

/** The answer to a request: its result, or the reply's `error` member. */
export type RpcOutcome = { readonly result: unknown } | { readonly error: unknown }

/** One connection; requests may be pipelined (client/rpc.ts's RpcSession, with error replies as values). */
export class RpcClient {
  private constructor(private readonly socket: Socket, private readonly session: RpcSession) {}

  /** Connects to `address`; rejects with the socket error. */
  static connect(address: RpcAddress): Promise<RpcClient> {
    return new Promise((resolve, reject) => {
      const socket = typeof address === 'string' ? connect(address) : connect(address.port, address.host)
      socket.once('error', reject)
      socket.once('connect', () => {
        socket.off('error', reject)
        resolve(new RpcClient(socket, new RpcSession(socket)))
      })
    })
  }

  /** Sends a request and resolves with its result or error; rejects if the connection drops. */
  async call(method: string, params: readonly unknown[]): Promise<RpcOutcome> {
    try {
      return { result: await this.session.request(method, params) }
    } catch (error) {
      if (error instanceof RpcError) return { error: error.error }
      throw error
    }
  }

  /** `transact` on `db`: resolves with the result array; rejects when the reply carries an error. */
  async transact(db: string, ops: readonly unknown[]): Promise<unknown[]> {
    const outcome = await this.call('transact', [db, ...ops])
    if ('error' in outcome) throw new Error(`transact failed: ${jsonToText(outcome.error)}`)
    return outcome.result as unknown[]
  }

  /** Closes the connection; pending requests reject. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.destroyed) return resolve()
      this.socket.once('close', () => resolve())
      this.socket.end()
    })
  }
}
