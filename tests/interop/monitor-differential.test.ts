// Monitors against the real ovsdb-server: the same monitor requests and transactions go to a
// private ovsdb-server over its Unix socket and to our MonitorHub in-process; every reply and
// every notification each connection receives must match after UUID normalisation. ovsdb-server
// (standalone) keeps no transaction history, so transaction ids in v3 answers are masked.
import t from 'tap'
import { ourSide, realSide, type Observation } from '../server/monitor/differential.js'
import { SCENARIOS } from '../server/monitor/scenarios.js'
import { SCHEMA_PATH } from '../server/monitor/helpers.js'
import { missingOvsdbTools, startRealOvsdb } from '../support/real-ovsdb.js'
import { jsonToText } from '../../schema/index.js'

const missing = missingOvsdbTools()

if (missing.length > 0) {
  t.test('monitors match the real ovsdb-server', async (t) => {
    t.comment(`SKIP: ${missing.join(', ')} not installed — monitor notifications NOT checked against ovsdb-server`)
    t.pass('skipped: Open vSwitch not installed')
  })
} else {
  for (const scenario of SCENARIOS) {
    t.test(`${scenario.name}: same replies and notifications as ovsdb-server`, async (t) => {
      const server = await startRealOvsdb(SCHEMA_PATH)
      const connections = scenario.connections ?? 1
      const real = await realSide(server.socketPath, 'Mon', connections)
      const ours = ourSide(connections)
      try {
        for (const [index, step] of scenario.steps.entries()) {
          const expected = await real.run(step)
          const actual = await ours.run(step)
          t.equal(pretty(actual), pretty(expected), `step ${index + 1}: ${jsonToText(step)}`)
        }
      } finally {
        real.close()
        ours.close()
        await server.stop()
      }
    })
  }
}

function pretty(observation: Observation): string {
  return JSON.stringify(observation, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2)
}
