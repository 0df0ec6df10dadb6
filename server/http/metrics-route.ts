// GET /metrics: the server's metrics in Prometheus text format (see prometheus.ts for the families).

import type { FastifyInstance } from 'fastify'
import { serverCounters } from '../metrics.js'
import { renderMetrics } from './prometheus.js'

/** Registers GET /metrics. */
export async function metricsRoute(app: FastifyInstance): Promise<void> {
  app.get('/metrics', async (_request, reply) => {
    const { rpc, databases } = app.switchyard
    const text = renderMetrics({ counters: serverCounters, sessions: rpc.openSessions, databases })
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(text)
  })
}
