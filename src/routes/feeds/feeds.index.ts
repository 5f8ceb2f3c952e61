/**
 * `/feeds/{newsroom|all}.{rss|atom|json}`, `/feeds/feed.xsl` (how browsers show a feed),
 * `/sitemap.xml` and `/robots.txt`. Thin: read the URL,
 * take the rendered response from the feed cache (rendering it on a miss), answer conditional
 * requests, and serve gzip to clients that accept it.
 */
import { Hono } from 'hono'
import type { Context } from 'hono'
import type { PublicDeps, PublicEnv } from '../../app-base.js'
import type { FeedCache } from '../../feeds/cache.js'
import { loadFeed } from '../../feeds/feed-items.js'
import { parseFeedFilters } from '../../feeds/filters.js'
import { answer, isFailure, isNotModified, renderedResponse } from '../../feeds/http.js'
import type { CachedFeed, RenderedResponse } from '../../feeds/http.js'
import { renderFeed } from '../../feeds/render.js'
import { loadSitemap, renderRobots, renderSitemap } from '../../feeds/sitemap.js'
import {
  FEED_PAGE_CONTENT_TYPE,
  FEED_XSL_CONTENT_TYPE,
  FEED_XSL_PATH,
  FETCH_DEST,
  hasFeedStylesheet,
  isBrowserNavigation,
  renderFeedStylesheet,
} from '../../feeds/stylesheet.js'
import { CALENDAR_CONTENT_TYPE, isFeedFormat } from '../../feeds/urls.js'
import { loadCalendarFeed, renderCalendar } from '../../feeds/calendar.js'
import {
  conditional,
  requestTarget,
  securityHitHeaders,
  sendRendered,
} from '../../http/cached-answers.js'
import type { HitRequest } from '../../http/cached-answers.js'
import { wantsJson } from '../../http/errors.js'
import { FEED_PAGE_CSP } from '../../http/security.js'

const FEED_FILE = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.([a-z]+)$/
/** Feeds are public data that web-based readers fetch from other origins. */
const CORS = { 'access-control-allow-origin': '*' }
/** A feed opened in a browser: the same bytes as XML, which the browser styles with feed.xsl. */
const AS_PAGE = {
  ...CORS,
  'content-type': FEED_PAGE_CONTENT_TYPE,
  'content-security-policy': FEED_PAGE_CSP,
}
/** The stylesheet changes only with the code; the date is for the validator's sake. */
const STYLESHEET_DATE = new Date(0)

// The header first: feed readers' polls, the hot path, never send it.
const forBrowser = (feed: RenderedResponse, fetchDest: string | null | undefined) =>
  isBrowserNavigation(fetchDest) && hasFeedStylesheet(feed.contentType)

export function createFeedRoutes() {
  const app = new Hono<PublicEnv>()

  // Before /feeds/:file, which would take it for a feed of a newsroom called "feed".
  app.get(FEED_XSL_PATH, (c) => {
    const stylesheet = renderedResponse(
      renderFeedStylesheet({ siteName: c.var.deps.config.siteName }),
      FEED_XSL_CONTENT_TYPE,
      STYLESHEET_DATE,
    )
    c.header('Cache-Control', 'public, max-age=86400')
    c.header('ETag', stylesheet.etag)
    if (isNotModified(stylesheet, c.req.header('if-none-match'), undefined))
      return c.body(null, 304)
    c.header('Content-Type', FEED_XSL_CONTENT_TYPE)
    return c.body(stylesheet.body)
  })

  app.get('/feeds/:file', async (c) => {
    const match = FEED_FILE.exec(c.req.param('file'))
    const format = match?.[2]
    if (match && format === 'ics') return calendarFeed(c, match[1])
    if (!match || !isFeedFormat(format)) {
      return failure(c, {
        status: 404,
        message:
          'No such feed. Feeds are /feeds/{newsroom}.rss, .atom, .json or .ics (invitations), and /feeds/all.rss for every newsroom.',
      })
    }
    const parsed = parseFeedFilters(c.req.query())
    if (!parsed.ok) return failure(c, { status: 400, message: parsed.message })
    const { config, feedCache } = c.var.deps
    const target = requestTarget(c.req.url)
    const result = await feedCache.get(target, async (): Promise<CachedFeed> => {
      const loaded = await loadFeed(c.var.deps.readRepos, config.publicUrl, {
        format,
        newsroom: match[1] === 'all' ? undefined : match[1],
        ...parsed.filters,
        // atom:link rel="self" repeats the URL as requested, which is why it is the cache key.
        selfUrl: config.publicUrl.replace(/\/+$/, '') + target,
        hubUrl: config.websubHubUrl,
      })
      return loaded.ok ? renderFeed(loaded.document) : loaded
    })
    if (isFailure(result)) return failure(c, result)
    return sendRendered(c, result, forBrowser(result, c.req.header(FETCH_DEST)) ? AS_PAGE : CORS)
  })

  app.get('/sitemap.xml', async (c) => {
    const { config, feedCache } = c.var.deps
    const result = await feedCache.get('sitemap', async () => {
      const sitemap = await loadSitemap(c.var.deps.readRepos, config.publicUrl)
      return renderedResponse(
        renderSitemap(sitemap),
        'application/xml; charset=utf-8',
        sitemap.updatedAt,
      )
    })
    if (isFailure(result)) return failure(c, result)
    return sendRendered(c, result)
  })

  app.get('/robots.txt', (c) => {
    c.header('Content-Type', 'text/plain; charset=utf-8')
    c.header('Cache-Control', 'public, max-age=3600')
    return c.body(renderRobots(c.var.deps.config.publicUrl))
  })

  return app
}

