// The reconciler's database follower keeps an update that arrives in the same read as the
// monitor reply: the reply (found: false) clears the replica when its awaiting code runs, after the
// session has already handed the update over, so the update must wait for the reply.
import t from 'tap'
import { parseRemote } from '../../client/index.js'
import { DbFollower } from '../../reconciler/follower.js'
import { createReconcilerLog } from '../../reconciler/log.js'
import { notificationText, replyText, startScript } from '../support/scripted-server.js'

const SCHEMA = { name: 'Db', version: '1.0.0', tables: { T: { columns: { name: { type: 'string' } } } } }
const ROW_A = '11111111-1111-1111-1111-111111111111'
const ROW_B = '22222222-2222-2222-2222-222222222222'

t.test('an update in the same read as a found:false monitor reply survives it', async (t) => {
  const path = await startScript(t, (request) => {
    switch (request.method) {
      case 'get_schema':
        return replyText(request.id, SCHEMA)
      case 'lock':
        return replyText(request.id, { locked: true })
      case 'monitor_cond_since': {
        const reply = replyText(request.id, [false, '33333333-3333-3333-3333-333333333333', { T: { [ROW_A]: { initial: { name: 'a' } } } }])
        return reply + notificationText('update3', [request.params[1], '44444444-4444-4444-4444-444444444444', { T: { [ROW_B]: { insert: { name: 'b' } } } }])
      }
      default:
        return replyText(request.id, {})
    }
  })
  const follower = new DbFollower({
    remotes: [parseRemote(`unix:${path}`)], database: 'Db', lock: 'l', tables: ['T'],
    omit: new Map(), quiet: new Map(), log: createReconcilerLog('off'), backoffMs: { min: 50, max: 50 },
  })
  void follower.run()
  t.teardown(() => follower.stop())
  for (let i = 0; i < 200 && (follower.replica?.tables.get('T')?.size ?? 0) < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10))
  const names = [...(follower.replica?.tables.get('T')?.values() ?? [])].map((row) => row.get('name')?.keys[0]).sort()
  t.same(names, ['a', 'b'], 'the initial row and the one inserted right after')
})
