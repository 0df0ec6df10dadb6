// Interface:bfd parsing: defaults, and every bad value ovs-vswitchd 3.1 was seen to clamp or ignore.
import t from 'tap'
import { parseBfdConfig, parseIpv4, parseMac, smapInt } from '../../../reconciler/bfd/index.js'

const on = (extra: Record<string, string> = {}) => parseBfdConfig({ enable: 'true', ...extra }, 'ovA')

t.test('BFD is off unless enable is "true" in any letter case', async (t) => {
  t.equal(parseBfdConfig({}, 'p').config, undefined)
  for (const value of ['yes', '1', 'on', 'false', '']) t.equal(parseBfdConfig({ enable: value }, 'p').config, undefined, value)
  t.ok(parseBfdConfig({ enable: 'TRUE' }, 'p').config)
  t.ok(parseBfdConfig(new Map([['enable', 'True']]), 'p').config, 'a Map works too')
})

t.test('defaults are those of ovs-vswitchd', async (t) => {
  t.strictSame(on(), {
    config: {
      minRx: 1000,
      minTx: 100,
      decayMinRx: 0,
      mult: 3,
      forwardingIfRx: false,
      cpathDown: false,
      checkTnlKey: false,
      oam: false,
      srcIp: '169.254.1.1',
      dstIp: '169.254.1.0',
      localSrcMac: undefined,
      localDstMac: '00:23:20:00:00:01',
      remoteDstMac: undefined,
    },
    logs: [],
  })
})

t.test('bad values fall back or clamp as ovs-vswitchd does, never an error', async (t) => {
  const cases: [Record<string, string>, Record<string, unknown>][] = [
    [{ mult: '0' }, { mult: 3 }],
    [{ mult: '256' }, { mult: 3 }],
    [{ mult: 'abc' }, { mult: 3 }],
    [{ mult: '5' }, { mult: 5 }],
    [{ min_tx: '0' }, { minTx: 1 }],
    [{ min_tx: '-5' }, { minTx: 1 }],
    [{ min_tx: 'abc' }, { minTx: 100 }],
    [{ min_tx: '99999999999' }, { minTx: 100 }],
    [{ min_rx: '0' }, { minRx: 1 }],
    [{ min_rx: 'xyz' }, { minRx: 1000 }],
    [{ min_rx: ' 250' }, { minRx: 250 }],
    [{ min_rx: '250 ' }, { minRx: 1000 }],
    [{ forwarding_if_rx: 'maybe' }, { forwardingIfRx: false }],
    [{ cpath_down: 'true' }, { cpathDown: true }],
    [{ bfd_local_dst_mac: 'zz:zz' }, { localDstMac: '00:23:20:00:00:01' }],
    [{ bfd_local_dst_mac: '6A:4B:C8:1C:E5:DF' }, { localDstMac: '6a:4b:c8:1c:e5:df' }],
    [{ bfd_remote_dst_mac: '00:00:00:00:00:00' }, { remoteDstMac: undefined }],
    [{ bfd_src_ip: '192.0.2.10', bfd_dst_ip: '192.0.2.20' }, { srcIp: '192.0.2.10', dstIp: '192.0.2.20' }],
  ]
  for (const [extra, expected] of cases) {
    const parsed = on(extra)
    t.match(parsed.config, expected, JSON.stringify(extra))
    t.strictSame(parsed.logs, [], `${JSON.stringify(extra)} logs nothing`)
  }
})

t.test('bad addresses keep the default and log the error line', async (t) => {
  const parsed = on({ bfd_src_ip: 'not-an-ip', bfd_dst_ip: '300.1.1.1' })
  t.match(parsed.config, { srcIp: '169.254.1.1', dstIp: '169.254.1.0' })
  t.strictSame(parsed.logs, [
    { level: 'err', text: '"not-an-ip" is not a valid IP address' },
    { level: 'err', text: '"300.1.1.1" is not a valid IP address' },
  ])
})

t.test('decay_min_rx below min_rx disables decay with the warning', async (t) => {
  const parsed = on({ min_rx: '100', decay_min_rx: '50' })
  t.equal(parsed.config?.decayMinRx, 0)
  t.strictSame(parsed.logs, [{ level: 'warn', text: 'ovA: decay_min_rx cannot be less than 100 ms' }])
  t.equal(on({ min_rx: '100', decay_min_rx: '2000' }).config?.decayMinRx, 2000)
})

t.test('integers parse as a whole C int or not at all', async (t) => {
  t.equal(smapInt('+7', 1), 7)
  t.equal(smapInt('-7', 1), -7)
  t.equal(smapInt('0x10', 1), 1)
  t.equal(smapInt('2147483647', 1), 2147483647)
  t.equal(smapInt('2147483648', 1), 1)
  t.equal(smapInt('', 1), 1)
})

t.test('MACs parse as ovs_scan reads them, IPv4 as inet_pton', async (t) => {
  t.equal(parseMac('0:1:2:3:4:5'), '00:01:02:03:04:05')
  t.equal(parseMac('0x0a:1:2:3:4:5'), '0a:01:02:03:04:05')
  t.equal(parseMac('100:1:2:3:4:5'), '00:01:02:03:04:05', 'each number truncated to a byte')
  t.equal(parseMac('00:01:02:03:04:05:06'), undefined)
  t.equal(parseMac('00:01:02:03:04:05 '), undefined)
  t.equal(parseIpv4('192.0.2.1'), '192.0.2.1')
  for (const bad of ['192.0.2', '192.0.2.01', '256.0.0.1', '1.2.3.4.5', ' 1.2.3.4']) t.equal(parseIpv4(bad), undefined, bad)
})
