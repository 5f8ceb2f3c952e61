/**
 * The public pages in a real browser: Chromium (playwright-core) with axe-core checking WCAG 2.1
 * A and AA on the front page, a newsroom page and a release page in Finnish and Swedish, plus
 * the language switch a reader would use.
 */
import type { Browser } from 'playwright-core'
import { optOutPath } from '../../src/core/media-lists/opt-out.js'
import { axeViolations, launchChromium, serveApp } from '../helpers/browser.js'
import type { ServedApp } from '../helpers/browser.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoNewsroom, demoReleases } from '../../src/demo/content.js'
import { seedDemo } from '../../src/demo/seed.js'
import { embargoToken } from '../../src/core/embargo/links.js'
import { startApiHarness } from '../helpers/api.js'
import type { ApiHarness } from '../helpers/api.js'

describe('public pages in Chromium', () => {
  let h: ApiHarness
  let served: ServedApp | undefined
  let browser: Browser
  let origin = ''
  let release = { fi: '', sv: '' }
  /** A journalist's personal link to a release under embargo (its own page, with a banner). */
  let personal = ''
  /** The same journalist's opt-out page (its link is in every list email's footer). */
  let optOut = ''

  beforeAll(async () => {
    h = await startApiHarness('sqlite')
    await seedDemo(h.deps)
    const strategy = demoReleases.find((r) => r.attachment)!
    const { body } = await h.api('GET', '/releases?limit=100')
    const found = body.items.find(
      (r: { versions: Record<string, { title: string }> }) =>
        r.versions.fi?.title === strategy.versions.fi!.title,
    )
    release = { fi: found.versions.fi.path, sv: found.versions.sv.path }
    const list = await h.api('POST', `/newsrooms/${demoNewsroom.slug}/media-lists`, {
      name: 'Maakuntalehdet',
    })
    await h.api('POST', `/media-lists/${list.body.id}/contacts`, { email: 'toimitus@example.fi' })
    const embargoed = await h.api('POST', '/releases', {
      newsroom: demoNewsroom.slug,
      versions: {
        fi: { title: 'Uusi terveysasema avataan', body: 'Terveysasema avataan **toukokuussa**.' },
        sv: { title: 'Ny hälsostation öppnas', body: 'Hälsostationen öppnas i maj.' },
      },
    })
    const until = new Date(h.clock.now().getTime() + 86_400_000).toISOString()
    await h.api('POST', `/releases/${embargoed.body.id}/embargo`, {
      until,
      mediaLists: [list.body.id],
    })
    const recipient = await h.deps.database.db
      .selectFrom('embargo_recipients')
      .select(['id', 'release_id', 'token_salt', 'email_normalized'])
      .executeTakeFirstOrThrow()
    personal = `/embargo/${embargoToken(h.setup.config.secretKey, recipient.release_id, recipient.token_salt)}`
    optOut = optOutPath(h.setup.config.secretKey, {
      kind: 'e',
      id: recipient.id,
      emailNormalized: recipient.email_normalized,
    })
    served = await serveApp(h.app)
    origin = served.origin
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await served?.close()
    await h.close()
  })

  it('front, newsroom, contacts, media bank, subscribe and release pages in fi and sv (and the API docs) have no WCAG 2.1 AA violations, at desktop and phone width', async () => {
    // Both widths at once, each in its own page: the browser checks one while it loads the other.
    const byWidth = await Promise.all(
      [1280, 390].map(async (width) => {
        const page = await browser.newPage({ viewport: { width, height: 900 } })
        const problems = await violationsOn(page)
        await page.close()
        return { width, problems }
      }),
    )
    for (const { width, problems } of byWidth) expect(problems, `at ${width} px`).toEqual({})
  }, 120_000)

  it('lists the demo’s press contacts in Swedish with their Swedish titles, grouped, and tel: links', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 900 } })
    await page.goto(`${origin}/sv/${demoNewsroom.slug}/contacts`)
    expect(await page.locator('h2').allTextContents()).toEqual(
      expect.arrayContaining(['Kommunikation', 'Ledning', 'Förtroendevalda']),
    )
    expect(await page.getByText('kommunikationsdirektör').count()).toBe(1)
    expect(await page.getByText('viestintäjohtaja').count()).toBe(0)
    const phone = page.getByRole('link', { name: '+358 40 000 0002' })
    expect(await phone.getAttribute('href')).toBe('tel:+358400000002')
    const width = await page.evaluate('document.documentElement.scrollWidth')
    expect(width).toBeLessThanOrEqual(390)
    await page.close()
  })

  it('colours a newsroom’s pages with its accent colour from its own stylesheet', async () => {
    const page = await browser.newPage()
    await page.goto(`${origin}${release.fi}`)
    const accent = await page.evaluate(
      `getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()`,
    )
    expect(accent).toBe(demoNewsroom.accentColor)
    const shareLink = page.getByRole('link', { name: /Jaa palvelussa LinkedIn/ })
    expect(await shareLink.getAttribute('rel')).toBe('noopener noreferrer')
    await page.close()
  })

  async function violationsOn(page: import('playwright-core').Page) {
    const paths = [
      '/fi/',
      '/sv/',
      `/fi/${demoNewsroom.slug}`,
      `/sv/${demoNewsroom.slug}`,
      `/fi/${demoNewsroom.slug}/contacts`,
      `/sv/${demoNewsroom.slug}/contacts`,
      `/fi/${demoNewsroom.slug}/media`,
      `/sv/${demoNewsroom.slug}/media`,
      `/sv/${demoNewsroom.slug}/subscribe`,
      '/fi/search?q=strategiaa',
      `/sv/search?q=strategi&newsroom=${demoNewsroom.slug}`,
      release.fi,
      release.sv,
      personal,
      `${personal}?lang=sv`,
      optOut,
      `${optOut}?lang=sv`,
      '/api/docs',
    ]
    const problems: Record<string, string[]> = {}
    for (const path of paths) {
      const res = await page.goto(`${origin}${path}`)
      expect(res?.status()).toBe(200)
      const violations = await axeViolations(page)
      if (violations.length > 0) problems[path] = violations
    }
    return problems
  }

  it('a reader switches language on a release page and lands on the translation', async () => {
    const page = await browser.newPage()
    await page.goto(`${origin}${release.fi}`)
    expect(await page.getAttribute('html', 'lang')).toBe('fi')
    await page
      .getByRole('navigation', { name: 'Kieli' })
      .getByRole('link', { name: 'Svenska' })
      .click()
    await page.waitForURL(`${origin}${release.sv}`)
    expect(await page.getAttribute('html', 'lang')).toBe('sv')
    expect(await page.locator('h1').textContent()).toBe(
      demoReleases.find((r) => r.attachment)!.versions.sv!.title,
    )
    expect(await page.locator('.meta time').first().textContent()).toBe('29.9.2025 17:48:33 EEST')
    await page.close()
  })
})
