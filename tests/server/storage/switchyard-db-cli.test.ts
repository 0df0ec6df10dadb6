// cli/switchyard-db: import and export through main(), usage errors (exit 2) and failures (exit 1).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { main } from '../../../cli/switchyard-db.js'
import { ovsdbRecord } from '../../../server/storage/ovs-log.js'

function capture(args: string[]): { status: number; out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  const status = main(args, (line) => out.push(line), (line) => err.push(line))
  return { status, out, err }
}

t.test('import then export round-trips a database file and says what moved', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sy-db-cli-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const schema = { name: 'D', tables: { T: { columns: { n: { type: 'integer' } } } } }
  writeFileSync(join(dir, 'conf.db'), Buffer.concat([ovsdbRecord(JSON.stringify(schema)), ovsdbRecord('{"T":{"5313ddf2-2758-4871-9f12-40d5f3821182":{"n":1}}}')]))
  const imported = capture(['import', join(dir, 'conf.db'), join(dir, 'db.sqlite')])
  t.equal(imported.status, 0)
  t.match(imported.out[0], /^imported D: 1 row\(s\) from 1 transaction record\(s\) of .*conf\.db into .*db\.sqlite$/)
  const exported = capture(['export', join(dir, 'db.sqlite'), join(dir, 'out.db')])
  t.equal(exported.status, 0)
  t.match(exported.out[0], /^exported D: 1 row\(s\) from/)
  const again = capture(['import', join(dir, 'conf.db'), join(dir, 'db.sqlite')])
  t.equal(again.status, 1)
  t.match(again.err[0], /^switchyard-db: import: .*already exists/)
})

t.test('bad usage prints the usage and exits 2', async (t) => {
  for (const args of [[], ['import', 'one'], ['frob', 'a', 'b'], ['export', 'a', 'b', 'c']]) {
    const { status, err } = capture(args)
    t.equal(status, 2, args.join(' '))
    t.match(err.join('\n'), /usage: switchyard-db import/)
  }
  t.match(capture(['frob', 'a', 'b']).err[0], /unknown command "frob"/)
  const help = capture(['--help'])
  t.equal(help.status, 0)
  t.match(help.out[0], /usage:/)
})
