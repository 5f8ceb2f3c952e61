import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import Parser from 'rss-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { completePublication, NotDueYetError } from '../../src/core/release/publishing.js'
import { withdrawRelease } from '../../src/core/release/publishing.js'
import { publishRelease } from '../../src/core/release/publishing.js'
import { createRelease, updateRelease } from '../../src/core/release/releases.js'
import { createNewsroom } from '../../src/core/newsroom/newsrooms.js'
import { DB_KINDS, createTestSetup } from '../helpers/env.js'
import type { TestSetup } from '../helpers/env.js'
import { SYSTEM as admin } from '../helpers/actors.js'
import { createBilingualNewsroom, nextInvalidation, publishNow, startWorld } from './fixtures.js'
import type { FeedWorld } from './fixtures.js'

const BASE = 'http://tiedote.test'
const TRICKY = 'Sote & pelastus <b>yhteen</b> – äöå ÄÖÅ ]]> "lainaus"'

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name, path) =>
    ['item', 'entry', 'category', 'url', 'xhtml:link', 'atom:link'].includes(name) ||
    (name === 'link' && String(path).startsWith('feed')),
})

type RssItem = { 'content:encoded'?: string; 'dc:creator'?: string }
const rssParser = new Parser<Record<string, unknown>, RssItem>({
  customFields: { item: ['content:encoded', 'dc:creator'] },
})

/** JSON Feed 1.1, the parts of https://www.jsonfeed.org/version/1.1/ we promise. */
const JsonFeedSchema = z.object({
  version: z.literal('https://jsonfeed.org/version/1.1'),
  title: z.string().min(1),
  home_page_url: z.url(),
  feed_url: z.url(),
  description: z.string(),
  language: z.enum(['fi', 'sv', 'en']),
  items: z.array(
    z
      .object({
        id: z.string().min(1),
        url: z.url(),
        title: z.string(),
        content_html: z.string().optional(),
        content_text: z.string().optional(),
        summary: z.string().optional(),
        image: z.url().optional(),
        date_published: z.iso.datetime(),
        date_modified: z.iso.datetime(),
        authors: z.array(z.object({ name: z.string().min(1) })).min(1),
        tags: z.array(z.string()),
        language: z.string(),
        attachments: z
          .array(
            z.object({
              url: z.url(),
              mime_type: z.string(),
              size_in_bytes: z.number().int().positive(),
              title: z.string().optional(),
            }),
          )
          .optional(),
      })
      .strict()
      .refine((i) => i.content_html !== undefined || i.content_text !== undefined),
  ),
})

