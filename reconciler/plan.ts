// Planning one reconfigure: the difference between the desired state and what the engine reports, as
// an ordered list of steps — deletions (bridges, then interfaces), then creations (bridges, then
// interfaces with a requested or previous ofport before the others), then in-place changes — the order of
// bridge_reconfigure, so that a name being reused is free before it is created again. Pure.

import type { DesiredInterface, DesiredState } from './desired.js'

/** One interface as the engine reports it. */
export interface ObservedInterface {
  readonly name: string
  readonly port: string
  readonly type: string
  readonly ofport: number
  readonly options: Readonly<Record<string, string>>
  readonly mtuRequest: number | undefined
  readonly mac: string | undefined
  readonly tag: number | undefined
}

/** One bridge (datapath + ofproto) as the engine reports it. */
export interface ObservedBridge {
  readonly name: string
  readonly datapathType: string
  readonly interfaces: ReadonlyMap<string, ObservedInterface>
}

/** What the engine holds now, bridges by name. */
export type ObservedState = ReadonlyMap<string, ObservedBridge>

/** The steps, as bridge_reconfigure orders them. */
export type Step =
  | { readonly kind: 'delete-bridge'; readonly bridge: string }
  | { readonly kind: 'delete-interface'; readonly bridge: string; readonly name: string }
  | { readonly kind: 'create-bridge'; readonly bridge: string; readonly datapathType: string }
  | { readonly kind: 'create-interface'; readonly bridge: string; readonly iface: DesiredInterface }
  | { readonly kind: 'change-interface'; readonly bridge: string; readonly iface: DesiredInterface }

/** OFPP_LOCAL: the bridge's own internal interface always has this port number. */
export const OFPP_LOCAL = 65534
/** Automatic port numbers stay within 1..32767; the upper half belongs to controllers. */
export const OFPORT_AUTO_MAX = 32767

/**
 * The steps that turn `observed` into `desired`; empty when the engine already matches. Interfaces in
 * `failing` (whose creation failed) still get a create step but their ofport_request takes no number
 * from another interface, as ofproto records a request only once the device opened.
 */
export function planReconfigure(desired: DesiredState, observed: ObservedState, failing: ReadonlySet<string> = new Set()): Step[] {
  const deletions: Step[] = []
  const creations: Step[] = []
  const changes: Step[] = []
  const wanted = new Map(desired.bridges.map((bridge) => [bridge.name, bridge]))
  for (const bridge of observed.values()) {
    const want = wanted.get(bridge.name)
    if (want === undefined || want.datapathType !== bridge.datapathType) deletions.push({ kind: 'delete-bridge', bridge: bridge.name })
  }
  for (const want of desired.bridges) {
    const have = observed.get(want.name)
    const fresh = have === undefined || have.datapathType !== want.datapathType
    if (fresh) creations.push({ kind: 'create-bridge', bridge: want.name, datapathType: want.datapathType })
    const ifaces = want.ports.flatMap((port) => port.interfaces)
    const names = new Set(ifaces.map((iface) => iface.name))
    if (!fresh) for (const name of have.interfaces.keys()) if (!names.has(name)) deletions.push({ kind: 'delete-interface', bridge: want.name, name })
    const requests = new Map(ifaces.map((iface) => [iface.name, iface.name === want.name ? OFPP_LOCAL : failing.has(iface.name) ? undefined : iface.ofportRequest]))
    const requesters = new Map<number, string[]>()
    for (const [name, request] of requests) if (request !== undefined) requesters.set(request, [...(requesters.get(request) ?? []), name])
    const holders = new Map(fresh ? [] : [...have.interfaces.values()].map((iface) => [iface.ofport, iface.name]))
    const adds: DesiredInterface[] = []
    for (const iface of ifaces) {
      const current = fresh ? undefined : have.interfaces.get(iface.name)
      const recreate = current !== undefined && (needsRecreate(iface, current) || movesToRequest(iface, current, requests, holders) || stolenFrom(iface, current, requests, requesters))
      if (recreate) deletions.push({ kind: 'delete-interface', bridge: want.name, name: iface.name })
      if (current === undefined || recreate) adds.push(iface)
      else if (needsChange(iface, current)) changes.push({ kind: 'change-interface', bridge: want.name, iface })
    }
    adds.sort((a, b) => addOrder(a) - addOrder(b))
    for (const iface of adds) creations.push({ kind: 'create-interface', bridge: want.name, iface })
  }
  return [...deletions, ...creations, ...changes]
}

type Requests = ReadonlyMap<string, number | undefined>

/** Creation order: explicit ofport_request first, then interfaces asking their previous number back, then the rest. */
function addOrder(iface: DesiredInterface): number {
  if (iface.ofportRequest !== undefined) return 0
  return iface.previousOfport !== undefined ? 1 : 2
}

/** A new type or port needs a delete and a create (bridge_delete_or_reconfigure_ports). */
function needsRecreate(iface: DesiredInterface, current: ObservedInterface): boolean {
  return iface.type !== current.type || iface.port !== current.port
}

/** It requests another number that is free or held by an interface that did not request it. */
function movesToRequest(iface: DesiredInterface, current: ObservedInterface, requests: Requests, holders: ReadonlyMap<number, string>): boolean {
  const request = requests.get(iface.name)
  if (request === undefined || request === current.ofport) return false
  const holder = holders.get(request)
  return holder === undefined || requests.get(holder) !== request
}

/** It holds a number it did not request and another interface requests it (the request steals it). */
function stolenFrom(iface: DesiredInterface, current: ObservedInterface, requests: Requests, requesters: ReadonlyMap<number, readonly string[]>): boolean {
  if (requests.get(iface.name) === current.ofport) return false
  return (requesters.get(current.ofport) ?? []).some((name) => name !== iface.name)
}

function needsChange(iface: DesiredInterface, current: ObservedInterface): boolean {
  return !sameRecord(iface.options, current.options) || iface.mtuRequest !== current.mtuRequest || iface.mac !== current.mac || iface.tag !== current.tag
}

function sameRecord(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key])
}
