// GET /healthz (the process answers) and GET /readyz (storage open and writable, every remote up:
// 200 `{"status":"ready"}`, else 503 with the reasons). Neither needs the bearer token, so
// container health checks can call them.

import type { FastifyInstance } from 'fastify'

/** Registers /healthz and /readyz. */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/healthz', async () => ({ status: 'ok' }))
  app.get('/readyz', async (_request, reply) => {
    const problems = app.switchyard.readiness()
    if (problems.length === 0) return { status: 'ready' }
    return reply.code(503).send({ status: 'not ready', problems })
  })
}
