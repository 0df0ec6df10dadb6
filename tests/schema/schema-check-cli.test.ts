// `npm run schema:check` (cli/schema-check.ts): exit status and output for a matching schema,
// a differing one and an unreadable one.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { main } from '../../cli/schema-check.js'

const capture = (fn: () => number): { status: number; out: string[]; err: string[] } => {
  const out: string[] = []
  const err: string[] = []
  const log = console.log
  const error = console.error
  console.log = (line: string) => { out.push(line) }
  console.error = (line: string) => { err.push(line) }
  try {
    return { status: fn(), out, err }
  } finally {
    console.log = log
    console.error = error
  }
}

t.test('our own shipped schema given as the other side: "no difference", exit 0', async (t) => {
  const shipped = fileURLToPath(new URL('../../schema/vswitch.ovsschema', import.meta.url))
  t.same(capture(() => main([shipped])), { status: 0, out: ['no difference'], err: [] })
})

t.test('the installed schema matches ours (default path)', async (t) => {
  if (!existsSync('/usr/share/openvswitch/vswitch.ovsschema')) {
    t.comment('SKIP: openvswitch-common not installed; default-path check not run')
    t.pass('skipped loudly')
    return
  }
  t.same(capture(() => main([])), { status: 0, out: ['no difference'], err: [] })
})

t.test('a different schema prints its differences and exits 1', async (t) => {
  const other = fileURLToPath(new URL('fixtures/mix.ovsschema', import.meta.url))
  const result = capture(() => main([other]))
  t.equal(result.status, 1)
  t.ok(result.out.includes('schema name: ours Open_vSwitch, theirs Mix'), 'names the schema difference')
  t.ok(result.out.includes('table Bridge: only in ours'), 'names missing tables')
})

t.test('an unreadable file is an error with exit 2', async (t) => {
  const result = capture(() => main(['/nonexistent/vswitch.ovsschema']))
  t.equal(result.status, 2)
  t.match(result.err[0], /^schema-check: .*nonexistent/)
})
