/**
 * Public pages (front page, newsroom pages, release pages) kept rendered in each web process
 * until public content changes, exactly like feeds (src/feeds/cache.ts): a publication, edit or
 * withdrawal empties the cache of every process at once. Readers arriving when a release breaks
 * then cost the database nothing, and an email send running at the same time does not slow
 * their pages down.
 *
 * Only complete `200` pages are kept; redirects, 404s and withdrawn-release notices are rendered
 * every time, so odd addresses cannot fill the cache. Nothing on these pages depends on who
 * asks: public forms carry no per-visitor token (their posts are checked by Origin).
 */
import type { MiddlewareHandler } from 'hono'
import { isRevalidation } from '../../app-base.js'
import type { PublicDeps, PublicEnv } from '../../app-base.js'
import { createContentCache } from '../../feeds/cache.js'
import type { ContentCache, ContentCacheOptions } from '../../feeds/cache.js'
import { answer, encodeAll, renderedResponse } from '../../feeds/http.js'
import type { RenderedResponse } from '../../feeds/http.js'
import {
  conditional,
  requestTarget,
  securityHitHeaders,
  sendRendered,
} from '../../http/cached-answers.js'
import type { HitRequest } from '../../http/cached-answers.js'

/** A page as kept, or `false` for an answer that is rendered every time. */
export type CachedPage = RenderedResponse | false
export type PageCache = ContentCache<CachedPage>

/** Pages are some tens of kilobytes; query strings make many variants of one page possible. */
export const PAGE_CACHE_MAX_BYTES = 32 * 1024 * 1024

export function createPageCache(options: ContentCacheOptions): PageCache {
  return createContentCache<CachedPage>({
    maxBytes: PAGE_CACHE_MAX_BYTES,
    sizeOf: (page) => (page ? Math.ceil(page.body.byteLength * 1.25) : 0),
    keep: (page) => page !== false,
    prepare: (page) => (page ? encodeAll(page) : Promise.resolve()),
    ...options,
  })
}

/** `/fi/`, `/sv/lansi-uusimaa`, `/en/lansi-uusimaa/some-release` (with any query); not search. */
const PAGE_PATH = /^\/(?:fi|sv|en)\/(?!search(?:\?|$))(?:[^/?]+(?:\/[^/?]+)?)?(?:\?|$)/

/**
 * Serves a page from the cache or renders it through the routes and keeps it. Concurrent
 * requests for a page not yet kept share one render.
 */
export function cachePages(): MiddlewareHandler<PublicEnv> {
  return async (c, next) => {
    const cache = c.var.deps.pageCache
    const target = requestTarget(c.req.url)
    if (!cache || c.req.method !== 'GET' || !PAGE_PATH.test(target)) return next()
    // Rendering again for the cache itself: the routes' answer is what it keeps.
    if (isRevalidation(c)) return next()
    let rendered = false
    const page = await cache.get(
      target,
      async () => {
        rendered = true
        await next()
        return keepable(c.res)
      },
      // Beside this request, which is answered from the previous copy meanwhile.
      async () => keepable(await c.var.revalidate(new Request(c.req.url))),
    )
    if (!page) {
      // Not kept: answered by the routes already, or rendered for this request now.
      if (!rendered) await next()
      return
    }
    // The request that rendered the page answers from the kept copy too (ETag, gzip), like
    // every later one. Assigned, because Hono ignores a response returned after next().
    const answer = await sendRendered(c, page)
    if (rendered) c.res = answer
    else return answer
  }
}

async function keepable(response: Response): Promise<CachedPage> {
  const type = response.headers.get('content-type') ?? ''
  if (response.status !== 200 || !type.startsWith('text/html')) return false
  const language = response.headers.get('content-language')
  return renderedResponse(
    // A copy: Hono still holds the routes' response and reads it when the answer replaces it.
    await response.clone().text(),
    type,
    new Date(),
    language ? { 'content-language': language } : undefined,
  )
}

/**
 * Answers a kept page before the app routes the request (see `answerFirst` in app-base.tsx),
 * when the cache can vouch for it without a check; otherwise undefined.
 */
export function cachedPageHits(
  deps: Pick<PublicDeps, 'pageCache'>,
): (request: HitRequest) => Response | undefined {
  const cache = deps.pageCache
  return (request) => {
    if (!cache || !PAGE_PATH.test(request.target)) return undefined
    const headers = securityHitHeaders()
    const hit = headers && cache.peek(request.target)
    if (!hit) return undefined
    return answer(hit, conditional(request), headers)
  }
}
