// The live page's script (no build step): JSON-RPC 2.0 over /ws, get_schema then monitor_cond on
// Open_vSwitch; applies the initial contents and every update2 notification to a local replica and
// renders it as `ovs-vsctl show` does, plus ofport, link_state and the BFD state of interfaces.
/* global window, document, WebSocket, URLSearchParams, setTimeout */

const DB = 'Open_vSwitch'
const MONITOR_ID = 'live'
/** Monitored tables and columns: ovs-vsctl show's, plus ofport, link_state and bfd_status. */
const COLUMNS = {
  Open_vSwitch: ['manager_options', 'bridges', 'ovs_version', 'cur_cfg', 'next_cfg'],
  Bridge: ['name', 'controller', 'fail_mode', 'datapath_type', 'ports'],
  Port: ['name', 'tag', 'trunks', 'interfaces'],
  Interface: ['name', 'type', 'options', 'error', 'ofport', 'link_state', 'bfd_status'],
  Controller: ['target', 'is_connected'],
  Manager: ['target', 'is_connected'],
}

const statusEl = document.getElementById('status')
const showEl = document.getElementById('show')
let kinds = {}
let replica = {}
let nextId = 1
const pending = new Map()

function setStatus(state, text) {
  statusEl.dataset.state = state
  statusEl.textContent = text
}

function connect() {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token')
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:'
  const ws = new WebSocket(`${scheme}//${window.location.host}/ws${token ? `?token=${encodeURIComponent(token)}` : ''}`)
  const call = (method, params) =>
    new Promise((resolve, reject) => {
      const id = nextId++
      pending.set(id, { resolve, reject })
      ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }))
    })
  ws.onmessage = (event) => receive(JSON.parse(event.data))
  ws.onclose = () => {
    setStatus('down', 'disconnected; retrying…')
    for (const { reject } of pending.values()) reject(new Error('disconnected'))
    pending.clear()
    setTimeout(connect, 1000)
  }
  ws.onopen = async () => {
    try {
      kinds = columnKinds(await call('get_schema', [DB]))
      replica = {}
      const requests = Object.fromEntries(Object.entries(COLUMNS).map(([table, columns]) => [table, [{ columns }]]))
      applyUpdates(await call('monitor_cond', [DB, MONITOR_ID, requests]))
      setStatus('live', 'live')
      render()
    } catch (error) {
      setStatus('down', `error: ${error.message}`)
    }
  }
}

function receive(message) {
  if (message.method === 'update2' && message.params[0] === MONITOR_ID) {
    applyUpdates(message.params[1])
    return render()
  }
  const waiter = pending.get(message.id)
  if (waiter === undefined) return
  pending.delete(message.id)
  if (message.error) waiter.reject(new Error(JSON.stringify(message.error.data ?? message.error)))
  else waiter.resolve(message.result)
}

/** table → column → 'scalar' | 'set' | 'map', with the column's key type (for defaults). */
function columnKinds(schema) {
  const result = {}
  for (const [table, columns] of Object.entries(COLUMNS)) {
    result[table] = {}
    for (const column of columns) {
      const type = schema.tables[table].columns[column].type
      const key = typeof type === 'string' ? type : typeof type.key === 'string' ? type.key : type.key.type
      const min = type.min ?? 1
      const max = type.max ?? 1
      const kind = type.value !== undefined ? 'map' : min === 1 && max === 1 ? 'scalar' : 'set'
      result[table][column] = { kind, key }
    }
  }
  return result
}

const SCALAR_DEFAULTS = { integer: 0, real: 0, boolean: false, string: '', uuid: '00000000-0000-0000-0000-000000000000' }

function atom(json) {
  return Array.isArray(json) && json[0] === 'uuid' ? json[1] : json
}

/** A datum as JS: scalar value, array of atoms, or array of [key, value] pairs. */
function datum(json, kind) {
  if (kind === 'map') return Array.isArray(json) && json[0] === 'map' ? json[1].map(([k, v]) => [atom(k), atom(v)]) : []
  const atoms = Array.isArray(json) && json[0] === 'set' ? json[1].map(atom) : [atom(json)]
  return kind === 'scalar' ? atoms[0] : atoms
}

function emptyRow(table) {
  const row = {}
  for (const [column, { kind, key }] of Object.entries(kinds[table])) row[column] = kind === 'scalar' ? SCALAR_DEFAULTS[key] : []
  return row
}

