// Randomized differential test: one seeded sequence of random transactions (tests/support/
// random-txn.ts, on the Refs schema) goes to a private real ovsdb-server and to our engine
// in-process; every normalised reply must be equal. SEED and COUNT env vars choose the run
// (defaults: a fixed seed, 300 transactions). After each transaction both databases are read whole
// and compared too (that read also tells the generator which rows are alive). The first mismatch
// ends the run, since the two databases may differ from then on. What ovsdb-server reports in hash order is not compared:
// select rows and UUID sets are sorted by normalize(), and commit-time error details that name
// rows are masked (maskHashOrderedDetails), leaving their error tag.
import t from 'tap'
import { engineExecutor } from '../support/engine-executor.js'
import { maskHashOrderedDetails, UuidNormalizer } from '../support/normalize.js'
import { RANDOM_SCHEMA, seededRandom, TxnGenerator } from '../support/random-txn.js'
import type { Op } from '../support/transcript-dsl.js'
import { missingOvsdbTools, startRealOvsdb } from '../support/real-ovsdb.js'
import { RpcClient } from '../support/rpc-client.js'
import { prettyJson, transcriptSchema } from '../support/transcript.js'
import { jsonToText } from '../../schema/index.js'

const SEED = Number(process.env.SEED ?? 20240521)
const COUNT = Number(process.env.COUNT ?? 300)
const missing = missingOvsdbTools()

t.test(`random transactions (SEED=${SEED} COUNT=${COUNT}) get the same replies from the engine as from ovsdb-server`, async (t) => {
  if (missing.length > 0) {
    t.comment(`SKIP: ${missing.join(', ')} not installed — random differential test NOT run`)
    t.pass('skipped: Open vSwitch not installed')
    return
  }
  const schema = transcriptSchema({ schema: RANDOM_SCHEMA, description: '', steps: [] })
  const server = await startRealOvsdb(schema.path)
  const client = await RpcClient.connect(server.socketPath)
  t.teardown(async () => {
    await client.close()
    await server.stop()
  })
  const engine = engineExecutor(schema.json)
  const [ours, theirs] = [new UuidNormalizer(), new UuidNormalizer()]
  const generator = new TxnGenerator(seededRandom(SEED))
  const step = async (ops: Op[], name: string): Promise<unknown> => {
    const expected = theirs.normalize(maskHashOrderedDetails(await client.transact(schema.name, theirs.resolve(ops) as unknown[]), ops.length))
    const actual = ours.normalize(maskHashOrderedDetails(await engine(ours.resolve(ops) as unknown[]), ops.length))
    t.equal(prettyJson(actual), prettyJson(expected), name)
    return prettyJson(actual) === prettyJson(expected) ? expected : undefined
  }
  for (let i = 0; i < COUNT; i++) {
    const ops = generator.next(theirs.size)
    const state = (await step(ops, `transaction ${i}: ${jsonToText(ops)}`)) === undefined ? undefined : await step(generator.probe(), `every row after transaction ${i}`)
    if (state === undefined) {
      t.comment(`first mismatch at transaction ${i}; reproduce with SEED=${SEED} COUNT=${i + 1}`)
      break
    }
    generator.observeProbe(state)
  }
})
