// The live page in a real browser: Debian's chromium, driven headless by playwright-core, opens
// GET / of an in-process server; changes made with our vsctl (a separate process, over the Unix
// socket) appear on the page through the /ws monitor without a reload. Skips loudly without chromium.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { startHttpTest } from '../server/http/helpers.js'

const CHROMIUM = '/usr/bin/chromium'
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/** Runs our vsctl (the build when present, else the source through tsx) against `socket`. */
function vsctl(socket: string, ...args: string[]): Promise<string> {
  const built = join(ROOT, 'dist', 'cli', 'vsctl.js')
  const command = existsSync(built) ? [built] : ['--import', 'tsx', join(ROOT, 'cli', 'vsctl.ts')]
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...command, '--no-wait', `--db=unix:${socket}`, ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      if (error) reject(new Error(`vsctl ${args.join(' ')}: ${stderr || error.message}`))
      else resolve(stdout)
    })
  })
}

/** A page-side expression (the browser's DOM is not in this file's types): the view contains `text`. */
function showing(text: string): string {
  return `document.getElementById('show').textContent.includes(${JSON.stringify(text)})`
}

if (!existsSync(CHROMIUM)) {
  t.comment(`SKIP: chromium not installed (${CHROMIUM}; Debian package "chromium")`)
  t.pass('skipped: chromium not installed')
} else {
  t.test('a bridge, port and interface status made with vsctl appear on the live page without a reload', async (t) => {
    const { chromium } = await import('playwright-core')
    const { app, socketPath } = await startHttpTest(t, { config: { databases: [{ path: join(mkdtempSync(join(tmpdir(), 'sy-web-')), 'conf.db'), schemaPath: null }] } })
    await vsctl(socketPath, 'init')
    const profile = mkdtempSync(join(tmpdir(), 'sy-chromium-'))
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS })
    t.teardown(async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    })
    const page = await context.newPage()
    const address = app.server.address() as { port: number }
    await page.goto(`http://127.0.0.1:${address.port}/`)
    await page.waitForSelector('#status[data-state="live"]')
    await page.evaluate('window.loadedOnce = true')
    const shown = () => page.locator('#show').textContent()

    await vsctl(socketPath, 'add-br', 'brweb')
    await page.waitForFunction(showing('Bridge brweb'))
    t.match(await shown(), /^ {4}Bridge brweb$/m)

    await vsctl(socketPath, 'add-port', 'brweb', 'pweb', '--', 'set', 'Interface', 'pweb', 'type=internal')
    await page.waitForFunction(showing('Interface pweb'))
    t.match(await shown(), /^ {8}Port pweb\n {12}Interface pweb\n {16}type: internal$/m)

    await vsctl(socketPath, 'set', 'Interface', 'pweb', 'ofport=7', 'link_state=up', 'bfd_status:state=up')
    await page.waitForFunction(showing('bfd: up'))
    t.match(await shown(), /Interface pweb\n {16}type: internal\n {16}ofport: 7\n {16}link_state: up\n {16}bfd: up/)

    await vsctl(socketPath, 'del-br', 'brweb')
    await page.waitForFunction(`!(${showing('brweb')})`)
    t.notMatch(await shown(), /brweb|pweb/)
    t.equal(await page.evaluate('window.loadedOnce'), true, 'the page was never reloaded')
  })
}
