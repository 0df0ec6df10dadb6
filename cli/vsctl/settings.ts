// The global options of one invocation turned into settings (ovs-vsctl.c parse_options), and the
// schema vsctl compiles in (the shipped vswitch.ovsschema, like ovs-vsctl's generated IDL class).

import { readFileSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { databaseSchemaFromJson, type DatabaseSchema } from '../../schema/index.js'
import { parseJsonExact } from '../../protocol/index.js'
import { VsctlError } from './errors.js'
import { CELL_FORMATS, defaultStyle, TABLE_FORMATS, type TableStyle } from './output.js'

/** The default database remote, shared with switchyard-server's default listener. */
export const DEFAULT_DB = 'unix:./data/db.sock'

export interface Settings {
  db: string
  wait: boolean
  dryRun: boolean
  oneline: boolean
  /** Seconds; 0 for none. */
  timeout: number
  retry: boolean
  syslog: boolean
  style: TableStyle
  ssl: { privateKey?: string; certificate?: string; caCert?: string }
  /** help / version / commands / options: print and exit. */
  info: 'help' | 'version' | 'commands' | 'options' | undefined
}

/** Applies getopt results in order; throws VsctlError for bad values (ovs_fatal wording). */
export function settingsFromOptions(options: readonly [string, string | undefined][]): Settings {
  const s: Settings = { db: DEFAULT_DB, wait: true, dryRun: false, oneline: false, timeout: 0, retry: false, syslog: true, style: defaultStyle(), ssl: {}, info: undefined }
  for (const [name, value] of options) {
    switch (name) {
      case 'db': s.db = value!; break
      case 'no-wait': s.wait = false; break
      case 'dry-run': s.dryRun = true; break
      case 'oneline': s.oneline = true; break
      case 'retry': s.retry = true; break
      case 'no-syslog': s.syslog = false; break
      case 'timeout': s.timeout = parseTimeout(value!); break
      case 'format': s.style.format = pick(TABLE_FORMATS, value!, 'output'); break
      case 'data': s.style.cellFormat = pick(CELL_FORMATS, value!, 'data'); break
      case 'no-headings': s.style.headings = false; break
      case 'pretty': s.style.pretty = true; break
      case 'bare': Object.assign(s.style, { format: 'list', cellFormat: 'bare', headings: false }); break
      case 'max-column-width': s.style.maxColumnWidth = Number.parseInt(value!, 10) || 0; break
      case 'private-key': s.ssl.privateKey = value; break
      case 'certificate': s.ssl.certificate = value; break
      case 'ca-cert': case 'bootstrap-ca-cert': s.ssl.caCert = value; break
      case 'help': s.info ??= 'help'; break
      case 'version': s.info ??= 'version'; break
      case 'commands': s.info ??= 'commands'; break
      case 'options': s.info ??= 'options'; break
      default: break
    }
  }
  return s
}

function parseTimeout(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN
  if (!Number.isSafeInteger(n) || n === 0 || n > 4294967295) throw new VsctlError(`value ${value} on -t or --timeout is invalid`)
  return n
}

function pick<T extends string>(allowed: readonly T[], value: string, what: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new VsctlError(`unknown ${what} format "${value}"`)
  return value as T
}

let cachedSchema: DatabaseSchema | undefined

/** The shipped Open_vSwitch schema, found from this file under cli/ or dist/cli/. */
export function vswitchSchema(): DatabaseSchema {
  if (cachedSchema !== undefined) return cachedSchema
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 5; i++, dir = dirname(dir)) {
    const path = join(dir, 'schema', 'vswitch.ovsschema')
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8')
      // JSON.parse is exact unless an integer has 16+ digits; the shipped schema has none, so this is the fast path.
      cachedSchema = databaseSchemaFromJson(/\d{16}/.test(text) ? parseJsonExact(text) : JSON.parse(text))
      return cachedSchema
    }
  }
  throw new Error('cannot find schema/vswitch.ovsschema')
}