/**
 * Feed readers and aggregators poll, mostly for a feed that has not changed. This answers such
 * polls straight from the cache — 304 or the cached bytes, with the security headers every
 * response carries — when the cache can vouch for its entry without a check, and does it before
 * the app routes the request at all (see `answerFirst` in app-base.tsx) and synchronously, so
 * the Node adapter writes the response without a promise in between. Everything else (first
 * request, a due version check, errors, gzip not made yet) gets undefined and goes on to the
 * routes above. Cache hits are therefore not in the request log.
 */
export function cachedFeedHits(
  deps: Pick<PublicDeps, 'feedCache'>,
): (request: HitRequest) => Response | undefined {
  const cache: FeedCache = deps.feedCache
  return (request) => {
    if (!request.target.startsWith('/feeds/')) return undefined
    const baseHeaders = feedHitHeaders()
    const hit = baseHeaders && cache.peek(request.target)
    if (!hit || isFailure(hit)) return undefined
    const headers = forBrowser(hit, request.header(FETCH_DEST)) ? feedPageHeaders! : baseHeaders
    return answer(hit, conditional(request), headers)
  }
}

let feedHeaders: Record<string, string> | undefined
let feedPageHeaders: Record<string, string> | undefined

/**
 * The security headers plus CORS, once they are known; one object (and one for feeds opened in a
 * browser), so answers reuse headers.
 */
function feedHitHeaders(): Record<string, string> | undefined {
  const security = securityHitHeaders()
  if (security && !feedHeaders) {
    feedHeaders = { ...security, ...CORS }
    feedPageHeaders = { ...security, ...AS_PAGE }
  }
  return feedHeaders
}

/** `/feeds/{newsroom|all}.ics?lang=`: upcoming (and recently past) invitations. */
async function calendarFeed(c: Context<PublicEnv>, slug: string) {
  const parsed = parseFeedFilters(c.req.query())
  if (!parsed.ok) return failure(c, { status: 400, message: parsed.message })
  const { config, feedCache, readRepos, clock } = c.var.deps
  const target = requestTarget(c.req.url)
  const result = await feedCache.get(target, async (): Promise<CachedFeed> => {
    const loaded = await loadCalendarFeed(readRepos, {
      newsroom: slug === 'all' ? undefined : slug,
      lang: parsed.filters.lang,
      siteName: config.siteName ?? 'Tiedote',
      now: clock.now(),
    })
    if (!loaded.ok) return loaded
    return renderedResponse(
      renderCalendar({ ...loaded.document, publicUrl: config.publicUrl }),
      CALENDAR_CONTENT_TYPE,
      loaded.updatedAt,
    )
  })
  if (isFailure(result)) return failure(c, result)
  return sendRendered(c, result, CORS)
}

/** Feeds are read by programs: plain text, or the API's JSON error shape when asked for JSON. */
function failure(
  c: Context<PublicEnv>,
  { status, message }: { status: 400 | 404; message: string },
) {
  c.header('Cache-Control', 'no-store')
  if (wantsJson(c)) {
    const code = status === 404 ? 'not_found' : 'bad_request'
    return c.json({ error: { code, message } }, status)
  }
  c.header('Content-Type', 'text/plain; charset=utf-8')
  return c.body(`${message}\n`, status)
}
