/**
 * Kept pages and feeds answered before routing, over a real socket: on the Node adapter the
 * hit path reads the headers Node's HTTP server parsed, not the `Request`'s, so validators,
 * encodings, a browser navigation and the reading figures are checked here as a client sends
 * them. (The path reads memory only; one database is enough.)
 */
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestSetup } from '../helpers/env.js'
import type { TestSetup } from '../helpers/env.js'
import { serveApp } from '../helpers/browser.js'
import type { ServedApp } from '../helpers/browser.js'
import { createBilingualNewsroom, publishNow, startWorld } from './fixtures.js'
import type { FeedWorld } from './fixtures.js'

interface Raw {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

/** One request as a client sends it, headers given as raw name/value pairs (repeats allowed). */
function get(origin: string, path: string, rawHeaders: [string, string][] = []): Promise<Raw> {
  const url = new URL(path, origin)
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: 'GET',
        // Raw pairs, sent as given: Node adds no Host to these.
        headers: [['Host', url.host], ...rawHeaders].flat(),
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        )
      },
    )
    request.on('error', reject).end()
  })
}

const BROWSER: [string, string][] = [
  ['User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/140.0 Safari/537.36'],
  ['Accept-Encoding', 'gzip, deflate, br, zstd'],
]

describe('kept answers over a real socket', () => {
  let setup: TestSetup
  let world: FeedWorld
  let served: ServedApp
  let releasePath = ''

  beforeAll(async () => {
    setup = await createTestSetup('sqlite')
    world = await startWorld(setup.config)
    await createBilingualNewsroom(world)
    await publishNow(world, {
      type: 'press-release',
      versions: {
        fi: { title: 'Uusi terveysasema', lead: 'Asema avataan.', body: 'Teksti.' },
        sv: { title: 'Ny hälsostation', lead: 'Stationen öppnar.', body: 'Text.' },
      },
    })
    releasePath = '/fi/lansi/uusi-terveysasema'
    served = await serveApp(world.app)
  })
  afterAll(async () => {
    await served?.close()
    await world?.close()
    await setup?.cleanup()
  })

  it('answers a kept feed and page from memory exactly as the routes did', async () => {
    for (const path of ['/feeds/lansi.rss?lang=fi', releasePath]) {
      const rendered = await get(served.origin, path, BROWSER)
      expect(rendered.status, path).toBe(200)
      // Answered before routing: no request id, the same bytes and the same headers otherwise.
      const kept = await get(served.origin, path, BROWSER)
      expect(kept.headers['x-request-id'], path).toBeUndefined()
      expect(kept.body.equals(rendered.body), path).toBe(true)
      expect(kept.headers['content-encoding'], path).toBe('br')
      const { date: _d, 'x-request-id': _r, ...renderedHeaders } = rendered.headers
      const { date: _k, ...keptHeaders } = kept.headers
      expect(keptHeaders, path).toEqual(renderedHeaders)

      // Validators as sent, repeated headers joined as HTTP joins them.
      const etag = kept.headers.etag!
      const byTag = await get(served.origin, path, [
        ...BROWSER,
        ['If-None-Match', '"other"'],
        ['If-None-Match', etag],
      ])
      expect(byTag.status, path).toBe(304)
      expect(byTag.headers.etag, path).toBe(etag)
      const lastModified = kept.headers['last-modified']!
      const byDate = await get(served.origin, path, [['If-Modified-Since', lastModified]])
      expect(byDate.status, path).toBe(304)
      const gzip = await get(served.origin, path, [['Accept-Encoding', 'gzip']])
      expect(gzip.headers['content-encoding'], path).toBe('gzip')
      const identity = await get(served.origin, path)
      expect(identity.headers['content-encoding'], path).toBeUndefined()
    }
  })

  it('gives a browser navigating to a kept feed the styled type', async () => {
    const path = '/feeds/lansi.rss?lang=fi'
    await get(served.origin, path, [['Sec-Fetch-Dest', 'document']])
    const page = await get(served.origin, path, [['Sec-Fetch-Dest', 'document']])
    expect(page.headers['x-request-id']).toBeUndefined()
    expect(page.headers['content-type']).toBe('application/xml; charset=utf-8')
    const reader = await get(served.origin, path)
    expect(reader.headers['content-type']).toMatch(/^application\/rss\+xml;/)
  })

  it('counts kept answers: feed fetches, and page reads by browsers only', async () => {
    const db = world.container.database.db
    await world.container.readings.flush()
    const before = async () => ({
      views:
        (await db.selectFrom('release_page_views').select('views').executeTakeFirst())?.views ?? 0,
      fetches:
        (
          await db
            .selectFrom('feed_fetches')
            .select('fetches')
            .where('feed', '=', '/feeds/lansi.rss')
            .executeTakeFirst()
        )?.fetches ?? 0,
    })
    const start = await before()
    await get(served.origin, releasePath, BROWSER)
    await get(served.origin, releasePath, [
      ['User-Agent', 'Googlebot/2.1 (+http://www.google.com/bot.html)'],
    ])
    await get(served.origin, releasePath)
    await get(served.origin, '/feeds/lansi.rss?lang=fi')
    await get(served.origin, '/feeds/lansi.rss?lang=fi', [['If-None-Match', '*']])
    await world.container.readings.flush()
    expect(await before()).toEqual({ views: start.views + 1, fetches: start.fetches + 2 })
  })
})
