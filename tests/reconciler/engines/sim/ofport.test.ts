// ofport allocation as ofproto's alloc_ofp_port: requests honoured when free, automatic numbers from 1
// upward without quick reuse, wrapping below 32768, least recently freed when all were freed lately.
import t from 'tap'
import { OfportAllocator } from '../../../../reconciler/engines/sim/ofport.js'

const HOUR = 60 * 60 * 1000

t.test('automatic numbers count up from 1 and freed numbers are not reused within the hour', async (t) => {
  const a = new OfportAllocator()
  t.strictSame([a.allocate(0), a.allocate(0), a.allocate(0)], [1, 2, 3])
  a.free(2, 10)
  t.equal(a.allocate(20), 4, 'next after the last given, not the one just freed')
  t.equal(a.inUse(2), false)
  t.equal(a.inUse(4), true)
})

t.test('a request is honoured when free, even just freed, and falls back to automatic when in use', async (t) => {
  const a = new OfportAllocator()
  t.equal(a.allocate(0, 7), 7)
  t.equal(a.allocate(0, 7), 1, '7 in use: automatic')
  a.free(7, 5)
  t.equal(a.allocate(6, 7), 7)
  t.equal(a.allocate(0, 65280), 2, 'beyond the range: automatic')
})

t.test('numbers wrap below 32768 and skip recently freed ones until an hour has passed', async (t) => {
  const a = new OfportAllocator()
  for (let i = 1; i <= 32767; i++) a.allocate(0)
  t.equal(a.allocate(0), undefined, 'all automatic numbers in use')
  a.free(5, 100)
  a.free(9, 50)
  t.equal(a.allocate(200), 9, 'least recently freed when every candidate was freed lately')
  a.free(9, 300)
  t.equal(a.allocate(100 + HOUR + 1), 5, 'freed over an hour ago: usable again')
})
