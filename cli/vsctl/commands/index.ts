// Every vsctl command, in ovs-vsctl's registration order, and the lookup table by name.

import type { CommandSpec } from '../spec.js'
import { AA_COMMANDS } from './aa.js'
import { BRIDGE_COMMANDS } from './bridge.js'
import { CONTROLLER_COMMANDS } from './controller.js'
import { DB_READ_COMMANDS } from './db.js'
import { DB_WRITE_COMMANDS } from './db-write.js'
import { INTERFACE_COMMANDS } from './interface.js'
import { MANAGER_COMMANDS } from './manager.js'
import { PORT_COMMANDS } from './port.js'
import { SHOW_COMMANDS } from './show.js'
import { SSL_COMMANDS } from './ssl.js'
import { SWITCH_COMMANDS } from './switch.js'

export const ALL_COMMANDS: readonly CommandSpec[] = [
  ...SWITCH_COMMANDS, ...BRIDGE_COMMANDS, ...PORT_COMMANDS, ...INTERFACE_COMMANDS, ...CONTROLLER_COMMANDS,
  ...MANAGER_COMMANDS, ...SSL_COMMANDS, ...AA_COMMANDS, ...DB_READ_COMMANDS, ...DB_WRITE_COMMANDS, ...SHOW_COMMANDS,
]

export const COMMANDS_BY_NAME: ReadonlyMap<string, CommandSpec> = new Map(ALL_COMMANDS.map((spec) => [spec.name, spec]))
