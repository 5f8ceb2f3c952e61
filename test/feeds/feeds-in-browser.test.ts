/**
 * Feeds a person opens in a browser: the stylesheet (`/feeds/feed.xsl`) every RSS and Atom feed
 * points to, the same feed bytes as `application/xml` for a browser navigation (so the browser
 * applies it), and `/{lang}/feeds`, which lists every feed of every newsroom.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import Parser from 'rss-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNewsroom } from '../../src/core/newsroom/newsrooms.js'
import { FEED_STYLESHEET_PI } from '../../src/feeds/stylesheet.js'
import { FEED_PAGE_CSP } from '../../src/http/security.js'
import { SYSTEM as admin } from '../helpers/actors.js'
import { DB_KINDS, createTestSetup } from '../helpers/env.js'
import type { TestSetup } from '../helpers/env.js'
import { createBilingualNewsroom, nextInvalidation, publishNow, startWorld } from './fixtures.js'
import type { FeedWorld } from './fixtures.js'

const BASE = 'http://tiedote.test'
/** What Chromium sends when a reader clicks a feed link. */
const NAVIGATION = {
  Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'Sec-Fetch-Dest': 'document',
  'Sec-Fetch-Mode': 'navigate',
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' })
const rssParser = new Parser()

describe.each(DB_KINDS)('feeds in a browser on %s', (kind) => {
  let setup: TestSetup
  let world: FeedWorld
  const get = (path: string, headers: Record<string, string> = {}) =>
    world.app.request(path, { headers })

  beforeAll(async () => {
    setup = await createTestSetup(kind)
    world = await startWorld(setup.config)
    await createBilingualNewsroom(world)
    await createNewsroom(world.content, admin, {
      slug: 'saaristo',
      languages: ['sv', 'en'],
      name: { sv: 'Skärgårdens nyhetsrum', en: 'Archipelago newsroom' },
    })
    await publishNow(world, {
      type: 'press-release',
      keywords: ['Pelastustoimi'],
      versions: {
        fi: { title: 'Uusi pelastusasema', lead: 'Asema avataan.', body: 'Teksti.' },
        sv: { title: 'Ny räddningsstation', lead: 'Stationen öppnar.', body: 'Text.' },
      },
    })
    await publishNow(world, {
      newsroom: 'saaristo',
      type: 'news',
      keywords: ['Ferries'],
      versions: {
        en: { title: 'New ferry timetable', lead: 'From May.', body: 'Text.' },
        sv: { title: 'Ny färjtidtabell', lead: 'Från maj.', body: 'Text.' },
      },
    })
  })
  afterAll(async () => {
    await world?.close()
    await setup?.cleanup()
  })

  it('serves the stylesheet as XSLT with long caching and an ETag', async () => {
    const res = await get('/feeds/feed.xsl')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/xsl; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('public, max-age=86400')
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'")
    const body = await res.text()
    expect(XMLValidator.validate(body)).toBe(true)
    const sheet = xml.parse(body)['xsl:stylesheet']
    expect(sheet['@version']).toBe('1.0')
    // Text from a feed is always escaped by the processor.
    expect(body).not.toContain('disable-output-escaping')
    for (const words of [
      'Tämä on uutissyöte.',
      'Det här är ett nyhetsflöde.',
      'This is a news feed.',
    ])
      expect(body).toContain(words)

    const etag = res.headers.get('etag')!
    expect(etag).toMatch(/^"[\w-]+"$/)
    const again = await get('/feeds/feed.xsl', { 'If-None-Match': etag })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
  })

  it('starts every RSS and Atom feed with the stylesheet instruction; readers still parse them', async () => {
    const paths = [
      '/feeds/lansi.rss?lang=fi',
      '/feeds/lansi.rss?lang=sv&type=press-release',
      '/feeds/saaristo.rss?lang=en',
      '/feeds/all.rss?lang=sv',
      '/feeds/lansi.atom?lang=fi',
      '/feeds/saaristo.atom?lang=en&keyword=ferries',
      '/feeds/all.atom?lang=fi',
    ]
    for (const path of paths) {
      const res = await get(path)
      const body = await res.text()
      expect(res.status, path).toBe(200)
      expect(body.split('\n').slice(0, 2), path).toEqual([
        expect.stringMatching(/^<\?xml version="1\.0" encoding="(?:UTF|utf)-8"\?>$/),
        FEED_STYLESHEET_PI,
      ])
      expect(FEED_STYLESHEET_PI).toBe('<?xml-stylesheet type="text/xsl" href="/feeds/feed.xsl"?>')
      expect(XMLValidator.validate(body), path).toBe(true)
      const feed = await rssParser.parseString(body)
      expect(feed.items.length, path).toBeGreaterThan(0)
    }
    const en = await rssParser.parseString(await (await get('/feeds/saaristo.rss?lang=en')).text())
    expect(en.items.map((i) => i.title)).toEqual(['New ferry timetable'])

    const json = await get('/feeds/lansi.json')
    expect(await json.text()).toMatch(/^\{"version":"https:\/\/jsonfeed\.org\/version\/1\.1"/)
  })

  it('gives a browser the same feed as application/xml, cached and revalidated apart', async () => {
    for (const path of ['/feeds/lansi.rss?lang=fi', '/feeds/saaristo.atom?lang=en']) {
      const reader = await get(path)
      const readerBody = await reader.text()
      expect(reader.headers.get('content-type'), path).toMatch(/^application\/(rss|atom)\+xml;/)
      expect(reader.headers.get('vary'), path).toBe('Accept-Encoding, Sec-Fetch-Dest')
      expect(reader.headers.get('content-security-policy')).not.toContain('unsafe-hashes')

      // Twice: rendered for the first navigation, answered from memory for the second.
      for (const round of [1, 2]) {
        const page = await get(path, NAVIGATION)
        expect(page.status, `${path} ${round}`).toBe(200)
        expect(page.headers.get('content-type'), `${path} ${round}`).toBe(
          'application/xml; charset=utf-8',
        )
        expect(page.headers.get('vary')).toBe('Accept-Encoding, Sec-Fetch-Dest')
        // The site's policy, and room for the browser's own XSLT banner (FEED_PAGE_CSP).
        expect(page.headers.get('content-security-policy')).toBe(FEED_PAGE_CSP)
        expect(FEED_PAGE_CSP.replace(/ 'unsafe-hashes'(?: 'sha256-[^']+')+/g, '')).toBe(
          reader.headers.get('content-security-policy'),
        )
        expect(await page.text()).toBe(readerBody)
      }
      const etag = reader.headers.get('etag')!
      expect((await get(path, { ...NAVIGATION, 'If-None-Match': etag })).status).toBe(304)
      // A feed reader's request is never taken for a page.
      const again = await get(path, { Accept: 'application/rss+xml, */*' })
      expect(again.headers.get('content-type')).toBe(reader.headers.get('content-type'))
    }
    // JSON Feed has no stylesheet: the same type for everyone.
    const json = await get('/feeds/lansi.json', NAVIGATION)
    expect(json.headers.get('content-type')).toBe('application/feed+json; charset=utf-8')
  })

  it('lists every feed of both newsrooms in every language they publish, on /{lang}/feeds', async () => {
    const redirect = await get('/feeds', { 'Accept-Language': 'sv-FI,sv;q=0.9' })
    expect(redirect.status).toBe(302)
    expect(redirect.headers.get('location')).toBe('/sv/feeds')
    expect((await get('/feeds/')).headers.get('location')).toBe('/feeds')

    for (const lang of ['fi', 'sv', 'en'] as const) {
      const res = await get(`/${lang}/feeds`)
      expect(res.status, lang).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8')
      expect(res.headers.get('cache-control')).toBe('public, max-age=60')
      expect(res.headers.get('content-language')).toBe(lang)
      const html = await res.text()
      expect(html).toContain(`<html lang="${lang}">`)
      const hrefs = [...html.matchAll(/<a href="(\/feeds\/[^"]+)"/g)].map((m) =>
        m[1].replaceAll('&amp;', '&'),
      )
      const expected = [
        ...['fi', 'sv', 'en'].map((l) => `/feeds/all.rss?lang=${l}`),
        '/feeds/all.atom?lang=en&type=invitation',
        '/feeds/lansi.rss?lang=fi',
        '/feeds/lansi.atom?lang=fi&type=news',
        '/feeds/lansi.json?lang=sv&type=article',
        '/feeds/lansi.rss?lang=fi&keyword=pelastustoimi',
        '/feeds/lansi.json?lang=sv&keyword=pelastustoimi',
        '/feeds/saaristo.rss?lang=sv',
        '/feeds/saaristo.atom?lang=en',
        '/feeds/saaristo.json?lang=en&type=press-release',
        '/feeds/saaristo.rss?lang=en&keyword=ferries',
        '/feeds/saaristo.atom?lang=sv&keyword=ferries',
      ]
      expect(hrefs, lang).toEqual(expect.arrayContaining(expected))
      // Languages a newsroom does not publish in have no feeds here.
      expect(hrefs.filter((h) => /lansi\.\w+\?lang=en|saaristo\.\w+\?lang=fi/.test(h))).toEqual([])
      // 3 site languages × 5 feeds; lansi 2 × (5 + 1 keyword); saaristo 2 × (5 + 1) — 3 formats.
      expect(hrefs).toHaveLength((3 * 5 + 2 * 6 + 2 * 6) * 3)
      expect(new Set(hrefs).size).toBe(hrefs.length)

      // Autodiscovery for the feed of every newsroom and each newsroom's main feed.
      expect(html).toContain(
        `<link rel="alternate" type="application/rss+xml" href="/feeds/all.rss?lang=${lang}"`,
      )
      expect(html).toContain(
        '<link rel="alternate" type="application/atom+xml" href="/feeds/saaristo.atom?lang=',
      )
    }
    const fi = await (await get('/fi/feeds')).text()
    expect(fi).toContain(
      'aria-label="RSS-syöte: Länsi-Uudenmaan hyvinvointialue – Uutinen (ruotsi)"',
    )
    expect(fi).toMatch(/<h3 id="feeds-lansi-sv" lang="sv">Svenska<\/h3>/)
    const en = await (await get('/en/feeds')).text()
    expect(en).toContain('aria-label="Atom: Archipelago newsroom – Keyword: Ferries (Swedish)"')
  })

  it('keeps /fi/feeds in the page cache until content changes, then lists a new keyword', async () => {
    const before = await get('/fi/feeds')
    expect(await before.text()).not.toContain('keyword=tulvat')
    expect((await get('/fi/feeds', { 'If-None-Match': before.headers.get('etag')! })).status).toBe(
      304,
    )
    const dropped = nextInvalidation(world.container, world.container.pageCache)
    await publishNow(world, {
      type: 'news',
      keywords: ['Tulvat'],
      versions: { fi: { title: 'Tulvavaroitus', lead: 'Vesi nousee.', body: 'Teksti.' } },
    })
    await dropped
    const after = await get('/fi/feeds')
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'))
    expect(await after.text()).toContain('href="/feeds/lansi.rss?lang=fi&amp;keyword=tulvat"')
  })

  it('links the feeds page from the front page and newsroom pages', async () => {
    expect(await (await get('/fi/')).text()).toContain('<a href="/fi/feeds">Kaikki syötteet</a>')
    expect(await (await get('/sv/lansi')).text()).toContain('<a href="/sv/feeds">Alla flöden</a>')
  })
})

describe('feed addresses', () => {
  it('tells the stylesheet route apart from a feed of a newsroom called "feed"', async () => {
    const setup = await createTestSetup('sqlite')
    const world = await startWorld(setup.config)
    try {
      await createNewsroom(world.content, admin, {
        slug: 'feed',
        languages: ['en'],
        name: { en: 'Feed' },
      })
      const sheet = await world.app.request('/feeds/feed.xsl')
      expect(sheet.headers.get('content-type')).toBe('text/xsl; charset=utf-8')
      const feed = await world.app.request('/feeds/feed.rss')
      expect(feed.status).toBe(200)
      expect(feed.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8')
      expect(BASE).toBe(setup.config.publicUrl)
    } finally {
      await world.close()
      await setup.cleanup()
    }
  })
})
