// The redo log's file format: entries are the lines from the start with consecutive seqs, so a
// write cut short, the rest of an older line and an older generation's lines all end them.

import { appendFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { readRedoLog, redoLine, RedoLog, type RedoEntry } from '../../../server/storage/redo-log.js'
import { tempDir } from './helpers.js'

function entry(seq: number, padding = 0): RedoEntry {
  return { seq, txnId: `t${seq}`, date: 'd', comment: seq % 2 === 0 ? 'even\ttab' : null, peer: 'p', ephemeralRows: seq, deltaText: `{"T":{"u${seq}":{"new":{"s":"${'x'.repeat(padding)}"}}}}` }
}

t.test('entries round-trip; a missing file has none', async (t) => {
  const path = join(tempDir(t), 'log')
  t.same(readRedoLog(path), [])
  writeFileSync(path, [1, 2, 3].map((seq) => redoLine(entry(seq))).join(''))
  t.same(readRedoLog(path), [1, 2, 3].map((seq) => entry(seq)))
})

t.test('a torn last line, a fragment of an older line and an older generation end the entries', async (t) => {
  const path = join(tempDir(t), 'log')
  const log = new RedoLog(path)
  t.teardown(() => log.close())
  log.append([1, 2, 3].map((seq) => redoLine(entry(seq, 50))).join(''), false)
  t.same(readRedoLog(path).map((e) => e.seq), [1, 2, 3])
  log.clear()
  log.append(redoLine(entry(4)), true)
  t.same(readRedoLog(path).map((e) => e.seq), [4], 'the rest of line 1 is not an entry')
  log.append(redoLine(entry(5, 143)), false)
  t.same(readRedoLog(path).map((e) => e.seq), [4, 5], 'line 3 of the older generation does not follow 5')
  log.append(redoLine(entry(6, 400)), false)
  appendFileSync(path, redoLine(entry(7)).slice(0, 30))
  t.same(readRedoLog(path).map((e) => e.seq), [4, 5, 6], 'the torn write is not an entry')
})
