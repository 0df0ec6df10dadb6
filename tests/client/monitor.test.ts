// startMonitor hands over the initial contents before any update, even when the server's reply and
// the update right behind it arrive in one read (the session delivers the notification at once,
// the reply only when the awaiting code runs).
import t from 'tap'
import { RpcSession, startMonitor, type RowChange } from '../../client/index.js'
import { connectToScript, notificationText, replyText } from '../support/scripted-server.js'

const ROW_A = '11111111-1111-1111-1111-111111111111'
const ROW_B = '22222222-2222-2222-2222-222222222222'

t.test('the initial contents come first when the reply and an update share one read', async (t) => {
  const socket = await connectToScript(t, (request) => {
    t.equal(request.method, 'monitor_cond_since')
    const reply = replyText(request.id, [false, '00000000-0000-0000-0000-000000000000', { T: { [ROW_A]: { initial: { name: 'a' } } } }])
    const update = notificationText('update3', [request.params[1], '33333333-3333-3333-3333-333333333333', { T: { [ROW_B]: { insert: { name: 'b' } } } }])
    return reply + update
  })
  const session = new RpcSession(socket)
  t.teardown(() => session.close())
  const batches: RowChange[][] = []
  await startMonitor(session, 'Db', new Map([['T', ['name']]]), (changes) => batches.push(changes))
  for (let i = 0; i < 50 && batches.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10))
  t.same(batches.map((changes) => changes.map((change) => change.uuid)), [[ROW_A], [ROW_B]], 'initial rows, then the update')
})