function applyUpdates(updates) {
  for (const [table, rows] of Object.entries(updates)) {
    replica[table] ??= {}
    for (const [uuid, change] of Object.entries(rows)) {
      if ('delete' in change) delete replica[table][uuid]
      const full = change.initial ?? change.insert
      if (full !== undefined) replica[table][uuid] = Object.assign(emptyRow(table), convert(table, full))
      if (change.modify !== undefined) applyDiff(table, replica[table][uuid], change.modify)
    }
  }
}

function convert(table, columns) {
  return Object.fromEntries(Object.entries(columns).map(([column, json]) => [column, datum(json, kinds[table][column].kind)]))
}

/** update2 `modify`: scalars are replaced, sets take the symmetric difference, maps change by key. */
function applyDiff(table, row, diff) {
  for (const [column, json] of Object.entries(diff)) {
    const kind = kinds[table][column].kind
    const change = datum(json, kind)
    if (kind === 'scalar') row[column] = change
    else if (kind === 'set') {
      const keys = new Set(change.map((a) => JSON.stringify(a)))
      row[column] = row[column].filter((a) => !keys.delete(JSON.stringify(a))).concat([...keys].map((k) => JSON.parse(k)))
    } else {
      const map = new Map(row[column].map(([k, v]) => [JSON.stringify(k), [k, v]]))
      for (const [k, v] of change) {
        const old = map.get(JSON.stringify(k))
        if (old !== undefined && JSON.stringify(old[1]) === JSON.stringify(v)) map.delete(JSON.stringify(k))
        else map.set(JSON.stringify(k), [k, v])
      }
      row[column] = [...map.values()]
    }
  }
}

function text(value) {
  if (typeof value !== 'string') return String(value)
  return /^[a-zA-Z0-9_.:/-]+$/.test(value) && value !== '' ? value : JSON.stringify(value)
}

function rows(table, uuids) {
  return uuids.map((uuid) => replica[table]?.[uuid]).filter(Boolean)
}

function byName(a, b) {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0
}

function render() {
  const out = []
  const line = (level, s) => out.push(' '.repeat(level * 4) + s)
  for (const [uuid, ovs] of Object.entries(replica.Open_vSwitch ?? {})) {
    line(0, uuid)
    for (const manager of rows('Manager', ovs.manager_options)) {
      line(1, `Manager ${text(manager.target)}`)
      if (manager.is_connected) line(2, 'is_connected: true')
    }
    for (const bridge of rows('Bridge', ovs.bridges).sort(byName)) renderBridge(bridge, line)
    if (ovs.ovs_version.length > 0) line(1, `ovs_version: ${JSON.stringify(ovs.ovs_version[0])}`)
  }
  showEl.textContent = out.join('\n')
}

function renderBridge(bridge, line) {
  line(1, `Bridge ${text(bridge.name)}`)
  for (const controller of rows('Controller', bridge.controller)) {
    line(2, `Controller ${text(controller.target)}`)
    if (controller.is_connected) line(3, 'is_connected: true')
  }
  if (bridge.fail_mode.length > 0) line(2, `fail_mode: ${text(bridge.fail_mode[0])}`)
  if (bridge.datapath_type !== '') line(2, `datapath_type: ${text(bridge.datapath_type)}`)
  for (const port of rows('Port', bridge.ports).sort(byName)) {
    line(2, `Port ${text(port.name)}`)
    if (port.tag.length > 0) line(3, `tag: ${port.tag[0]}`)
    if (port.trunks.length > 0) line(3, `trunks: [${port.trunks.sort((a, b) => a - b).join(', ')}]`)
    for (const iface of rows('Interface', port.interfaces).sort(byName)) renderInterface(iface, line)
  }
}

function renderInterface(iface, line) {
  const pairs = (map) => `{${map.map(([k, v]) => `${text(k)}=${text(v)}`).join(', ')}}`
  line(3, `Interface ${text(iface.name)}`)
  if (iface.type !== '') line(4, `type: ${text(iface.type)}`)
  if (iface.options.length > 0) line(4, `options: ${pairs(iface.options)}`)
  if (iface.error.length > 0) line(4, `error: ${JSON.stringify(iface.error[0])}`)
  if (iface.ofport.length > 0) line(4, `ofport: ${iface.ofport[0]}`)
  if (iface.link_state.length > 0) line(4, `link_state: ${iface.link_state[0]}`)
  const bfd = new Map(iface.bfd_status)
  if (bfd.has('state')) line(4, `bfd: ${bfd.get('state')}${bfd.has('diagnostic') ? ` (${bfd.get('diagnostic')})` : ''}`)
}

setStatus('connecting', 'connecting…')
connect()
