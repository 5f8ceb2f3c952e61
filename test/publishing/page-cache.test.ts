/**
 * Public pages are kept rendered in each web process until content changes: a publication shows
 * at once in the process that made it and, on the Redis message, in every other one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withdrawRelease } from '../../src/core/release/publishing.js'
import { DB_KINDS } from '../helpers/env.js'
import { SYSTEM as admin } from '../helpers/actors.js'
import { nextInvalidation, publishNow, startTwoWorlds } from '../feeds/fixtures.js'
import type { FeedWorld } from '../feeds/fixtures.js'
import { eventually } from '../helpers/wait.js'

describe.each(DB_KINDS)('page cache on %s', (kind) => {
  let worlds: Awaited<ReturnType<typeof startTwoWorlds>>
  let a: FeedWorld
  let b: FeedWorld

  beforeAll(async () => {
    worlds = await startTwoWorlds(kind)
    ;({ a, b } = worlds)
  })
  afterAll(async () => {
    await worlds?.close()
  })

  const page = (world: FeedWorld, path: string, headers: Record<string, string> = {}) =>
    world.app.request(path, { headers })

  it('serves a page from memory with validators, gzip and every security header', async () => {
    const first = await page(a, '/fi/lansi')
    expect(first.status).toBe(200)
    const html = await first.text()

    const again = await page(a, '/fi/lansi', { 'accept-encoding': 'gzip' })
    expect(again.status).toBe(200)
    expect(again.headers.get('content-encoding')).toBe('gzip')
    expect(again.headers.get('vary')).toBe('Accept-Encoding')
    const plain = await page(a, '/fi/lansi')
    expect(await plain.text()).toBe(html)
    const etag = plain.headers.get('etag')!
    expect(etag).toMatch(/^"[\w-]+"$/)
    // The request that rendered the page got the same representation as the later ones.
    expect(first.headers.get('etag')).toBe(etag)
    for (const response of [again, plain]) {
      expect(response.headers.get('content-type')).toBe('text/html; charset=UTF-8')
      expect(response.headers.get('content-language')).toBe('fi')
      expect(response.headers.get('cache-control')).toBe('public, max-age=60')
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'")
      expect(response.headers.get('x-frame-options')).toBe('DENY')
    }

    const unchanged = await page(a, '/fi/lansi', { 'if-none-match': etag })
    expect(unchanged.status).toBe(304)
    expect(await unchanged.text()).toBe('')
  })

  it('shows a publication at once in the process that made it, and in the other on its message', async () => {
    const before = await (await page(b, '/sv/lansi')).text()
    expect(before).not.toContain('Publicerat i process A')
    expect(await (await page(a, '/sv/lansi')).text()).not.toContain('Publicerat i process A')

    // B keeps what it rendered: a change that nobody announces does not show.
    await b.container.database.db
      .updateTable('newsroom_translations')
      .set({ name: 'Namn som ingen meddelade' })
      .where('lang', '=', 'sv')
      .execute()
    expect(await (await page(b, '/sv/lansi')).text()).toBe(before)

    const dropped = nextInvalidation(b.container, b.container.pageCache)
    const release = await publishNow(a, {
      versions: {
        fi: { title: 'Julkaistu prosessissa A', body: 'Teksti.' },
        sv: { title: 'Publicerat i process A', body: 'Text.' },
      },
    })
    // No waiting in the process that published.
    expect(await (await page(a, '/sv/lansi')).text()).toContain('Publicerat i process A')
    await dropped
    // B answers from the page it kept while it renders the page again beside: the new release
    // shows once that render is done.
    await eventually(
      async () => (await (await page(b, '/sv/lansi')).text()).includes('Publicerat i process A'),
      { what: 'the publication on the page of process B' },
    )

    const releasePath = `/sv/lansi/${release.versions.sv!.slug}`
    expect((await page(b, releasePath)).status).toBe(200)
    expect((await page(b, releasePath)).status).toBe(200)
    const droppedAgain = nextInvalidation(b.container, b.container.pageCache)
    await withdrawRelease(a.content, admin, release.id)
    expect((await page(a, releasePath)).status).toBe(410)
    await droppedAgain
    // A withdrawal is gone from the first answer: no previous copy is served.
    expect((await page(b, releasePath)).status).toBe(410)
    expect(await (await page(b, '/sv/lansi')).text()).not.toContain('Publicerat i process A')
    const feed = await (await b.app.request('/feeds/lansi.rss?lang=sv')).text()
    expect(feed).not.toContain('Publicerat i process A')
  })

  it('keeps only complete pages: not-found pages and redirects are rendered every time', async () => {
    const cache = a.container.pageCache
    await page(a, '/fi/lansi')
    const kept = cache.size
    for (let i = 0; i < 5; i++) {
      expect((await page(a, `/fi/lansi/ei-ole-${i}`)).status).toBe(404)
      expect((await page(a, `/fi/tuntematon-${i}`)).status).toBe(404)
    }
    expect((await page(a, '/en/lansi')).status).toBe(302)
    expect(cache.size).toBe(kept)
  })
})
