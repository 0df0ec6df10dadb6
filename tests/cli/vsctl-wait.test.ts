// The waiting path of vsctl (no --no-wait): it bumps next_cfg, blocks until the switch copies it to
// cur_cfg, then reports interfaces that got no OpenFlow port exactly as ovs-vsctl 3.1 does; with
// nobody reconciling, --timeout ends it by SIGALRM (and its session with it: nothing reconnects
// afterwards). Judged against the real ovs-vsctl.

import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import t from 'tap'
import { runVsctl, type VsctlOutcome } from '../../cli/vsctl/run.js'
import { startFakeReconciler } from '../support/fake-reconciler.js'
import { missingOvsdbTools, startRealOvsdb } from '../support/real-ovsdb.js'
import { realVsctl } from './vsctl-harness.js'

const SCHEMA = '/usr/share/openvswitch/vswitch.ovsschema'
const binary = realVsctl()
const missing = [...missingOvsdbTools(), ...(binary === undefined ? ['ovs-vsctl'] : [])]

interface Run { stdout: string; stderr: string; outcome: VsctlOutcome }

async function ours(socket: string, args: string[]): Promise<Run> {
  const run: Run = { stdout: '', stderr: '', outcome: 0 }
  run.outcome = await runVsctl([`--db=unix:${socket}`, ...args], {
    stdout: (s) => { run.stdout += s },
    stderr: (s) => { run.stderr += s },
    env: { OVS_LOGDIR: '/tmp/logdir' },
  })
  return run
}

function real(socket: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    // Run asynchronously so that the in-process fake reconciler keeps answering meanwhile.
    import('node:child_process').then(({ execFile }) => {
      execFile(binary!, [`--db=unix:${socket}`, ...args], { env: { ...process.env, OVS_LOGDIR: '/tmp/logdir' } }, (error, stdout, stderr) => {
        const code = error === null ? 0 : (error as { code?: number; signal?: string }).signal === 'SIGALRM' ? 'SIGALRM' : (error as { code?: number }).code ?? 1
        resolve({ stdout, stderr, outcome: code as VsctlOutcome })
      })
    }, () => resolve({ stdout: '', stderr: 'spawn failed', outcome: 1 }))
  })
}

const normalise = (text: string): string => text.replace(/^\S*vsctl: /gm, '<prog>: ').replace(/^\d{4}-\S+Z\|\d+\|/gm, '<time>|')

if (missing.length > 0) {
  t.comment(`SKIP: ${missing.join(', ')} not installed`)
  t.pass(`SKIP: ${missing.join(', ')} not installed`)
} else {
  t.test('a waiting add-port returns once the switch copies next_cfg to cur_cfg', async (t) => {
    const server = await startRealOvsdb(SCHEMA)
    const reconciler = await startFakeReconciler(server.socketPath)
    try {
      const run = await ours(server.socketPath, ['add-br', 'br0', '--', 'add-port', 'br0', 'p1'])
      t.same(run, { stdout: '', stderr: '', outcome: 0 })
      const cfg = spawnSync('ovsdb-client', ['transact', `unix:${server.socketPath}`, '["Open_vSwitch",{"op":"select","table":"Open_vSwitch","where":[],"columns":["cur_cfg","next_cfg"]}]'], { encoding: 'utf8' })
      t.match(cfg.stdout, /"cur_cfg":1,"next_cfg":1/)
    } finally {
      reconciler.stop()
      await server.stop()
    }
  })

  t.test('interfaces that failed to set up are reported as ovs-vsctl reports them, with exit status 0', async (t) => {
    const [a, b] = [await startRealOvsdb(SCHEMA), await startRealOvsdb(SCHEMA)]
    const [ra, rb] = [await startFakeReconciler(a.socketPath), await startFakeReconciler(b.socketPath)]
    try {
      for (const args of [['add-br', 'br0'], ['add-port', 'br0', 'failing0'], ['add-bond', 'br0', 'bond0', 'ok1', 'fail2'], ['list-ports', 'br0']]) {
        const [expected, actual] = [await real(a.socketPath, args), await ours(b.socketPath, args)]
        t.same({ ...actual, stderr: normalise(actual.stderr) }, { ...expected, stderr: normalise(expected.stderr) }, args.join(' '))
      }
    } finally {
      ra.stop()
      rb.stop()
      await Promise.all([a.stop(), b.stop()])
    }
  })

  t.test('with nobody reconciling, -t ends the wait by SIGALRM as ovs-vsctl does, and leaves no connection behind', async (t) => {
    const server = await startRealOvsdb(SCHEMA)
    try {
      const expected = await real(server.socketPath, ['-t', '1', 'add-br', 'br0'])
      const actual = await ours(server.socketPath, ['-t', '1', 'add-br', 'br1'])
      t.equal(actual.outcome, 'SIGALRM')
      t.equal(expected.outcome, 'SIGALRM')
      t.equal(normalise(actual.stderr), normalise(expected.stderr))
      await new Promise((resolve) => setTimeout(resolve, 1000))
      const memory = spawnSync('ovs-appctl', ['-t', join(server.dir, 'ctl'), 'memory/show'], { encoding: 'utf8' })
      t.match(memory.stdout, /monitors:0/, 'ovsdb-server has no monitor left: the timed-out invocation did not reconnect')
      t.notMatch(memory.stdout, /sessions:[1-9]/, `and no session (${memory.stdout.trim()})`)
    } finally {
      await server.stop()
    }
  })
}
