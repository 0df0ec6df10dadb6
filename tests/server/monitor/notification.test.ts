// The encoded notifications: a NotificationHead's pieces spell exactly the UTF-8 of the
// notification text for every version, id and update text, and one commit's are spliced once per head.
import fc from 'fast-check'
import t from 'tap'
import { jsonToText } from '../../../schema/index.js'
import { headText, notificationText, NotificationBodies, NotificationHead, type MonitorVersion } from '../../../server/monitor/notification.js'

const TXN = '6f1d5e2a-0b3c-4d4e-8f9a-0123456789ab'

t.test('the pieces a head splices are the UTF-8 of the notification text, for any version, id and updates', async (t) => {
  const version = fc.constantFrom<MonitorVersion>(1, 2, 3)
  const id = fc.jsonValue().map((value) => jsonToText(value))
  const updates = fc.string({ unit: 'grapheme' }).map((text) => JSON.stringify({ T: { text } }))
  fc.assert(
    fc.property(version, id, updates, fc.uuid(), (v, idText, updatesText, txnId) => {
      const head = new NotificationHead(v, headText(v, idText))
      const built = head.message(new NotificationBodies(txnId, updatesText))
      const bytes = built.bytes()
      return bytes.length === built.length && bytes.equals(Buffer.from(notificationText(v, idText, txnId, updatesText), 'utf8'))
    }),
  )
  t.pass('property held')
})

t.test('notification texts are spelled as ovsdb-server sends them', async (t) => {
  t.equal(notificationText(1, '"m"', TXN, '{}'), '{"id":null,"method":"update","params":["m",{}]}')
  t.equal(notificationText(2, 'null', TXN, '{}'), '{"id":null,"method":"update2","params":[null,{}]}')
  t.equal(notificationText(3, '["monid","Open_vSwitch"]', TXN, '{}'), `{"id":null,"method":"update3","params":[["monid","Open_vSwitch"],"${TXN}",{}]}`)
})

t.test('a head splices one message per commit: the same object until forget, then the next commit', async (t) => {
  const head = new NotificationHead(2, headText(2, '"é"'))
  const bodies = new NotificationBodies(TXN, '{"A":1}')
  const first = head.message(bodies)
  t.equal(head.message(new NotificationBodies(TXN, '{"A":2}')), first, 'spliced once')
  const other = new NotificationHead(2, headText(2, '"other"'))
  t.equal(other.message(bodies).pieces[1], first.pieces[1], 'heads of one version share the commit\'s encoded body')
  t.not(new NotificationHead(3, headText(3, '"é"')).message(bodies).pieces[1], first.pieces[1], 'version 3 has its own, naming the transaction')
  head.forget()
  const second = head.message(new NotificationBodies(TXN, '{"A":2}'))
  t.not(second, first)
  t.equal(second.bytes().toString('utf8'), '{"id":null,"method":"update2","params":["é",{"A":2}]}')
  t.equal(first.bytes().toString('utf8'), '{"id":null,"method":"update2","params":["é",{"A":1}]}', 'messages already handed out are left as they were')
})
