// The method catalogue: unique names, and the runtime check agrees with the list.
import t from 'tap'
import { METHODS, isMethod } from '../../protocol/index.js'

t.test('every method name is listed once', async (t) => {
  t.equal(new Set(METHODS).size, METHODS.length)
  t.equal(METHODS.length, 22)
})

t.test('isMethod accepts exactly the listed names', async (t) => {
  for (const name of METHODS) t.ok(isMethod(name), name)
  t.notOk(isMethod('Echo'))
  t.notOk(isMethod('monitor_cond_sinc'))
})
