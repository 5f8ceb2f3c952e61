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
import { signOptOutToken } from '../src/core/media-lists/opt-out.js'

const root = resolve(import.meta.dirname, '..')
const out = join(root, 'docs', 'screenshots')
const WIDTHS = [1280, 390] as const
const ADMIN_EMAIL = 'admin@example.fi'
const ADMIN_PASSWORD = 'screenshots-Pa55word-2026'
/** Known here so the script can make a journalist's opt-out link as the emails carry it. */
const SECRET_KEY = 'screenshots-secret-key-0123456789abcdef0123456789abcdef'

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
    SECRET_KEY,
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
      ['admin-releases', '/admin/releases'],
      ['admin-scheduled', '/admin/scheduled'],
      ['admin-subscribers', '/admin/subscribers'],
      ['admin-newsrooms', '/admin/newsrooms'],
      ['admin-newsroom-settings', '/admin/newsrooms/1'],
      ['admin-users', '/admin/users'],
      ['admin-user', '/admin/users/1'],
      ['admin-tokens', '/admin/tokens'],
      ['admin-audit', '/admin/audit'],
      ['admin-account', '/admin/password'],
      ['admin-keywords', '/admin/keywords'],
      ['admin-contacts', '/admin/contacts'],
      ['admin-media', '/admin/media'],
      ['admin-webhooks', '/admin/webhooks'],
      ['admin-media-lists', '/admin/media-lists'],
      ['admin-editor', '/admin/releases/new'],
    ]
    let password = oneTimePassword
    let mediaList: MediaListSample | undefined
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
            ['admin-delivery', `${model[0]}/delivery`],
            ['admin-embargo', `${model[0]}/embargo`],
          ]
        : []
      mediaList ??= await createMediaListSample(page, origin)
      const journalistPages: [string, string][] = [
        ['admin-media-list', mediaList.listPath],
        ['media-optout-fi', mediaList.optOutPath],
        ['media-optout-sv', `${mediaList.optOutPath}?lang=sv`],
      ]
      const shoot = async (name: string, path: string) => {
        await page.goto(`${origin}${path}`, { waitUntil: 'networkidle' })
        await page.screenshot({ path: join(out, `${name}-${width}.png`), fullPage: true })
      }
      for (const [name, path] of [...adminPages, ...editors, ...journalistPages])
        await shoot(name, path)
      // The navigation with its administration group open.
      await page.goto(`${origin}/admin`, { waitUntil: 'networkidle' })
      await page.locator('.admin-nav details summary').last().click()
      await page.screenshot({ path: join(out, `admin-nav-open-${width}.png`) })
      // A test send from the delivery page, then the outbox and the message as it was sent.
      if (model) {
        await page.goto(`${origin}${model[0]}/delivery`, { waitUntil: 'networkidle' })
        await Promise.all([
          page.waitForNavigation(),
          page.click('form[action$="/test-send"] button[type="submit"]'),
        ])
        await page.screenshot({ path: join(out, `admin-test-send-${width}.png`), fullPage: true })
      }
      await shoot('admin-outbox', '/admin/outbox')
      const message = await page.$$eval('a[href^="/admin/outbox/"]', (as) =>
        as.map((a) => a.getAttribute('href') ?? '').find((href) => !href.endsWith('/raw')),
      )
      if (message) await shoot('admin-outbox-message', message)
      const list = await page.goto(`${origin}/admin/media-lists`, { waitUntil: 'networkidle' })
      const listLink = list
        ? await page.$$eval('a[href^="/admin/media-lists/"]', (as) =>
            as.map((a) => a.getAttribute('href') ?? '').find((href) => /\/\d+$/.test(href)),
          )
        : undefined
      if (listLink) await shoot('admin-media-list', listLink)
      // Publishing a new draft: the confirmation with a media list ticked and the recipient
      // count, one per address.
      await page.goto(`${origin}/admin/releases/new`, { waitUntil: 'networkidle' })
      await page.fill('#title-fi', 'Hyvinvointialueen talousarvio 2027 hyväksyttiin')
      await Promise.all([
        page.waitForNavigation(),
        page.click('button[name="action"][value="save"]'),
      ])
      const draft = /\/admin\/releases\/\d+/.exec(page.url())?.[0]
      if (draft && listLink)
        await shoot(
          'admin-publish-lists',
          `${draft}/publish?lists=chosen&list=${listLink.split('/').pop()}`,
        )
      // Adding one subscriber by hand, and one subscriber's page.
      await shoot('admin-subscriber-new', '/admin/subscribers/new')
      await page.fill('#email', `anna.lehtinen.${width}@example.fi`)
      await page.check('input[name="languages"][value="sv"]')
      await Promise.all([
        page.waitForNavigation(),
        page.click('form[action="/admin/subscribers/new"] button[type="submit"]'),
      ])
      await page.screenshot({ path: join(out, `admin-subscriber-${width}.png`), fullPage: true })
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

interface MediaListSample {
  listPath: string
  /** The opt-out page of a journalist who has not opted out. */
  optOutPath: string
}

/**
 * A media list with three journalists through the staff pages, one of whom opts out with one
 * click (as a mail provider would), so the list page shows both states.
 */
async function createMediaListSample(
  page: import('playwright-core').Page,
  origin: string,
): Promise<MediaListSample> {
  await page.goto(`${origin}/admin/media-lists`)
  await page.fill('#name', 'Maakuntalehdet')
  await Promise.all([
    page.waitForNavigation(),
    page.click('form[action^="/admin/media-lists?"] button'),
  ])
  const listPath = await page.$eval('a[href^="/admin/media-lists/"]', (a) =>
    a.getAttribute('href')!,
  )
  const journalists = [
    ['aino.toimittaja@example.fi', 'Aino Toimittaja', 'Länsi-Uusimaa', 'fi'],
    ['bo.redaktor@example.fi', 'Bo Redaktör', 'Västra Nyland', 'sv'],
    ['eero.uutiset@example.fi', 'Eero Uutinen', 'Uusimaa-lehti', 'fi'],
  ]
  for (const [email, name, outlet, language] of journalists) {
    await page.goto(`${origin}${listPath}`)
    await page.fill('#email', email)
    await page.fill('#name', name)
    await page.fill('#outlet', outlet)
    await page.selectOption('#language', language)
    await Promise.all([page.waitForNavigation(), page.click(`form[action$="/contacts"] button`)])
  }
  const rows = await page.$$eval('form[action$="/remove"] button', (buttons) =>
    buttons.map((b) => [
      b.closest('form')!.getAttribute('action')!,
      (b.getAttribute('aria-label') ?? '').split(': ').pop()!,
    ]),
  )
  const tokenOf = (email: string) => {
    const action = rows.find(([, subject]) => subject === email)![0]
    const id = Number(/\/contacts\/(\d+)\/remove$/.exec(action)![1])
    return signOptOutToken(SECRET_KEY, { kind: 'c', id, emailNormalized: email })
  }
  await fetch(`${origin}/media-optout/${tokenOf('eero.uutiset@example.fi')}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  })
  return { listPath, optOutPath: `/media-optout/${tokenOf('aino.toimittaja@example.fi')}` }
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
