// switchyard-reconciler's command line: defaults, options in both spellings, and one-line errors.
import t from 'tap'
import { DEFAULT_REMOTE, parseReconcilerArgs } from '../../reconciler/args.js'

t.test('no arguments: the server\'s default socket, the sim engine, no devices, info logging', async (t) => {
  t.same(parseReconcilerArgs([]), { remote: DEFAULT_REMOTE, engine: 'sim', devices: [], devicesFile: undefined, logLevel: 'info' })
  t.equal(DEFAULT_REMOTE, 'unix:./data/db.sock')
})

t.test('options take their value after = or as the next argument; the remote is the one operand', async (t) => {
  t.same(parseReconcilerArgs(['--engine', 'sim', '--devices=eth0,eth1', '--devices-file', 'd.json', '--log-level', 'dbg', 'tcp:127.0.0.1:6640']), {
    remote: 'tcp:127.0.0.1:6640', engine: 'sim', devices: ['eth0', 'eth1'], devicesFile: 'd.json', logLevel: 'dbg',
  })
})

t.test('--help returns null', async (t) => {
  t.equal(parseReconcilerArgs(['--help']), null)
  t.equal(parseReconcilerArgs(['-h']), null)
})

t.test('bad arguments throw one-line errors', async (t) => {
  t.throws(() => parseReconcilerArgs(['--engine=linux']), /unknown engine "linux" \(expected sim\)/)
  t.throws(() => parseReconcilerArgs(['--bogus']), /unrecognized option '--bogus'/)
  t.throws(() => parseReconcilerArgs(['unix:a', 'unix:b']), /exactly zero or one non-option argument/)
  t.throws(() => parseReconcilerArgs(['--devices']), /option '--devices' requires an argument/)
  t.throws(() => parseReconcilerArgs(['--log-level=loud']), /unknown log level "loud"/)
})
