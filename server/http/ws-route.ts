// GET /ws: a WebSocket carrying JSON-RPC 2.0 text frames, one rpc Session per socket with the full
// session semantics of the stream (monitors of every version with their notifications, locks,
// cancel). A send is done once ws has flushed it, so a slow reader meets the session's backlog cap.

import type { WebSocket } from '@fastify/websocket'
import type { FastifyInstance } from 'fastify'
import { Rpc2Channel } from './channel.js'

/** Registers GET /ws (needs @fastify/websocket registered on the app). */
export async function wsRoute(app: FastifyInstance): Promise<void> {
  app.get('/ws', { websocket: true }, (socket: WebSocket, request) => {
    const channel = new Rpc2Channel(app.switchyard.rpc, {
      name: `ws:${request.ip}:${request.socket.remotePort ?? 0}`,
      send: (text, done) => socket.send(text, () => done()),
      closed: () => socket.close(),
    })
    socket.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
      if (!isBinary) channel.receive(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8'))
    })
    socket.on('close', () => channel.close())
  })
}
