// The vsctl differential scenarios against switchyard-server (built by `npm run build`): the same
// scenarios as vsctl-differential.test.ts, judged by the real ovs-vsctl on the real ovsdb-server.

process.env.VSCTL_SERVER = 'switchyard'
await import('./vsctl-differential.test.js')
