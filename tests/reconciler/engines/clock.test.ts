// The virtual clock: timers fire in time order (ties in setting order) with now() at their time,
// cancelled timers never fire, and a runaway loop of immediate timers is stopped.
import t from 'tap'
import { VirtualClock } from '../../../reconciler/engines/index.js'

t.test('timers fire in time order, ties in the order set, each seeing its own time', async (t) => {
  const clock = new VirtualClock(100)
  const fired: string[] = []
  clock.setTimer(130, () => fired.push(`b@${clock.now()}`))
  clock.setTimer(110, () => fired.push(`a@${clock.now()}`))
  clock.setTimer(130, () => fired.push(`c@${clock.now()}`))
  clock.setTimer(50, () => fired.push(`past@${clock.now()}`))
  clock.advance(20)
  t.strictSame(fired, ['past@100', 'a@110'])
  t.equal(clock.now(), 120)
  clock.advanceTo(200)
  t.strictSame(fired, ['past@100', 'a@110', 'b@130', 'c@130'])
  t.equal(clock.pending, 0)
})

t.test('a cancelled timer never fires; timers set by timers fire within the same advance', async (t) => {
  const clock = new VirtualClock()
  let count = 0
  const cancel = clock.setTimer(5, () => count++)
  cancel()
  clock.setTimer(1, () => clock.setTimer(2, () => (count += 10)))
  clock.advance(3)
  t.equal(count, 10)
})

t.test('a timer that keeps re-arming at the same instant is stopped', async (t) => {
  const clock = new VirtualClock()
  const again = (): void => void clock.setTimer(clock.now(), again)
  again()
  t.throws(() => clock.advance(1, 1000), /more than 1000 timers/)
})
