// Applying a plan (bridge_reconfigure): deletions, creations, changes, one step at a time, each safe
// to repeat. A failed step is recorded for its interface (Interface:error text, ofport -1) and retried
// with backoff through the RetryTracker; it never stops the pass. The result gives every configured
// interface its ofport and error as the status write-back needs them.

import type { DesiredInterface, DesiredState } from './desired.js'
import { DriverError, type SwitchDriver } from './driver.js'
import type { ReconcilerLog } from './log.js'
import { reconcilerCounters } from './metrics.js'
import { planReconfigure, type ObservedState, type Step } from './plan.js'
import type { RetryTracker } from './retry.js'

/** What a pass leaves an interface with: its port number (-1 when it could not be created) and error. */
export interface InterfaceOutcome {
  readonly ofport: number
  readonly error: string | undefined
}

/** The outcome of one reconfigure. */
export interface ReconfigureResult {
  /** The steps planned (applied, failed or waiting for their retry). */
  readonly steps: readonly Step[]
  /** Engine state after the steps. */
  readonly observed: ObservedState
  /** Per configured interface (by row uuid); absent for the interfaces of a bridge that could not be created. */
  readonly interfaces: ReadonlyMap<string, InterfaceOutcome>
  /** Bridges whose creation failed (ovs-vswitchd leaves their interfaces' rows untouched). */
  readonly failedBridges: ReadonlySet<string>
}

/**
 * Makes the engine match `desired` as far as it can. Never throws for a failing object: its error goes
 * to `interfaces` and `retries`; only a driver bug (a non-DriverError) propagates.
 */
export async function reconfigure(desired: DesiredState, driver: SwitchDriver, retries: RetryTracker, log: ReconcilerLog): Promise<ReconfigureResult> {
  const failing = new Set([...desired.interfaces.values()].filter((iface) => retries.lastError(interfaceKey(iface), fingerprint(iface)) !== undefined).map((iface) => iface.name))
  const steps = planReconfigure(desired, await driver.observe(), failing)
  const failedBridges = new Map<string, string>()
  for (const step of steps) await applyStep(step, driver, retries, log, failedBridges)
  const observed = await driver.observe()
  const bridges = new Set(desired.bridges.map((bridge) => bridge.name))
  retries.prune((key) => (key.startsWith('bridge/') ? bridges : desired.interfaces).has(key.slice(key.indexOf('/') + 1)))
  return { steps, observed, interfaces: outcomes(desired, observed, retries, failedBridges), failedBridges: new Set(failedBridges.keys()) }
}

/** Each configured interface's ofport, or -1 with its own last failure or its row's error; none on a failed bridge. */
function outcomes(desired: DesiredState, observed: ObservedState, retries: RetryTracker, failedBridges: ReadonlyMap<string, string>): Map<string, InterfaceOutcome> {
  const interfaces = new Map<string, InterfaceOutcome>()
  for (const iface of desired.interfaces.values()) {
    if (failedBridges.has(iface.bridge)) continue
    const have = observed.get(iface.bridge)?.interfaces.get(iface.name)
    const failure = retries.lastError(interfaceKey(iface), fingerprint(iface))
    if (have !== undefined && failure === undefined) interfaces.set(iface.uuid, { ofport: have.ofport, error: undefined })
    else interfaces.set(iface.uuid, { ofport: -1, error: failure ?? `could not open network device ${iface.name} (No such device)` })
  }
  for (const error of desired.errors) if (error.table === 'Interface') interfaces.set(error.uuid, { ofport: -1, error: error.message })
  return interfaces
}

/** Retry key of an interface; its fingerprint changes whenever its configuration does. */
export function interfaceKey(iface: DesiredInterface): string {
  return `iface/${iface.name}`
}

/** The configuration of `iface` that decides how it is created (a change resets its backoff). */
export function fingerprint(iface: DesiredInterface): string {
  const { bridge, port, type, options, ofportRequest, mtuRequest, mac, tag } = iface
  return JSON.stringify([bridge, port, type, options, ofportRequest ?? null, mtuRequest ?? null, mac ?? null, tag ?? null])
}

async function applyStep(step: Step, driver: SwitchDriver, retries: RetryTracker, log: ReconcilerLog, failedBridges: Map<string, string>): Promise<void> {
  switch (step.kind) {
    case 'delete-bridge':
      await driver.deleteBridge(step.bridge)
      log.info('bridge', `bridge ${step.bridge}: deleted`)
      return
    case 'delete-interface':
      await driver.deleteInterface(step.bridge, step.name)
      return
    case 'create-bridge':
      return createBridge(step.bridge, step.datapathType, driver, retries, log, failedBridges)
    case 'create-interface':
    case 'change-interface':
      if (failedBridges.has(step.bridge)) return
      return interfaceStep(step, driver, retries, log)
  }
}

async function createBridge(name: string, datapathType: string, driver: SwitchDriver, retries: RetryTracker, log: ReconcilerLog, failedBridges: Map<string, string>): Promise<void> {
  const key = `bridge/${name}`
  if (!retries.due(key, datapathType)) {
    failedBridges.set(name, retries.lastError(key, datapathType) ?? `failed to create bridge ${name}`)
    return
  }
  try {
    await driver.createBridge(name, datapathType)
    retries.succeeded(key)
    log.info('bridge', `bridge ${name}: created (datapath type ${datapathType})`)
  } catch (error) {
    const message = `failed to create bridge ${name}: ${errorText(error)}`
    log.err('bridge', message)
    reconcilerCounters.engineError('create-bridge')
    retries.failed(key, datapathType, message, !isRetryable(error))
    failedBridges.set(name, message)
  }
}

async function interfaceStep(step: Extract<Step, { iface: DesiredInterface }>, driver: SwitchDriver, retries: RetryTracker, log: ReconcilerLog): Promise<void> {
  const { iface } = step
  const key = interfaceKey(iface)
  const print = fingerprint(iface)
  if (!retries.due(key, print)) return
  try {
    if (step.kind === 'create-interface') await driver.createInterface(step.bridge, iface)
    else await driver.changeInterface(step.bridge, iface)
    retries.succeeded(key)
  } catch (error) {
    if (!(error instanceof DriverError)) throw error
    log.warn('bridge', error.message)
    reconcilerCounters.engineError(step.kind)
    retries.failed(key, print, error.message, !error.retryable)
    if (step.kind === 'change-interface') await driver.deleteInterface(step.bridge, iface.name)
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function isRetryable(error: unknown): boolean {
  return !(error instanceof DriverError) || error.retryable
}
