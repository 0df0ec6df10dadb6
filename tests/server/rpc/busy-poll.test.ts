// The busy poller on a hand-driven clock: how many turns of the loop it spins after traffic, and
// how its window grows after quiet spells it would have covered and shrinks after longer ones,
// as Linux's guest haltpoll governor does. Then a whole server with it on and off over a socket.
import t from 'tap'
import { BusyPoller, GROW_START_US, type PollClock } from '../../../server/rpc/busy-poll.js'
import { WireClient, resultOf, startTestServer } from './helpers.js'

/** A clock in whole microseconds that moves only when told; scheduled turns wait in a queue. */
class HandClock implements PollClock {
  private us = 1_000_000
  private readonly queue: (() => void)[] = []
  now(): number {
    return this.us
  }
  next(step: () => void): void {
    this.queue.push(step)
  }
  /** Lets one microsecond pass. */
  tick(): void {
    this.us++
  }
  /** Runs the next scheduled turn, if any; false when none was scheduled. */
  turnOnce(): boolean {
    const step = this.queue.shift()
    step?.()
    return step !== undefined
  }
}

/**
 * The loop goes idle (one turn), then traffic arrives `quietUs` later; meanwhile a turn runs
 * every microsecond for as long as the poller keeps scheduling them. Returns how many ran.
 */
function quietThenTraffic(poller: BusyPoller, clock: HandClock, quietUs: number): number {
  clock.turnOnce()
  let spins = 0
  for (let waited = 0; waited < quietUs; waited++) {
    clock.tick()
    if (clock.turnOnce()) spins++
  }
  poller.activity()
  return spins
}

/** A poller with a 200 µs maximum whose window has grown to it. */
function grownPoller(): { poller: BusyPoller; clock: HandClock } {
  const clock = new HandClock()
  const poller = new BusyPoller(200, clock)
  poller.activity()
  for (let i = 0; i < 4; i++) quietThenTraffic(poller, clock, 150)
  return { poller, clock }
}

t.test('with a maximum of 0 nothing is ever scheduled', async (t) => {
  const clock = new HandClock()
  const poller = new BusyPoller(0, clock)
  poller.activity()
  t.notOk(clock.turnOnce())
  for (const quiet of [10, 100, 10_000]) t.equal(quietThenTraffic(poller, clock, quiet), 0)
  t.equal(poller.currentWindowUs, 0)
})

t.test('quiet spells within the maximum grow the window from nothing, doubling, up to the maximum; the loop turns for the window', async (t) => {
  const clock = new HandClock()
  const poller = new BusyPoller(200, clock)
  poller.activity()
  const windows: number[] = []
  const spins: number[] = []
  for (let i = 0; i < 6; i++) {
    spins.push(quietThenTraffic(poller, clock, 150))
    windows.push(poller.currentWindowUs)
  }
  t.same(spins, [0, GROW_START_US, 50, 100, 150, 150], 'a fresh poller only notes when it went idle; then it spins for its window, or until traffic')
  t.same(windows, [GROW_START_US, 50, 100, 200, 200, 200])
})

t.test('traffic inside the window leaves it as it is, and the next spin runs from the next idle moment', async (t) => {
  const { poller, clock } = grownPoller()
  t.equal(poller.currentWindowUs, 200)
  t.equal(quietThenTraffic(poller, clock, 50), 50)
  poller.activity()
  t.equal(poller.currentWindowUs, 200, 'a 50 µs quiet spell was inside the window; a second message in the same turn changes nothing')
  t.equal(quietThenTraffic(poller, clock, 1000), 200)
})

t.test('quiet spells longer than the maximum halve the window, and below the smallest worth having it stops', async (t) => {
  const { poller, clock } = grownPoller()
  const windows: number[] = []
  const spins: number[] = []
  for (let i = 0; i < 5; i++) {
    spins.push(quietThenTraffic(poller, clock, 5000))
    windows.push(poller.currentWindowUs)
  }
  t.same(windows, [100, 50, GROW_START_US, 0, 0])
  t.same(spins, [200, 100, 50, GROW_START_US, 0], 'an idle server stops spinning')
})

t.test('a server answers the same with busy polling on (the default) and off', async (t) => {
  for (const busyPollUs of [null, 0]) {
    const { socketPath } = await startTestServer(t, { busyPollUs })
    const client = await WireClient.connect(socketPath, t)
    for (let i = 0; i < 20; i++) t.same(resultOf(await client.call('echo', [i])), [i], `echo ${i}, --busy-poll ${busyPollUs ?? 'default'}`)
  }
})
