// What the HTTP plugins see of the server, given to them with fastify's `decorate` as
// `app.switchyard`: the rpc server (Sessions for channels, open sessions for metrics), the hosted
// databases (rows and history for metrics) and the readiness check behind /readyz.

import type { HostedDb } from '../rpc/hosted-db.js'
import type { Session } from '../rpc/session.js'
import type { SessionHost } from './channel.js'

/** The rpc side the plugins adapt. */
export interface HttpBackend {
  readonly rpc: SessionHost & { readonly openSessions: ReadonlySet<Session> }
  /** Hosted databases, `_Server` last. */
  readonly databases: readonly HostedDb[]
  /** Why the server is not ready to serve (empty: ready). */
  readiness(): string[]
}

declare module 'fastify' {
  interface FastifyInstance {
    switchyard: HttpBackend
  }
}
