/**
 * `npm run screenshots`: starts the app on a temporary SQLite database with the demo newsroom
 * and saves PNGs of the main pages at desktop (1280 px) and phone (390 px) width under
 * docs/screenshots/, for the README and for reviewing what a change looks like.
 *
 * Needs Chromium (CHROMIUM_PATH, default /usr/bin/chromium) and Redis as `npm start` does.
 */
import { spawn, execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'
import { testEnv } from '../src/env.js'
import { CHROMIUM_ARGS } from '../test/helpers/browser.js'
import { buildEditorBundle } from './editor-bundle.js'

const root = resolve(import.meta.dirname, '..')
const out = join(root, 'docs', 'screenshots')
const WIDTHS = [1280, 390] as const
const ADMIN_EMAIL = 'admin@example.fi'
const ADMIN_PASSWORD = 'screenshots-Pa55word-2026'

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      server.close(() => done(port))
    })
  })
}

async function waitFor(url: string, ms = 60_000): Promise<void> {
  const until = Date.now() + ms
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s`)
}

async function main() {
  // The editor's pages show the rich-text editor the build makes (npm start builds it too).
  await buildEditorBundle()
  const dir = mkdtempSync(join(tmpdir(), 'tiedote-screenshots-'))
  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const env = {
    ...process.env,
    PORT: String(port),
    PUBLIC_URL: origin,
    DATA_DIR: dir,
    DATABASE_URL: `sqlite:${join(dir, 'tiedote.db')}`,
    REDIS_PREFIX: `screenshots-${process.pid}`,
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
  }
  const cli = join(root, 'src', 'cli.ts')
  const tsx = join(root, 'node_modules', '.bin', 'tsx')
  const created = execFileSync(
    tsx,
    [cli, 'user', 'create', '--email', ADMIN_EMAIL, '--role', 'admin', '--name', 'Anna Admin'],
    { env, encoding: 'utf8' },
  )
  const oneTimePassword = created.trim().split('\n').pop()!.trim()
  const server = spawn(tsx, [cli, 'serve'], { env, stdio: ['ignore', 'inherit', 'inherit'] })
  const browser = await chromium.launch({
    executablePath: testEnv.chromiumPath(),
    args: CHROMIUM_ARGS,
  })
  try {
    await waitFor(`${origin}/healthz`)
    mkdirSync(out, { recursive: true })
    const release = await firstReleasePaths(origin)
    const pages: [string, string][] = [
      ['front-fi', '/fi/'],
      ['newsroom-fi', '/fi/lansi-uusimaa'],
      ['release-fi', release.fi],
      ['release-sv', release.sv],
      ['subscribe-fi', '/fi/lansi-uusimaa/subscribe'],
      ['subscribe-sv', '/sv/lansi-uusimaa/subscribe'],
      ['contacts-fi', '/fi/lansi-uusimaa/contacts'],
      ['contacts-sv', '/sv/lansi-uusimaa/contacts'],
      ['media-fi', '/fi/lansi-uusimaa/media'],
      ['media-sv', '/sv/lansi-uusimaa/media'],
      ['search-fi', '/fi/search?q=strategiaa'],
      ['feeds-fi', '/fi/feeds'],
      // A feed as a browser shows it, through /feeds/feed.xsl.
      ['feed-rss-fi', '/feeds/lansi-uusimaa.rss?lang=fi'],
      ['feed-atom-sv', '/feeds/lansi-uusimaa.atom?lang=sv'],
    ]
    const adminPages: [string, string][] = [
      ['admin-dashboard', '/admin'],
      ['admin-keywords', '/admin/keywords'],
      ['admin-contacts', '/admin/contacts'],
      ['admin-media', '/admin/media'],
      ['admin-webhooks', '/admin/webhooks'],
      ['admin-media-lists', '/admin/media-lists'],
      ['admin-editor', '/admin/releases/new'],
    ]
    let password = oneTimePassword
    for (const width of WIDTHS) {
      const context = await browser.newContext({ viewport: { width, height: 900 } })
      const page = await context.newPage()
      for (const [name, path] of pages) {
        // Chromium never reports a page made by XSLT as network-idle; its stylesheets are
        // loaded by the load event.
        const waitUntil = path.startsWith('/feeds/') ? 'load' : 'networkidle'
        await page.goto(`${origin}${path}`, { waitUntil })
        // Chromium's own banner on pages made with XSLT ("This site uses XSLT…"), closed as a
        // reader would: the screenshot shows the page.
        const banner = page.locator('xslt-warning-banner button')
        if ((await banner.count()) > 0) await banner.click()
        await page.screenshot({ path: join(out, `${name}-${width}.png`), fullPage: true })
      }
      password = await signIn(page, origin, password)
      // The demo's model release in the editor: its images, the lead marked.
      await page.goto(`${origin}/admin/releases?status=published`)
      const links = await page.$$eval('a[href^="/admin/releases/"]', (as) =>
        as.map((a) => [a.getAttribute('href') ?? '', a.textContent ?? '']),
      )
      const model = links.find(
        ([href, text]) => /^\/admin\/releases\/\d+$/.test(href) && text.includes('Valtuustoryhmät'),
      )
      const editors: [string, string][] = model
        ? [
            ['admin-release', model[0]],
            ['admin-release-delivery', `${model[0]}/delivery`],
          ]
        : []
      for (const [name, path] of [...adminPages, ...editors]) {
        await page.goto(`${origin}${path}`, { waitUntil: 'networkidle' })
        await page.screenshot({ path: join(out, `${name}-${width}.png`), fullPage: true })
      }
      // The confirmation of a correction that emails subscribers (shown, not confirmed).
      if (model) {
        await page.goto(`${origin}${model[0]}`, { waitUntil: 'networkidle' })
        const notify = page.locator(
          '#corrections-h ~ form input[name="notify"], form[action$="/corrections"] input[name="notify"]',
        )
        if ((await notify.count()) > 0) {
          await page
            .locator('form[action$="/corrections"] textarea')
            .first()
            .fill('Päivämäärä korjattu: 14.3.')
          await notify.first().check()
          await page.locator('form[action$="/corrections"] button[type="submit"]').click()
          await page.waitForLoadState('networkidle')
          await page.screenshot({
            path: join(out, `admin-correction-confirm-${width}.png`),
            fullPage: true,
          })
        }
      }
      await context.close()
    }
    console.log(`Screenshots saved in ${out}`)
  } finally {
    await browser.close()
    server.kill('SIGTERM')
    await new Promise((r) => server.once('exit', r))
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The demo's strategy release (the model page) in Finnish and Swedish, from the JSON feeds. */
async function firstReleasePaths(origin: string): Promise<{ fi: string; sv: string }> {
  const path = async (lang: string) => {
    const feed = (await (
      await fetch(`${origin}/feeds/lansi-uusimaa.json?lang=${lang}`)
    ).json()) as { items: { url: string }[] }
    // The oldest release about the strategy: the model page itself.
    const item = feed.items.filter((i) => /strategi/.test(i.url)).pop() ?? feed.items[0]
    return new URL(item.url).pathname
  }
  return { fi: await path('fi'), sv: await path('sv') }
}

/**
 * Signs in; at the first sign-in the one-time password is changed as the app asks. Returns the
 * password that works from now on.
 */
async function signIn(
  page: import('playwright-core').Page,
  origin: string,
  password: string,
): Promise<string> {
  await page.goto(`${origin}/admin/login`)
  await page.fill('#email', ADMIN_EMAIL)
  await page.fill('#password', password)
  await Promise.all([page.waitForNavigation(), page.click('form[action="/admin/login"] button')])
  if (new URL(page.url()).pathname === '/admin/password') {
    await page.fill('input[name="current"]', password)
    await page.fill('input[name="next"]', ADMIN_PASSWORD)
    await Promise.all([
      page.waitForNavigation(),
      page.click('form[action="/admin/password"] button[type="submit"]'),
    ])
    return ADMIN_PASSWORD
  }
  return password
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
