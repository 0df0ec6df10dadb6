// What a BFD session needs from its surroundings (clock, randomness, transmit path, counters, logs)
// and the status values it reports; session.ts is the session itself.

import type { BfdState } from './packet.js'

/** Time source and one-shot timers, in milliseconds (a virtual clock in tests). */
export interface BfdClock {
  now(): number
  /** Calls `callback` once at time `at` (or at once if past); returns a canceller. */
  setTimer(at: number, callback: () => void): () => void
}

/** What a session needs from its surroundings. */
export interface BfdSessionDeps {
  /** Interface name, used in log lines. */
  readonly name: string
  readonly clock: BfdClock
  /** Uniform random unsigned 32-bit integers (transmit jitter). */
  readonly random: () => number
  /** bfd.LocalDiscr: non-zero, unique on this system (see BfdRegistry). */
  readonly discriminator: number
  /** UDP source port for all of this session's packets, 49152..65535. */
  readonly udpSrc: number
  /** The interface's current MAC (Ethernet source unless bfd_local_src_mac is set). */
  readonly hwAddr: () => string
  /** Sends one frame out of the interface; `oam` asks for the tunnel OAM bit. */
  readonly transmit: (frame: Uint8Array, oam: boolean) => void
  /** The interface's rx_packets counter (for decay_min_rx); absent = 0. */
  readonly rxPackets?: () => number
  /** Called whenever bfd_status may have changed (ovs-vswitchd's connectivity seq). */
  readonly onStatusChange?: () => void
  /** Log sink for state changes and dropped packets, worded as lib/bfd.c. */
  readonly log?: (level: 'info' | 'warn', text: string) => void
}

/** Frame metadata from the datapath: the tunnel key the frame arrived with (0 when not tunnelled). */
export interface ReceiveMeta {
  readonly tunnelKey?: bigint
}

/** The values bfd_status is made of (status.ts renders them). */
export interface BfdSessionStatus {
  readonly forwarding: boolean
  readonly state: BfdState
  readonly remoteState: BfdState
  readonly diagnostic: string
  readonly remoteDiagnostic: string
  readonly flapCount: number
}
