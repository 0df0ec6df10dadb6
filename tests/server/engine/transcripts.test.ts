// Golden transcripts against our engine in-process: every transaction of every recording in
// tests/transcripts/engine/ is run on a fresh Database of the transcript's schema, and its
// normalised result must equal what the real ovsdb-server replied when it was recorded.
import { basename } from 'node:path'
import t from 'tap'
import { engineExecutor } from '../../support/engine-executor.js'
import { replay } from '../../support/replay.js'
import { listTranscripts, loadTranscript, prettyJson, stepName, transcriptSchema } from '../../support/transcript.js'

const files = listTranscripts()

t.test('the transcript corpus is not empty', async (t) => {
  t.ok(files.length > 0, 'some recordings exist')
})

for (const path of files) {
  t.test(`engine replays ${basename(path)} as ovsdb-server did`, async (t) => {
    const transcript = loadTranscript(path)
    for await (const { index, step, actual } of replay(transcript.steps, engineExecutor(transcriptSchema(transcript).json))) {
      t.equal(prettyJson(actual), prettyJson(step.expected), stepName(path, index, step))
    }
  })
}
