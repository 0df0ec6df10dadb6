// The real Python IDL (python3-openvswitch) beyond the basics, run the same against our server and
// against the real ovsdb-server, whose printed lines must be the same: partial map and set updates
// (setkey, delkey, addvalue, delvalue: mutate operations) seen by a second IDL, a `verify` that
// loses a race and gets "try again", two reconnects in a row (the 3.1 IDL ignores the last id in
// a monitor_cond_since reply: our server must not replay the first catch-up on the second), and
// the server restarting under both IDLs, which reconnect by themselves and go on committing and
// following. Loud SKIP without the IDL or Open vSwitch.
import t, { type Test } from 'tap'
import { spawn } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startOurServer } from '../support/our-server.js'
import { missingOvsdbTools, startRealOvsdb } from '../support/real-ovsdb.js'
import { runTool } from '../support/tool.js'

const PYTHON = '/usr/bin/python3'
const VSWITCH_SCHEMA = new URL('../../schema/vswitch.ovsschema', import.meta.url).pathname

/** argv: remote, schema, a file whose appearance means the server has restarted. */
const SCRIPT = `
import os, sys, ovs.db.idl, ovs.poller
remote, schema, restarted = sys.argv[1:4]
def open_idl():
    helper = ovs.db.idl.SchemaHelper(location=schema)
    helper.register_all()
    return ovs.db.idl.Idl(remote, helper)
idl, other = open_idl(), open_idl()
def run_until(cond, rounds=200, idls=(idl, other)):
    for _ in range(rounds):
        for each in idls: each.run()
        if cond(): return True
        p = ovs.poller.Poller()
        for each in idls: each.wait(p)
        p.timer_wait(50); p.block()
    return False
def bridge(of): return next((b for b in of.tables["Bridge"].rows.values() if b.name == "br0"), None)
def commit(change, of=idl):
    txn = ovs.db.idl.Transaction(of)
    change(txn)
    return txn.commit_block()
def show(label, of):
    b = bridge(of)
    print(label, sorted(b.other_config.items()), list(b.flood_vlans), sorted(b.external_ids.items()), flush=True)
print("synced", run_until(lambda: idl.has_ever_connected() and other.has_ever_connected()))
def create(txn):
    root = txn.insert(idl.tables["Open_vSwitch"])
    br = txn.insert(idl.tables["Bridge"])
    br.name = "br0"
    br.other_config = {"a": "1", "b": "2"}
    root.bridges = [br]
print("create", commit(create), run_until(lambda: bridge(other) is not None))
def partial(txn):
    b = bridge(idl)
    b.setkey("other_config", "c", "3")
    b.delkey("other_config", "a")
    b.addvalue("flood_vlans", 5)
    b.addvalue("flood_vlans", 7)
print("partial", commit(partial), run_until(lambda: "c" in bridge(other).other_config))
show("idl", idl)
show("other", other)
print("delvalue", commit(lambda txn: bridge(idl).delvalue("flood_vlans", 5)), run_until(lambda: list(bridge(other).flood_vlans) == [7]))
def stale(txn):
    b = bridge(other)
    b.verify("external_ids")
    b.external_ids = {"who": "other"}
print("first", commit(lambda txn: bridge(idl).setkey("external_ids", "who", "idl")))
print("stale verify", commit(stale, other))
print("retry", run_until(lambda: "who" in bridge(other).external_ids), commit(stale, other))
run_until(lambda: bridge(idl).external_ids.get("who") == "other")
show("idl", idl)
# Two reconnects in a row: the first catches up on a change it had not read; the second must not
# apply that change again (the 3.1 IDL keeps asking from the id it had before the first).
print("other setkey", commit(lambda txn: bridge(other).setkey("external_ids", "k", "v"), other))
idl.force_reconnect()
print("reconnect 1", run_until(lambda: bridge(idl).external_ids.get("k") == "v", idls=(idl,)))
run_until(lambda: False, 6, idls=(idl,))
idl.force_reconnect()
run_until(lambda: False, 20, idls=(idl,))
show("after two reconnects", idl)
print("restart now", flush=True)
run_until(lambda: os.path.exists(restarted), 600)
for tries in range(100):
    status = commit(lambda txn: bridge(idl).setkey("other_config", "d", "4"))
    if status == "success": break
    run_until(lambda: False, 2)
print("after restart", status, run_until(lambda: "d" in bridge(other).other_config, 400))
show("other", other)
`

/** A server the script runs against, which the test can restart under it. */
interface Side {
  readonly remote: string
  restart(): Promise<void>
}

/** Runs the script against `side`, restarting it when asked; resolves with its printed lines. */
async function runScript(t: Test, side: Side, dir: string): Promise<string[]> {
  const script = join(dir, 'idl.py')
  const restarted = join(dir, 'restarted')
  writeFileSync(script, SCRIPT)
  const python = spawn(PYTHON, [script, side.remote, VSWITCH_SCHEMA, restarted], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  let errors = ''
  python.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => python.once('exit', resolve))
  await new Promise<void>((resolve) => {
    python.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('restart now')) resolve()
    })
    void exited.then(() => resolve())
  })
  if (output.includes('restart now')) {
    await side.restart()
    writeFileSync(restarted, '')
  }
  t.equal(await exited, 0, `the script ran to its end: ${errors}`)
  return output.trim().split('\n')
}

t.test('the Python IDL does the same against our server as against ovsdb-server, across a restart', async (t) => {
  const missing = missingOvsdbTools()
  const probe = existsSync(PYTHON) ? await runTool(PYTHON, ['-c', 'import ovs.db.idl']) : { code: 1 }
  if (missing.length > 0 || probe.code !== 0) {
    t.comment(`SKIP: ${missing.length > 0 ? missing.join(', ') : 'python3-openvswitch (/usr/bin/python3 -c "import ovs.db.idl")'} not installed — Python IDL NOT checked`)
    return t.pass('skipped loudly')
  }
  const real = await startRealOvsdb(VSWITCH_SCHEMA)
  t.teardown(() => real.stop())
  const ours = await startOurServer(t)
  const expected = await runScript(t, { remote: `unix:${real.socketPath}`, restart: () => real.restart() }, real.dir)
  const actual = await runScript(t, { remote: `unix:${ours.socket}`, restart: () => ours.restart() }, ours.dir)
  t.same(expected.slice(0, 4), ['synced True', 'create success True', 'partial success True', "idl [('b', '2'), ('c', '3')] [5, 7] []"], 'the script did what it says against ovsdb-server')
  t.ok(expected.includes('stale verify try again'), 'a stale verify loses against ovsdb-server')
  t.ok(expected.includes("after two reconnects [('b', '2'), ('c', '3')] [7] [('k', 'v'), ('who', 'other')]"), 'two reconnects keep what the first caught up on')
  t.ok(expected.includes("other [('b', '2'), ('c', '3'), ('d', '4')] [7] [('k', 'v'), ('who', 'other')]"), 'and the change after the restart arrives')
  t.comment(expected.join('\n'))
  t.same(actual, expected, 'our server: the same lines')
})
