// GET / (the live page) and GET /app.js (its script): static files shipped in server/http/public,
// no build step. The script speaks JSON-RPC 2.0 over /ws with monitor_cond and renders what
// `ovs-vsctl show` shows, updated as the database changes.

import { readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import { packagePath } from '../rpc/package-path.js'

/** The page's files: URL path → file name under server/http/public and its content type. */
const FILES = [
  { path: '/', file: 'index.html', type: 'text/html; charset=utf-8' },
  { path: '/app.js', file: 'app.js', type: 'text/javascript; charset=utf-8' },
] as const

/** Registers the page routes; the files are read once, here. */
export async function pageRoutes(app: FastifyInstance): Promise<void> {
  for (const { path, file, type } of FILES) {
    const body = readFileSync(packagePath('server', 'http', 'public', file))
    app.get(path, async (_request, reply) => reply.type(type).header('cache-control', 'no-cache').send(body))
  }
}
