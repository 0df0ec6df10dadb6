// A tiny stand-in for ovs-vswitchd in tests, built on client/: it follows Open_vSwitch.next_cfg
// and, in one transaction per change, gives every Interface without an OpenFlow port one (or -1
// and an error for names starting with "fail") and copies next_cfg to cur_cfg, as bridge_run does.

import { Idl, IdlTxn, parseRemote } from '../../client/index.js'
import { databaseSchemaFromJson } from '../../schema/index.js'
import { parseJsonExact } from '../../protocol/index.js'
import { readFileSync } from 'node:fs'

const SCHEMA = new URL('../../schema/vswitch.ovsschema', import.meta.url)

/** A running fake reconciler; `stop` closes its session. */
export interface FakeReconciler {
  stop(): void
}

/** Starts following the database at the Unix socket `socketPath`. */
export async function startFakeReconciler(socketPath: string): Promise<FakeReconciler> {
  const schema = databaseSchemaFromJson(parseJsonExact(readFileSync(SCHEMA, 'utf8')))
  const select = new Map([['Open_vSwitch', ['cur_cfg', 'next_cfg']], ['Interface', ['error', 'name', 'ofport']]])
  const idl = await Idl.open([parseRemote(`unix:${socketPath}`)], schema, select)
  let nextPort = 1
  let stopped = false
  const loop = async (): Promise<void> => {
    while (!stopped && !idl.session.closed) {
      const seen = idl.seqno
      const txn = new IdlTxn(idl.replica)
      for (const ovs of txn.rows('Open_vSwitch')) {
        const next = txn.read('Open_vSwitch', ovs, 'next_cfg')
        if (txn.read('Open_vSwitch', ovs, 'cur_cfg').keys[0] === next.keys[0]) continue
        for (const iface of txn.rows('Interface')) {
          if (txn.read('Interface', iface, 'ofport').keys.length > 0) continue
          const name = txn.read('Interface', iface, 'name').keys[0] as string
          const failed = name.startsWith('fail')
          txn.write('Interface', iface, 'ofport', { keys: [failed ? -1 : nextPort++] })
          if (failed) txn.write('Interface', iface, 'error', { keys: [`could not open network device ${name} (No such device)`] })
        }
        txn.write('Open_vSwitch', ovs, 'cur_cfg', next)
      }
      await idl.commit(txn).catch(() => undefined)
      await idl.waitForChange(seen)
    }
  }
  void loop()
  return {
    stop() {
      stopped = true
      idl.close()
    },
  }
}
