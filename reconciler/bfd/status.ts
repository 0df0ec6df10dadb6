// Interface:bfd_status as ovs-vswitchd writes it (bfd_get_status, lib/bfd.c): six string keys, or an
// empty map when BFD is disabled on the interface.

import type { BfdSession } from './session.js'

/** The keys of bfd_status, in the order ovs-vsctl prints them (OVSDB maps sort by key). */
export const BFD_STATUS_KEYS = ['diagnostic', 'flap_count', 'forwarding', 'remote_diagnostic', 'remote_state', 'state'] as const
export type BfdStatusKey = (typeof BFD_STATUS_KEYS)[number]

/** bfd_status as a string map; `{}` for an interface without a session. */
export type BfdStatusMap = Partial<Record<BfdStatusKey, string>>

/** Renders a session's bfd_status column value, or `{}` when `session` is undefined (BFD disabled). */
export function bfdStatusMap(session: BfdSession | undefined): BfdStatusMap {
  if (!session) return {}
  const s = session.status()
  return {
    diagnostic: s.diagnostic,
    flap_count: String(s.flapCount),
    forwarding: String(s.forwarding),
    remote_diagnostic: s.remoteDiagnostic,
    remote_state: s.remoteState,
    state: s.state,
  }
}
