// Runs a measurement on several servers at once in interleaved rounds (A B, B A, A B, ...), so load
// from other work on the machine falls on both sides alike instead of on whichever ran second.
// A side that fails is recorded with its reason and left out of later rounds; the reference
// (first) side failing fails the contest.

import type { ServerProcess } from './server-process.js'
import type { ServerSetup } from './servers.js'

/** A measurement session on one server: opened once, measured round by round, closed once. */
export interface Runner {
  /** Ends the session and stops its server by PID (the contest removes the files). */
  close(): Promise<void>
}

/** One side's samples, or why it stopped. */
export interface Outcome<T> {
  readonly label: string
  readonly samples: T[]
  readonly error: string | null
}

/**
 * Opens a runner on each of `setups`, then for `rounds` rounds calls `round(runner, r)` on each
 * side (order alternating every round), and closes every runner. Resolves with each side's
 * samples; rejects when the first side fails to open or in a round. Removes every setup's files.
 */
export async function runContest<R extends Runner, T>(setups: readonly ServerSetup[], open: (setup: ServerSetup) => Promise<R>, rounds: number, round: (runner: R, r: number) => Promise<T>): Promise<Outcome<T>[]> {
  const runners: (R | null)[] = []
  const outcomes = setups.map((setup) => ({ label: setup.label, samples: [] as T[], error: null as string | null }))
  try {
    for (const [i, setup] of setups.entries()) runners.push(await attempt(i, outcomes[i], () => open(setup)))
    await alternate(runners.length, rounds, async (i, r) => {
      const runner = runners[i]
      if (runner === null || outcomes[i].error !== null) return
      const sample = await attempt(i, outcomes[i], () => round(runner, r))
      if (sample !== null) outcomes[i].samples.push(sample)
    })
    return outcomes
  } finally {
    for (const runner of runners) await runner?.close()
    for (const setup of setups) setup.remove()
  }
}

/** Calls `step(side, round)` for `rounds` rounds over `sides` sides, one at a time, the order reversing every round (A B, B A, ...). */
export async function alternate(sides: number, rounds: number, step: (side: number, round: number) => Promise<void>): Promise<void> {
  for (let r = 0; r < rounds; r++) {
    const order = Array.from({ length: sides }, (_, i) => (r % 2 === 0 ? i : sides - 1 - i))
    for (const i of order) await step(i, r)
  }
}

/** Starts `setup`'s server and builds a runner on it with `build`; stops the server when that fails. */
export async function openOnServer<R>(setup: ServerSetup, build: (server: ServerProcess) => Promise<R>): Promise<R> {
  const server = await setup.start()
  try {
    return await build(server)
  } catch (error) {
    await server.stop()
    throw error
  }
}

async function attempt<V>(index: number, outcome: { label: string; error: string | null }, work: () => Promise<V>): Promise<V | null> {
  try {
    return await work()
  } catch (error) {
    if (index === 0) throw error
    outcome.error = error instanceof Error ? error.message.split('\n')[0] : String(error)
    console.log(`${outcome.label} FAILED: ${outcome.error}`)
    return null
  }
}
