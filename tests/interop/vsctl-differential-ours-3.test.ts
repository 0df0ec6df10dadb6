// The vsctl differential scenarios against switchyard-server (built by `npm run build`), shard 3 of 3:
// the same scenarios as vsctl-differential.test.ts, judged by the real ovs-vsctl on the real ovsdb-server.

process.env.VSCTL_SERVER = 'switchyard'
process.env.VSCTL_SHARD = '2/3'
await import('./vsctl-differential.test.js')
