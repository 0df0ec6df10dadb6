// SSL commands (ovs-vsctl.c cmd_get_ssl, cmd_del_ssl, cmd_set_ssl): the one SSL row that
// Open_vSwitch.ssl points to.

import type { Context } from '../context.js'
import type { CommandSpec, PrereqContext } from '../spec.js'

const SSL_COLUMNS = ['private_key', 'certificate', 'ca_cert', 'bootstrap_ca_cert'] as const

function preGetSsl(ctx: PrereqContext): void {
  ctx.prereqs.addColumn('Open_vSwitch', 'ssl')
  for (const column of SSL_COLUMNS) ctx.prereqs.addColumn('SSL', column)
}

function preSsl(ctx: PrereqContext): void {
  ctx.prereqs.addColumn('Open_vSwitch', 'ssl')
}

function getSsl(ctx: Context): void {
  const [ssl] = ctx.refs('Open_vSwitch', ctx.ovs, 'ssl')
  ctx.verify('Open_vSwitch', ctx.ovs, 'ssl')
  if (ssl === undefined) return
  for (const column of SSL_COLUMNS) ctx.verify('SSL', ssl, column)
  ctx.output += `Private key: ${ctx.string('SSL', ssl, 'private_key')}\n`
  ctx.output += `Certificate: ${ctx.string('SSL', ssl, 'certificate')}\n`
  ctx.output += `CA Certificate: ${ctx.string('SSL', ssl, 'ca_cert')}\n`
  ctx.output += `Bootstrap: ${ctx.scalar('SSL', ssl, 'bootstrap_ca_cert') === true ? 'true' : 'false'}\n`
}

function delSsl(ctx: Context): void {
  const [ssl] = ctx.refs('Open_vSwitch', ctx.ovs, 'ssl')
  if (ssl === undefined) return
  ctx.verify('Open_vSwitch', ctx.ovs, 'ssl')
  ctx.txn.delete('SSL', ssl)
  ctx.writeSet('Open_vSwitch', ctx.ovs, 'ssl', [])
}

function setSsl(ctx: Context): void {
  const [old] = ctx.refs('Open_vSwitch', ctx.ovs, 'ssl')
  ctx.verify('Open_vSwitch', ctx.ovs, 'ssl')
  if (old !== undefined) ctx.txn.delete('SSL', old)
  const ssl = ctx.txn.insert('SSL')
  ctx.writeSet('SSL', ssl, 'private_key', [ctx.argv[1]])
  ctx.writeSet('SSL', ssl, 'certificate', [ctx.argv[2]])
  ctx.writeSet('SSL', ssl, 'ca_cert', [ctx.argv[3]])
  ctx.writeSet('SSL', ssl, 'bootstrap_ca_cert', [ctx.has('--bootstrap')])
  ctx.writeSet('Open_vSwitch', ctx.ovs, 'ssl', [ssl])
}

export const SSL_COMMANDS: readonly CommandSpec[] = [
  { name: 'get-ssl', minArgs: 0, maxArgs: 0, args: '', options: '', mode: 'ro', prereq: preGetSsl, run: getSsl },
  { name: 'del-ssl', minArgs: 0, maxArgs: 0, args: '', options: '', mode: 'rw', prereq: preSsl, run: delSsl },
  { name: 'set-ssl', minArgs: 3, maxArgs: 3, args: 'PRIVATE-KEY CERTIFICATE CA-CERT', options: '--bootstrap', mode: 'rw', prereq: preSsl, run: setSsl },
]
