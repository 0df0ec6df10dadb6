// Replays a transcript against a fresh private real ovsdb-server: the live half of the
// differential tests and of the recorder.

import { startRealOvsdb } from './real-ovsdb.js'
import { replay, type ReplayedStep } from './replay.js'
import { RpcClient } from './rpc-client.js'
import { transcriptSchema, type Transcript } from './transcript.js'

/**
 * Starts a real ovsdb-server for the transcript's schema, runs every step over one connection,
 * and returns the normalised replies in step order. Stops the server even on failure.
 */
export async function replayLive(transcript: Transcript): Promise<ReplayedStep[]> {
  const schema = transcriptSchema(transcript)
  const server = await startRealOvsdb(schema.path)
  try {
    const client = await RpcClient.connect(server.socketPath)
    try {
      const replies: ReplayedStep[] = []
      for await (const replayed of replay(transcript.steps, (ops) => client.transact(schema.name, ops))) {
        replies.push(replayed)
      }
      return replies
    } finally {
      await client.close()
    }
  } finally {
    await server.stop()
  }
}
