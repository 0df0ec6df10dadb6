// Differential test: every scenario in tests/fixtures/vsctl runs with the real ovs-vsctl against a
// fresh real ovsdb-server and with our vsctl against another — and, once `npm run build` has built
// it, against switchyard-server too; stdout, stderr (program name and timestamps aside), exit
// status of each command and the final database must match.

import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { canonicalDump, OUR_SERVER, parseScenario, readScenario, realVsctl, runOurs, runReal, startOurServer, type Observation } from '../cli/vsctl-harness.js'
import { missingOvsdbTools, startRealOvsdb } from '../support/real-ovsdb.js'

const SCHEMA = '/usr/share/openvswitch/vswitch.ovsschema'
const DIR = join(import.meta.dirname, '..', 'fixtures', 'vsctl')
const binary = realVsctl()
const missing = [...missingOvsdbTools(), ...(binary === undefined ? ['ovs-vsctl'] : [])]

if (missing.length > 0) {
  t.comment(`SKIP: ${missing.join(', ')} not installed`)
  t.pass(`SKIP: ${missing.join(', ')} not installed`)
} else {
  // VSCTL_SHARD=i/n keeps every n-th scenario from the i-th, so one slow server's run can be split over files.
  const [shard, shards] = (process.env.VSCTL_SHARD ?? '0/1').split('/').map(Number)
  const files = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort().filter((_f, i) => i % shards === shard)
  // VSCTL_SERVER=switchyard selects our server (the -ours test file), so each file stays within tap's timeout.
  const servers = process.env.VSCTL_SERVER === 'switchyard'
    ? (existsSync(OUR_SERVER) ? [{ name: 'switchyard-server', start: startOurServer }] : [])
    : [{ name: 'ovsdb-server', start: () => startRealOvsdb(SCHEMA) }]
  if (servers.length === 0) {
    t.comment('SKIP: dist/server/main.js not built (npm run build); vsctl not run against switchyard-server')
    t.pass('SKIP: dist/server/main.js not built')
  }
  for (const server of servers) {
    for (const file of files) {
      t.test(`scenario ${file}: vsctl on ${server.name} matches ovs-vsctl on ovsdb-server`, async (t) => {
        const lines = parseScenario(readScenario(join(DIR, file)))
        const [real, ours] = [await startRealOvsdb(SCHEMA), await server.start()]
        try {
          const expected: Observation[] = lines.map((line) => runReal(binary!, real.socketPath, line))
          const actual: Observation[] = []
          for (const line of lines) actual.push(await runOurs(ours.socketPath, line))
          for (let i = 0; i < lines.length; i++) t.same(actual[i], expected[i], `${file}: ${lines[i].text}`)
          t.same(canonicalDump(ours.socketPath), canonicalDump(real.socketPath), `${file}: final database`)
        } finally {
          await Promise.all([real.stop(), ours.stop()])
        }
      })
    }
  }
}
