// POST /jsonrpc: one JSON-RPC 2.0 request, notification or batch per HTTP request, run by a
// short-lived rpc Session (same engine and errors as the stream, mapped as errors.ts says).
// Methods that need a lasting session (monitors, locks) are refused here: they live on /ws.
// An all-notification body is answered 204 No Content.

import type { FastifyInstance } from 'fastify'
import { Rpc2Channel } from './channel.js'
import { SESSION_METHODS } from './errors.js'

/**
 * Registers POST /jsonrpc. Only `application/json` bodies (a content type browsers must preflight,
 * so no page elsewhere can post one unasked); read as text so 64-bit integers stay exact.
 */
export async function jsonrpcRoute(app: FastifyInstance): Promise<void> {
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body))
  app.post('/jsonrpc', async (request, reply) => {
    let channel: Rpc2Channel | undefined
    const answer = await new Promise<string | null>((resolve) => {
      channel = new Rpc2Channel(app.switchyard.rpc, {
        name: `http:${request.ip}:${request.socket.remotePort ?? 0}`,
        refused: SESSION_METHODS,
        send: (text, done) => {
          done()
          resolve(text)
        },
        closed: () => resolve(null),
      })
      reply.raw.once('close', () => channel?.close())
      if (!channel.receive(String(request.body ?? ''))) resolve(null)
    })
    channel?.close()
    if (answer === null) return reply.code(204).send()
    return reply.type('application/json').send(answer)
  })
}
