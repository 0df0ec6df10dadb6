// The public surface of server/http: the fastify app over server/rpc (JSON-RPC 2.0 on POST /jsonrpc
// and /ws, Prometheus /metrics, /healthz, /readyz and the live page), its readiness check, and
// the JSON-RPC 2.0 error mapping.

export { buildHttpApp, startHttp, type HttpOptions, type StartedHttp } from './app.js'
export type { HttpBackend } from './backend.js'
export { checkReadiness, type ReadinessSource } from './readiness.js'
export { RPC2_CODES, SESSION_METHODS } from './errors.js'
export { GUARDED_PATHS } from './auth.js'
export { METRIC_NAMES } from './prometheus.js'
