import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { FeedCache } from '../../feeds/cache.js'
import { gzipped, renderedResponse } from '../../feeds/http.js'
import type { CachedFeed } from '../../feeds/http.js'
import { keptAnswers } from '../../http/cached-answers.js'
import { cachedFeedHits } from './feeds.index.js'

/** A cache that vouches for the entries it is given, as a live subscription would. */
function stubCache(entries: Record<string, CachedFeed>): FeedCache {
  return {
    peek: (key) => entries[key],
    get: async (key, render) => entries[key] ?? render(),
    invalidate: () => {},
    onInvalidate: () => () => {},
    size: 0,
    close: async () => {},
  }
}

async function appWith(cache: FeedCache) {
  const hits = keptAnswers(cachedFeedHits({ feedCache: cache }))
  const routes = new Hono()
  routes.get('/feeds/:file', (c) => c.text('rendered by the route', 200, { 'x-route': 'yes' }))
  // The first feed request in a process has it learn the security headers, once.
  hits(new Request('http://localhost/feeds/first.rss'))
  await new Promise((resolve) => setTimeout(resolve, 10))
  return {
    request: async (path: string, init?: RequestInit) => {
      const request = new Request(`http://localhost${path}`, init)
      return hits(request) ?? routes.fetch(request)
    },
  }
}

describe('cachedFeedHits', () => {
  const feed = renderedResponse(
    '<rss version="2.0"></rss>',
    'application/rss+xml; charset=utf-8',
    new Date('2026-03-02T08:00:00Z'),
  )

  it('answers a cached feed and a current copy (304) itself, with the security headers', async () => {
    const app = await appWith(stubCache({ '/feeds/a.rss?lang=fi': feed }))
    const hit = await app.request('/feeds/a.rss?lang=fi')
    expect(hit.status).toBe(200)
    expect(hit.headers.get('x-route')).toBeNull()
    expect(await hit.text()).toBe('<rss version="2.0"></rss>')
    expect(hit.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8')
    expect(hit.headers.get('x-content-type-options')).toBe('nosniff')
    expect(hit.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(hit.headers.get('access-control-allow-origin')).toBe('*')

    const current = await app.request('/feeds/a.rss?lang=fi', {
      headers: { 'If-None-Match': feed.etag },
    })
    expect(current.status).toBe(304)
    expect(current.headers.get('x-route')).toBeNull()
  })

  it('leaves other URLs and methods, and gzip not made yet, to the route', async () => {
    const app = await appWith(stubCache({ '/feeds/a.rss': feed }))
    expect((await app.request('/feeds/b.rss')).headers.get('x-route')).toBe('yes')
    const post = await app.request('/feeds/a.rss', { method: 'POST' })
    expect(post.status).toBe(404)
    const gzip = { headers: { 'Accept-Encoding': 'gzip' } }
    expect((await app.request('/feeds/a.rss', gzip)).headers.get('x-route')).toBe('yes')
    await gzipped(feed)
    const zipped = await app.request('/feeds/a.rss', gzip)
    expect(zipped.headers.get('x-route')).toBeNull()
    expect(zipped.headers.get('content-encoding')).toBe('gzip')
  })
})
