/**
 * Feeds opened in a real browser (Chromium through playwright-core): a reader who clicks an RSS
 * or Atom link sees a page made by /feeds/feed.xsl — what a feed is, how to follow it, and the
 * items — in the feed's language, styled by the site stylesheet under the strict CSP; and the
 * list of every feed (/{lang}/feeds). axe-core checks both (WCAG 2.1 A/AA) at desktop and phone
 * width.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, launchChromium, serveApp } from '../helpers/browser.js'
import type { ServedApp } from '../helpers/browser.js'
import { createTestSetup } from '../helpers/env.js'
import { freePort } from '../helpers/postgres-server.js'
import type { TestSetup } from '../helpers/env.js'
import { createBilingualNewsroom, publishNow, startWorld } from '../feeds/fixtures.js'
import type { FeedWorld } from '../feeds/fixtures.js'

const TRICKY = 'Sote & pelastus <b>yhteen</b>'

describe('feeds in Chromium', () => {
  let setup: TestSetup
  let world: FeedWorld
  let served: ServedApp | undefined
  let browser: Browser
  let origin = ''

  beforeAll(async () => {
    // Feeds carry absolute addresses on PUBLIC_URL: the browser finds the app there.
    const port = await freePort()
    origin = `http://127.0.0.1:${port}`
    setup = await createTestSetup('sqlite', { PUBLIC_URL: origin })
    world = await startWorld(setup.config)
    await createBilingualNewsroom(world)
    await publishNow(
      world,
      {
        type: 'press-release',
        keywords: ['Pelastustoimi'],
        versions: {
          fi: {
            title: 'Uusi pelastusasema avataan Lohjalla',
            lead: 'Asema palvelee läntistä Uuttamaata.',
            body: 'Teksti.',
          },
          sv: {
            title: 'Ny räddningsstation öppnas i Lojo',
            lead: 'Stationen betjänar västra Nyland.',
            body: 'Text.',
          },
        },
      },
      { image: true },
    )
    await publishNow(world, {
      type: 'news',
      versions: { fi: { title: TRICKY, lead: 'Johdanto, jossa & ja <i>.', body: 'Teksti.' } },
    })
    served = await serveApp(world.app, port)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await served?.close()
    await world?.close()
    await setup?.cleanup()
  })

  /** A page that records console errors, failed requests and script errors. */
  async function openPage(width = 1280) {
    const page = await browser.newPage({ viewport: { width, height: 900 } })
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text())
    })
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`)
    })
    return { page, problems }
  }

  /** The page the stylesheet made, as a reader sees it. */
  async function readFeedPage(page: Page) {
    return {
      lang: await page.getAttribute('html', 'lang'),
      title: await page.title(),
      heading: await page.locator('h1').textContent(),
      notice: await page.locator('.feed-notice').textContent(),
      items: await page.locator('.card h3 a').allTextContents(),
      summaries: await page.locator('.card p:not(.meta)').allTextContents(),
      dates: await page.locator('.card time').allTextContents(),
      // The release's image beside its title, loaded, with no words of its own.
      images: await page.evaluate(
        `Promise.all([...document.querySelectorAll('.card.with-image img.card-image')].map(async (img) => {
          img.loading = 'eager'
          await img.decode()
          return [img.alt, img.naturalWidth]
        }))`,
      ),
      // The site stylesheet applies: the banner has the site's soft background.
      headerBackground: await page.evaluate(
        `getComputedStyle(document.querySelector('.site-header')).backgroundColor`,
      ),
      // The strict CSP needs none: no style attribute or inline handler on the page itself.
      inline: await page.evaluate(
        `[...document.querySelectorAll('*')].filter((e) => e.localName !== 'xslt-warning-banner' && [...e.attributes].some((a) => a.name === 'style' || a.name.startsWith('on'))).length`,
      ),
    }
  }

  it('shows an RSS feed as a readable Finnish page, styled, with escaped text and no errors', async () => {
    const { page, problems } = await openPage()
    const res = await page.goto(`${origin}/feeds/lansi.rss?lang=fi`)
    expect(res?.headers()['content-type']).toBe('application/xml; charset=utf-8')
    const seen = await readFeedPage(page)
    expect(seen).toEqual({
      lang: 'fi',
      title: 'Länsi-Uudenmaan hyvinvointialue – uutissyöte',
      heading: 'Länsi-Uudenmaan hyvinvointialue',
      notice: expect.stringContaining('Tämä on uutissyöte.'),
      items: [TRICKY, 'Uusi pelastusasema avataan Lohjalla'],
      summaries: ['Johdanto, jossa & ja <i>.', 'Asema palvelee läntistä Uuttamaata.'],
      dates: ['2.3.2026', '2.3.2026'],
      images: [['', 1]],
      headerBackground: 'rgb(244, 246, 248)',
      inline: 0,
    })
    // Text from the feed stays text: no element was made of "<b>" or "<i>".
    expect(await page.locator('main b, main i').count()).toBe(0)
    expect(seen.notice).toContain(`${origin}/feeds/lansi.rss?lang=fi`)
    const subscribe = page.getByRole('link', { name: 'Tilaa julkaisut sähköpostiin' })
    expect(await subscribe.getAttribute('href')).toBe(`${origin}/fi/lansi/subscribe`)
    expect(await page.getByRole('link', { name: 'Kaikki syötteet' }).getAttribute('href')).toBe(
      '/fi/feeds',
    )
    // The browser's XSLT banner, where there is one, can be closed.
    const banner = page.locator('xslt-warning-banner')
    if ((await banner.count()) > 0) {
      await banner.locator('button').click()
      expect(await banner.count()).toBe(0)
    }
    expect(problems).toEqual([])
    await page.close()
  })

  it('shows an Atom feed in Swedish, and the feed of every newsroom without a subscribe link', async () => {
    const { page, problems } = await openPage()
    await page.goto(`${origin}/feeds/lansi.atom?lang=sv`)
    const seen = await readFeedPage(page)
    expect(seen).toMatchObject({
      lang: 'sv',
      heading: 'Västra Nylands välfärdsområde',
      notice: expect.stringContaining('Det här är ett nyhetsflöde.'),
      items: ['Ny räddningsstation öppnas i Lojo'],
      summaries: ['Stationen betjänar västra Nyland.'],
      dates: ['2.3.2026'],
      inline: 0,
    })
    expect(await page.getByRole('link', { name: /Prenumerera/ }).count()).toBe(1)

    await page.goto(`${origin}/feeds/all.atom?lang=fi`)
    expect(await page.locator('h1').textContent()).toBe('Tiedote – kaikki julkaisijat')
    expect(await page.getByRole('link', { name: /Tilaa/ }).count()).toBe(0)
    expect(problems).toEqual([])
    await page.close()
  })

  // One test per width: each visits four pages and runs axe on them.
  it.each([1280, 390])(
    'has no WCAG 2.1 AA violations on RSS and Atom feed pages, /fi/feeds and /sv/feeds at %i px',
    async (width) => {
      const paths = [
        '/feeds/lansi.rss?lang=fi',
        '/feeds/lansi.atom?lang=sv',
        '/fi/feeds',
        '/sv/feeds',
      ]
      const found: Record<string, string[]> = {}
      const { page, problems } = await openPage(width)
      for (const path of paths) {
        const res = await page.goto(`${origin}${path}`)
        expect(res?.status(), path).toBe(200)
        await withoutDeprecationBanner(page)
        // The folded keyword feeds are checked too.
        await page.evaluate(`document.querySelectorAll('details').forEach((d) => (d.open = true))`)
        const violations = await axeViolations(page)
        if (violations.length > 0) found[path] = violations
        const scrollWidth = await page.evaluate('document.documentElement.scrollWidth')
        expect(scrollWidth, path).toBeLessThanOrEqual(width)
      }
      expect(problems).toEqual([])
      expect(found).toEqual({})
      await page.close()
    },
  )

  it('a reader finds a newsroom’s feeds on /fi/feeds and opens one', async () => {
    const { page } = await openPage(390)
    await page.goto(`${origin}/fi/`)
    await page.getByRole('link', { name: 'Kaikki syötteet' }).click()
    await page.waitForURL(`${origin}/fi/feeds`)
    await page
      .getByRole('link', { name: 'RSS-syöte: Länsi-Uudenmaan hyvinvointialue – Uutinen (suomi)' })
      .click()
    await page.waitForURL(`${origin}/feeds/lansi.rss?lang=fi&type=news`)
    expect(await page.locator('h1').textContent()).toBe('Länsi-Uudenmaan hyvinvointialue – Uutinen')
    expect(await page.locator('.card h3 a').allTextContents()).toEqual([TRICKY])
    await page.close()
  })
})

/**
 * Recent Chromium (156 here) puts a banner of its own on pages made with XSLT ("This site uses
 * XSLT…"): the browser's words, not the page's, so axe looks at the page without it. The feed's
 * policy lets the banner be styled and closed (FEED_PAGE_CSP), so the console stays clean.
 */
async function withoutDeprecationBanner(page: Page) {
  await page.evaluate(`document.querySelectorAll('xslt-warning-banner').forEach((e) => e.remove())`)
}
