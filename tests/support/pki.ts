// Throw-away TLS material made with the openssl command for tests: a CA, a server and a client
// certificate it signed, and an intruder certificate signed by another CA (EC P-256 keys, two days).

import type { Test } from 'tap'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The openssl command, or undefined when it is not installed. */
export const OPENSSL = ['/usr/bin/openssl', '/usr/local/bin/openssl'].find(existsSync)

/** Files `ca`, `rogue` (another CA), `server`, `client` and `intruder` (signed by rogue), each `.key` and `.pem`. */
export interface Pki {
  readonly dir: string
  file(name: string): string
  read(name: string): Buffer
}

/** Makes the material in a temp directory removed at the test's teardown; needs OPENSSL. */
export function makePki(t: Test): Pki {
  const dir = mkdtempSync(join(tmpdir(), 'sy-pki-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const ssl = (...args: string[]) => execFileSync(OPENSSL!, args, { cwd: dir, stdio: 'ignore' })
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
  for (const ca of ['ca', 'rogue']) ssl('req', '-x509', ...key, '-keyout', `${ca}.key`, '-out', `${ca}.pem`, '-days', '2', '-subj', `/CN=${ca}`)
  for (const [name, ca] of [['server', 'ca'], ['client', 'ca'], ['intruder', 'rogue']]) {
    ssl('req', ...key, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`)
    ssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-out', `${name}.pem`, '-days', '2')
  }
  return { dir, file: (name) => join(dir, name), read: (name) => readFileSync(join(dir, name)) }
}
