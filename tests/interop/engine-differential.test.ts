// The engine transcripts against the real ovsdb-server over its Unix socket: catches drift between
// the recordings and ovsdb-server (a re-recorded corpus, a different Open vSwitch build).
import { basename } from 'node:path'
import t from 'tap'
import { missingOvsdbTools } from '../support/real-ovsdb.js'
import { replayLive } from '../support/live-replay.js'
import { listTranscripts, loadTranscript, prettyJson, stepName } from '../support/transcript.js'

const missing = missingOvsdbTools()

if (missing.length > 0) {
  t.test('real ovsdb-server replays the engine transcripts', async (t) => {
    t.comment(`SKIP: ${missing.join(', ')} not installed — engine transcripts NOT checked against ovsdb-server`)
    t.pass('skipped: Open vSwitch not installed')
  })
} else {
  for (const path of listTranscripts()) {
    t.test(`real ovsdb-server still replies to ${basename(path)} as recorded`, async (t) => {
      for (const { index, step, actual } of await replayLive(loadTranscript(path))) {
        t.equal(prettyJson(actual), prettyJson(step.expected), stepName(path, index, step))
      }
    })
  }
}