describe.each(DB_KINDS)('feeds on %s', (kind) => {
  let setup: TestSetup
  let world: FeedWorld
  const get = (path: string, headers: Record<string, string> = {}) =>
    world.app.request(path, { headers })
  /** Runs a content change and waits until this process's feed cache has dropped what it held. */
  const change = async <T>(run: () => Promise<T>): Promise<T> => {
    const dropped = nextInvalidation(world.container)
    const result = await run()
    await dropped
    return result
  }
  let first: { id: number }
  let second: { id: number }

  beforeAll(async () => {
    setup = await createTestSetup(kind)
    world = await startWorld(setup.config)
    await createBilingualNewsroom(world)
    first = await publishNow(
      world,
      {
        type: 'press-release',
        keywords: ['Pelastustoimi', 'Sote'],
        versions: {
          fi: {
            title: 'Uusi pelastusasema avataan Lohjalla',
            lead: 'Asema palvelee läntistä Uuttamaata.',
            body: 'Lue [lisää](/fi/lansi/lisatietoa) ja [muualla](https://example.fi/x).',
          },
          sv: {
            title: 'Ny räddningsstation öppnas i Lojo',
            lead: 'Stationen betjänar västra Nyland.',
            body: 'Mer information senare.',
          },
        },
      },
      { image: true },
    )
    second = await publishNow(world, {
      type: 'news',
      keywords: ['Sote'],
      versions: { fi: { title: TRICKY, lead: 'Johdanto \u0001 jossa & ja <i>.', body: 'Teksti.' } },
    })
    // Warm up: the cache subscribes to content changes on its first use.
    await get('/sitemap.xml')
  })
  afterAll(async () => {
    await world?.close()
    await setup?.cleanup()
  })

  it('serves valid RSS 2.0 with every required channel and item element', async () => {
    const res = await get('/feeds/lansi.rss?lang=fi')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8')
    const body = await res.text()
    expect(XMLValidator.validate(body)).toBe(true)

    const doc = xml.parse(body)
    const channel = doc.rss.channel
    expect(doc.rss['@version']).toBe('2.0')
    expect(channel.title).toBe('Länsi-Uudenmaan hyvinvointialue')
    expect(channel.description).toBe('Hyvinvointialueen tiedotteet')
    expect(channel.link).toBe(`${BASE}/fi/lansi`)
    expect(channel.language).toBe('fi')
    const self = channel['atom:link'].find((l: Record<string, string>) => l['@rel'] === 'self')
    expect(self['@href']).toBe(`${BASE}/feeds/lansi.rss?lang=fi`)
    expect(self['@type']).toBe('application/rss+xml')

    const feed = await rssParser.parseString(body)
    expect(feed.items.map((i) => i.title)).toEqual([TRICKY, 'Uusi pelastusasema avataan Lohjalla'])
    const [, rescue] = feed.items
    const url = `${BASE}/fi/lansi/uusi-pelastusasema-avataan-lohjalla`
    expect(rescue.link).toBe(url)
    expect(rescue.guid).toBe(url)
    expect(channel.item[1].guid['@isPermaLink']).toBe('true')
    expect(rescue.pubDate).toBe('Mon, 02 Mar 2026 08:01:00 GMT')
    expect(rescue.pubDate).toMatch(/^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/)
    expect(channel.item[1].description).toBe('Asema palvelee läntistä Uuttamaata.')
    expect(rescue['content:encoded']).toContain(`<a href="${BASE}/fi/lansi/lisatietoa"`)
    expect(rescue['content:encoded']).toContain('href="https://example.fi/x"')
    expect(rescue.categories).toEqual(['Pelastustoimi', 'Sote', 'Tiedote'])
    expect(rescue['dc:creator']).toBe('Länsi-Uudenmaan hyvinvointialue')
    // The enclosure is the lead image's largest web size (never larger than 1200 px), served.
    expect(rescue.enclosure?.url).toMatch(new RegExp(`^${BASE}/files/[^/]+/kuva-1\\.png$`))
    const enclosed = await get(new URL(rescue.enclosure!.url!).pathname)
    expect(enclosed.status).toBe(200)
    expect(rescue.enclosure?.type).toBe(enclosed.headers.get('content-type'))
    expect(Number(rescue.enclosure?.length)).toBe((await enclosed.arrayBuffer()).byteLength)
    expect(feed.items[0].categories).toEqual(['Sote', 'Uutinen'])
  })

  it('keeps titles with ä, ö, å, & and < as text, never markup, in every format', async () => {
    const rss = await (await get('/feeds/lansi.rss')).text()
    expect(XMLValidator.validate(rss)).toBe(true)
    expect((await rssParser.parseString(rss)).items[0].title).toBe(TRICKY)
    // Readers render <description> as HTML: the plain-text lead arrives escaped, shown as typed.
    expect(xml.parse(rss).rss.channel.item[0].description).toBe(
      'Johdanto  jossa &amp; ja &lt;i&gt;.',
    )
    expect(rss).not.toContain('\u0001')

    const atom = await (await get('/feeds/lansi.atom')).text()
    expect(XMLValidator.validate(atom)).toBe(true)
    expect(atom).toContain('<title type="text">Sote &amp; pelastus &lt;b&gt;yhteen&lt;/b&gt;')
    expect(xml.parse(atom).feed.entry[0].title['#text']).toBe(TRICKY)

    const json = JsonFeedSchema.parse(await (await get('/feeds/lansi.json')).json())
    expect(json.items[0].title).toBe(TRICKY)
  })

  it('serves the same items as Atom 1.0 and JSON Feed 1.1', async () => {
    const atomRes = await get('/feeds/lansi.atom?lang=fi')
    expect(atomRes.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8')
    const atom = await atomRes.text()
    expect(XMLValidator.validate(atom)).toBe(true)
    const feed = xml.parse(atom).feed
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom')
    expect(feed['@xml:lang']).toBe('fi')
    expect(feed.id).toBe(`${BASE}/feeds/lansi.atom?lang=fi`)
    expect(feed.title['#text']).toBe('Länsi-Uudenmaan hyvinvointialue')
    expect(feed.updated).toMatch(/^\d{4}-\d\d-\d\dT/)
    const links = Object.fromEntries(
      feed.link.map((l: Record<string, string>) => [l['@rel'], l['@href']]),
    )
    expect(links.self).toBe(`${BASE}/feeds/lansi.atom?lang=fi`)
    expect(links.alternate).toBe(`${BASE}/fi/lansi`)
    expect(feed.entry).toHaveLength(2)
    const rescue = feed.entry[1]
    expect(rescue.id).toBe(`${BASE}/fi/lansi/uusi-pelastusasema-avataan-lohjalla`)
    expect(rescue.published).toBe('2026-03-02T08:01:00.000Z')
    expect(rescue.updated).toBe('2026-03-02T08:01:00.000Z')
    expect(rescue.author.name).toBe('Länsi-Uudenmaan hyvinvointialue')
    expect(rescue.summary['#text']).toBe('Asema palvelee läntistä Uuttamaata.')
    expect(rescue.content['@type']).toBe('html')
    expect(rescue.content['#text']).toContain(`href="${BASE}/fi/lansi/lisatietoa"`)
    expect(rescue.category.map((c: Record<string, string>) => c['@label'])).toEqual([
      'Pelastustoimi',
      'Sote',
      'Tiedote',
    ])
    const enclosure = rescue.link.find((l: Record<string, string>) => l['@rel'] === 'enclosure')
    expect(enclosure['@type']).toBe('image/png')
    expect(enclosure['@href']).toMatch(new RegExp(`^${BASE}/files/[^/]+/kuva-1\\.png$`))
    const enclosed = await get(new URL(enclosure['@href']).pathname)
    expect(Number(enclosure['@length'])).toBe((await enclosed.arrayBuffer()).byteLength)

    const jsonRes = await get('/feeds/lansi.json?lang=fi')
    expect(jsonRes.headers.get('content-type')).toBe('application/feed+json; charset=utf-8')
    const json = JsonFeedSchema.parse(await jsonRes.json())
    expect(json.feed_url).toBe(`${BASE}/feeds/lansi.json?lang=fi`)
    expect(json.items.map((i) => i.id)).toEqual(feed.entry.map((e: { id: string }) => e.id))
    expect(json.items[1].attachments).toEqual([
      expect.objectContaining({
        url: enclosure['@href'],
        mime_type: 'image/png',
        size_in_bytes: Number(enclosure['@length']),
      }),
    ])
    expect(json.items[1].tags).toEqual(['Pelastustoimi', 'Sote', 'Tiedote'])
    expect(json.items[1].authors).toEqual([{ name: 'Länsi-Uudenmaan hyvinvointialue' }])
  })

  it('filters by language, type, keyword and limit', async () => {
    const sv = await rssParser.parseString(await (await get('/feeds/lansi.rss?lang=sv')).text())
    expect(sv.title).toBe('Västra Nylands välfärdsområde')
    expect(sv.items.map((i) => i.title)).toEqual(['Ny räddningsstation öppnas i Lojo'])
    expect(sv.items[0].categories).toContain('Pressmeddelande')

    const news = await rssParser.parseString(await (await get('/feeds/lansi.rss?type=news')).text())
    expect(news.items.map((i) => i.title)).toEqual([TRICKY])
    expect(news.title).toBe('Länsi-Uudenmaan hyvinvointialue – Uutinen')

    const rescue = JsonFeedSchema.parse(
      await (await get('/feeds/lansi.json?keyword=pelastustoimi')).json(),
    )
    expect(rescue.items.map((i) => i.title)).toEqual(['Uusi pelastusasema avataan Lohjalla'])
    expect(rescue.title).toBe('Länsi-Uudenmaan hyvinvointialue – Pelastustoimi')
    const nothing = JsonFeedSchema.parse(
      await (await get('/feeds/lansi.json?keyword=tulipalo')).json(),
    )
    expect(nothing.items).toEqual([])

    const one = JsonFeedSchema.parse(await (await get('/feeds/lansi.json?limit=1')).json())
    expect(one.items).toHaveLength(1)
  })

  it('answers bad filters with 400 and unknown newsrooms with 404, saying what to fix', async () => {
    const cases: [string, number, RegExp][] = [
      ['/feeds/lansi.rss?lang=de', 400, /lang: Unknown language "de"; use fi, sv, en/],
      ['/feeds/lansi.rss?lang=en', 400, /publishes in fi, sv/],
      ['/feeds/lansi.rss?type=blog', 400, /type: Unknown release type "blog"/],
      ['/feeds/lansi.rss?limit=0', 400, /limit: Give a whole number from 1 to 200/],
      ['/feeds/lansi.atom?limit=201', 400, /limit/],
      ['/feeds/lansi.json?limit=ten', 400, /limit/],
      ['/feeds/all.rss?lang=xx', 400, /lang/],
      ['/feeds/nobody.rss', 404, /No newsroom "nobody"/],
      ['/feeds/lansi.xml', 404, /No such feed/],
    ]
    for (const [path, status, message] of cases) {
      const res = await get(path)
      expect(res.status, path).toBe(status)
      expect(res.headers.get('content-type'), path).toBe('text/plain; charset=utf-8')
      expect(await res.text(), path).toMatch(message)
    }
    const json = await get('/feeds/nobody.json', { Accept: 'application/json' })
    expect(json.status).toBe(404)
    expect(await json.json()).toEqual({
      error: { code: 'not_found', message: expect.stringContaining('No newsroom "nobody"') },
    })
  })

  it('answers conditional requests with 304 and serves gzip to those who accept it', async () => {
    const path = '/feeds/lansi.rss?lang=fi'
    const res = await get(path)
    expect(res.headers.get('cache-control')).toBe('public, max-age=60')
    const etag = res.headers.get('etag')!
    const lastModified = res.headers.get('last-modified')!
    expect(etag).toMatch(/^"[\w-]+"$/)
    expect(new Date(lastModified).toISOString()).toBe('2026-03-02T08:02:00.000Z')

    // Whether rendered for this request or answered from memory, a feed carries the same headers.
    const names = (r: Response) => [...r.headers.keys()].filter((k) => k !== 'x-request-id')
    expect(names(await get(path))).toEqual(names(res))
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    const head = await world.app.request(path, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('etag')).toBe(etag)
    expect(await head.text()).toBe('')

    const byTag = await get(path, { 'If-None-Match': etag })
    expect(byTag.status).toBe(304)
    expect(await byTag.text()).toBe('')
    expect(byTag.headers.get('etag')).toBe(etag)
    expect((await get(path, { 'If-None-Match': `W/${etag}, "other"` })).status).toBe(304)
    expect((await get(path, { 'If-Modified-Since': lastModified })).status).toBe(304)
    const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString()
    expect((await get(path, { 'If-Modified-Since': earlier })).status).toBe(200)
    // If-None-Match decides when both are sent.
    expect(
      (await get(path, { 'If-None-Match': '"stale"', 'If-Modified-Since': lastModified })).status,
    ).toBe(200)

    const zipped = await get(path, { 'Accept-Encoding': 'gzip' })
    expect(zipped.headers.get('content-encoding')).toBe('gzip')
    expect(zipped.headers.get('vary')).toBe('Accept-Encoding, Sec-Fetch-Dest')
    const zipTag = zipped.headers.get('etag')!
    expect(zipTag).not.toBe(etag)
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString('utf8')).toBe(
      await (await get(path)).text(),
    )
    expect((await get(path, { 'Accept-Encoding': 'gzip', 'If-None-Match': zipTag })).status).toBe(
      304,
    )
    // Brotli for those who name it, as browsers do; gzip when they weigh it lower than nothing.
    const brotli = await get(path, { 'Accept-Encoding': 'gzip, deflate, br, zstd' })
    expect(brotli.headers.get('content-encoding')).toBe('br')
    expect(brotli.headers.get('vary')).toBe('Accept-Encoding, Sec-Fetch-Dest')
    const brTag = brotli.headers.get('etag')!
    expect(new Set([etag, zipTag, brTag]).size).toBe(3)
    expect(brotliDecompressSync(Buffer.from(await brotli.arrayBuffer())).toString('utf8')).toBe(
      await (await get(path)).text(),
    )
    expect((await get(path, { 'Accept-Encoding': 'br', 'If-None-Match': brTag })).status).toBe(304)
    expect(
      (await get(path, { 'Accept-Encoding': 'gzip;q=1, br;q=0' })).headers.get('content-encoding'),
    ).toBe('gzip')

    // A new release changes both validators.
    await change(() =>
      publishNow(world, { type: 'article', versions: { fi: { title: 'Kolmas julkaisu' } } }),
    )
    const after = await get(path, { 'If-None-Match': etag, 'If-Modified-Since': lastModified })
    expect(after.status).toBe(200)
    expect(after.headers.get('etag')).not.toBe(etag)
    expect(Date.parse(after.headers.get('last-modified')!)).toBeGreaterThan(
      Date.parse(lastModified),
    )
    expect(await after.text()).toContain('Kolmas julkaisu')
  })

  it('keeps guid and link when a published release is edited', async () => {
    const before = await rssParser.parseString(await (await get('/feeds/lansi.rss')).text())
    const old = before.items.find((i) => i.title === 'Uusi pelastusasema avataan Lohjalla')!
    await change(() =>
      updateRelease(world.content, admin, first.id, {
        versions: { fi: { title: 'Uusi pelastusasema avataan Lohjalla syksyllä' } },
      }),
    )
    const after = await rssParser.parseString(await (await get('/feeds/lansi.rss')).text())
    const edited = after.items.find(
      (i) => i.title === 'Uusi pelastusasema avataan Lohjalla syksyllä',
    )!
    expect(edited.guid).toBe(old.guid)
    expect(edited.link).toBe(old.link)
    expect(edited.pubDate).toBe(old.pubDate)
  })

  it('never shows drafts or scheduled releases; shows a scheduled one only once its time has come', async () => {
    const feedTitles = async () =>
      (await rssParser.parseString(await (await get('/feeds/lansi.rss')).text())).items.map(
        (i) => i.title,
      )
    await createRelease(world.content, admin, {
      newsroom: 'lansi',
      versions: { fi: { title: 'Luonnos jota ei julkaista' } },
    })
    const embargoed = await createRelease(world.content, admin, {
      newsroom: 'lansi',
      versions: { fi: { title: 'Kello kymmenen julkaistava' } },
    })
    const at = new Date(world.clock.now().getTime() + 3600_000)
    await publishRelease(world.content, admin, embargoed.id, { at })
    expect(await feedTitles()).not.toContain('Luonnos jota ei julkaista')
    expect(await feedTitles()).not.toContain('Kello kymmenen julkaistava')
    const sitemap = await (await get('/sitemap.xml')).text()
    expect(sitemap).not.toContain('kello-kymmenen')

    const row = await world.container.database.db
      .selectFrom('outbox')
      .select('id')
      .where('kind', '=', 'release.publish')
      .where('payload', '=', JSON.stringify({ releaseId: embargoed.id }))
      .where('done_at', 'is', null)
      .executeTakeFirstOrThrow()
    // The publish job firing a minute early changes nothing.
    world.clock.advance(3540_000)
    await expect(
      completePublication(world.content, { releaseId: embargoed.id, outboxId: row.id }),
    ).rejects.toBeInstanceOf(NotDueYetError)
    expect(await feedTitles()).not.toContain('Kello kymmenen julkaistava')

    world.clock.advance(60_000)
    const outcome = await change(() =>
      completePublication(world.content, { releaseId: embargoed.id, outboxId: row.id }),
    )
    expect(outcome).toBe('published')
    expect((await feedTitles())[0]).toBe('Kello kymmenen julkaistava')
  })

  it('drops a withdrawn release from feeds and the sitemap', async () => {
    const titles = async (path: string) =>
      JsonFeedSchema.parse(await (await get(path)).json()).items.map((i) => i.title)
    expect(await titles('/feeds/lansi.json?type=news')).toEqual([TRICKY])
    await change(() => withdrawRelease(world.content, admin, second.id, { reason: 'Virhe' }))
    expect(await titles('/feeds/lansi.json?type=news')).toEqual([])
    expect(await titles('/feeds/lansi.json')).not.toContain(TRICKY)
    expect(await titles('/feeds/all.json')).not.toContain(TRICKY)
  })

  it('lists every newsroom in the feed of all newsrooms', async () => {
    await change(() =>
      createNewsroom(world.content, admin, {
        slug: 'kaupunki',
        languages: ['fi'],
        name: { fi: 'Esimerkkikaupunki' },
      }),
    )
    await change(() =>
      publishNow(world, {
        newsroom: 'kaupunki',
        versions: { fi: { title: 'Kaupungin tiedote' } },
      }),
    )
    const res = await get('/feeds/all.rss?lang=fi')
    const body = await res.text()
    expect(XMLValidator.validate(body)).toBe(true)
    const feed = await rssParser.parseString(body)
    expect(feed.title).toBe('Tiedote – kaikki julkaisijat')
    expect(feed.items[0].title).toBe('Kaupungin tiedote')
    expect(feed.items[0]['dc:creator']).toBe('Esimerkkikaupunki')
    expect(feed.items.map((i) => i['dc:creator'])).toContain('Länsi-Uudenmaan hyvinvointialue')
    const sv = await rssParser.parseString(await (await get('/feeds/all.rss?lang=sv')).text())
    expect(sv.items.map((i) => i.title)).toEqual(['Ny räddningsstation öppnas i Lojo'])
  })

  it('publishes a sitemap with hreflang alternates and a robots.txt pointing to it', async () => {
    const res = await get('/sitemap.xml')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8')
    expect(res.headers.get('etag')).toBeTruthy()
    const body = await res.text()
    expect(XMLValidator.validate(body)).toBe(true)
    const urls: { loc: string; 'xhtml:link'?: Record<string, string>[] }[] =
      xml.parse(body).urlset.url
    const byLoc = new Map(urls.map((u) => [u.loc, u]))
    expect(byLoc.has(`${BASE}/fi/`)).toBe(true)
    expect(byLoc.has(`${BASE}/sv/lansi`)).toBe(true)
    const fi = byLoc.get(`${BASE}/fi/lansi/uusi-pelastusasema-avataan-lohjalla`)!
    expect(fi['xhtml:link']!.map((l) => [l['@hreflang'], l['@href']])).toEqual([
      ['fi', `${BASE}/fi/lansi/uusi-pelastusasema-avataan-lohjalla`],
      ['sv', `${BASE}/sv/lansi/ny-raddningsstation-oppnas-i-lojo`],
    ])
    expect(byLoc.get(`${BASE}/sv/lansi/ny-raddningsstation-oppnas-i-lojo`)).toBeTruthy()
    // Withdrawn (earlier test) and never-published releases are not listed.
    expect(body).not.toContain('sote-pelastus')
    expect(body).not.toContain('luonnos')

    const robots = await get('/robots.txt')
    expect(robots.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(await robots.text()).toContain(`Sitemap: ${BASE}/sitemap.xml`)
  })
})

describe('feed size', () => {
  let setup: TestSetup
  let world: FeedWorld

  beforeAll(async () => {
    setup = await createTestSetup('sqlite')
    world = await startWorld(setup.config)
    await createBilingualNewsroom(world)
    for (let i = 1; i <= 52; i++) {
      await publishNow(world, { versions: { fi: { title: `Tiedote numero ${i}` } } })
    }
  })
  afterAll(async () => {
    await world?.close()
    await setup?.cleanup()
  })

  it('holds the latest 50 items by default and up to 200 on request', async () => {
    const titles = async (path: string) =>
      JsonFeedSchema.parse(await (await world.app.request(path)).json()).items.map((i) => i.title)
    const latest = await titles('/feeds/lansi.json')
    expect(latest).toHaveLength(50)
    expect(latest[0]).toBe('Tiedote numero 52')
    expect(latest[49]).toBe('Tiedote numero 3')
    expect(await titles('/feeds/lansi.json?limit=200')).toHaveLength(52)
  })
})
