/**
 * What every Tiedote app shares, on Node and on the edge runtime alike: the dependencies the
 * public side needs (ports, no Node-only library), request ids, request logging, security
 * headers, the stylesheet, localized 404 pages and one error mapping. Nothing here imports
 * BullMQ, nodemailer, ioredis or better-sqlite3.
 */
import { Hono } from 'hono'
import type { Context } from 'hono'
import { requestId } from 'hono/request-id'
import type { Clock } from './clock.js'
import type { Repositories } from './db/repositories/index.js'
import type { FeedCache } from './feeds/cache.js'
import type { RateLimiter } from './http/rate-limit.js'
import { toHttpError, wantsJson } from './http/errors.js'
import { securityHeaders } from './http/security.js'
import type { ReadingCounter } from './core/readings/counter.js'
import type { PageCache } from './routes/public/page-cache.js'
import { common } from './views/i18n/common.js'
import { isLang, negotiateLang } from './views/i18n/index.js'
import type { Lang } from './views/i18n/index.js'
import { MessagePage, SiteNameContext } from './views/layout.js'
import type { JSX } from 'hono/jsx/jsx-runtime'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { defaultFavicon, siteCss } from './views/styles.js'

type LogFn = (obj: object | string, msg?: string) => void

/** The logging every route may use; pino's Logger fits it, and so does the edge's console logger. */
export interface Log {
  child(bindings: Record<string, unknown>): Log
  debug: LogFn
  info: LogFn
  warn: LogFn
  error: LogFn
}

/** What the public routes (pages, feeds, subscriptions) need, on any runtime. */
export interface PublicDeps {
  config: {
    publicUrl: string
    /** SITE_NAME; unset: the neutral name of the page's language. */
    siteName?: string
    secretKey: string
    /** Where uploaded files live (Node only; the edge forwards /files/* to the origin). */
    filesDir: string
    /** TRUST_PROXY: proxies whose X-Forwarded-For is believed (unused on the edge). */
    trustProxy: string[]
    /** WEBSUB_HUB_URL: the hub feeds name (Node only; the edge's feeds name none). */
    websubHubUrl?: string
  }
  log: Log
  clock: Clock
  /** `reader`, where there is one, serves reads that must not queue behind writes (see Db). */
  database: { ping(): Promise<void> }
  /** The data-access layer over the primary connection: what use-cases write through. */
  repos: Repositories
  /** The same repositories over the read connection: public pages, feeds and files. */
  readRepos: Repositories
  /** Moves committed outbox rows to the queue; on the edge the Node worker's sweep does it. */
  dispatcher: { dispatch(ids: number[]): Promise<void> }
  feedCache: FeedCache
  /** Rendered public pages; none on the edge, where the Cache API keeps them. */
  pageCache?: PageCache
  rateLimiter: RateLimiter
  /** Counts page views and feed fetches (sums only); none on the edge. */
  readings?: ReadingCounter
}

export interface BaseEnv<D extends PublicDeps = PublicDeps> {
  Variables: {
    deps: D
    log: Log
    requestId: string
    /**
     * Renders a request again through the routes, beside the request being answered (a kept
     * page rendered again after a publication while readers get the previous copy).
     */
    revalidate: (request: Request) => Promise<Response>
  }
}

/** The env of a request made by `revalidate`: no reader asked for it. */
export const REVALIDATING = Object.freeze({ revalidating: true })

export const isRevalidation = (c: Context) => c.env === REVALIDATING

/** Env of the routes that run on both runtimes. */
export type PublicEnv = BaseEnv<PublicDeps>

export interface BaseAppOptions<D extends PublicDeps> {
  /**
   * Answers a request before it is routed, or returns undefined to route it: for hot paths
   * (cached feeds) where Hono's per-request work would cost more than the answer itself.
   */
  answerFirst?: (request: Request, env?: unknown) => Response | undefined
  /** Hides secrets in logged paths (link tokens). */
  logPath?: (path: string) => string
  mount(app: Hono<BaseEnv<D>>): void
}

export function createBaseApp<D extends PublicDeps>(deps: D, options: BaseAppOptions<D>) {
  const app = new Hono<BaseEnv<D>>()
  const logPath = options.logPath ?? ((path: string) => path)
  // The routes without `answerFirst`, which would answer from the copy being replaced.
  const routed = app.fetch
  const revalidate = async (request: Request) => routed(request, REVALIDATING)

  app.use(requestId({ headerName: 'X-Request-Id' }))
  app.use(async (c, next) => {
    c.set('deps', deps)
    c.set('revalidate', revalidate)
    c.set('log', deps.log.child({ requestId: c.var.requestId }))
    const started = performance.now()
    await next()
    const ms = Math.round((performance.now() - started) * 10) / 10
    const level = c.res.status >= 500 ? 'error' : 'info'
    // Paths only, never query strings: tokens may travel there.
    c.var.log[level](
      { method: c.req.method, path: logPath(c.req.path), status: c.res.status, ms },
      'request',
    )
  })
  app.use(securityHeaders())

  app.get('/assets/site.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8')
    c.header('Cache-Control', 'public, max-age=3600')
    return c.body(siteCss)
  })
  app.get('/assets/favicon.svg', (c) => {
    c.header('Content-Type', 'image/svg+xml')
    c.header('Cache-Control', 'public, max-age=86400')
    return c.body(defaultFavicon)
  })
  options.mount(app)

  app.notFound((c) => {
    if (wantsJson(c)) return c.json({ error: { code: 'not_found', message: 'Not found' } }, 404)
    const lang = pageLang(c)
    const t = common[lang]
    return c.html(
      <MessagePage
        lang={lang}
        siteName={deps.config.siteName}
        title={t.notFoundTitle}
        body={t.notFoundBody}
      />,
      404,
    )
  })

  app.onError((error, c) => {
    const { status, body } = toHttpError(error)
    if (status >= 500) {
      c.var.log?.error({ err: error }, 'request failed')
    }
    if (wantsJson(c)) return c.json(body, status)
    const lang = pageLang(c)
    const t = common[lang]
    const title =
      status === 503 ? t.unavailableTitle : status >= 500 ? t.errorTitle : t.badRequestTitle
    const message =
      status === 503 ? t.unavailableBody : status >= 500 ? t.errorBody : body.error.message
    if (status === 503) c.header('Retry-After', '10')
    return c.html(
      <MessagePage lang={lang} siteName={deps.config.siteName} title={title} body={message} />,
      status,
    )
  })

  const { answerFirst } = options
  if (answerFirst) {
    // app.request() goes through app.fetch too, so tests see the same answers as servers.
    const routed = app.fetch
    app.fetch = (request, ...rest) => answerFirst(request, rest[0]) ?? routed(request, ...rest)
  }
  return app
}

/**
 * A page answered with SITE_NAME available to its layout (banner, footer, title) without every
 * view passing it along.
 */
export function renderPage(
  c: Context<PublicEnv>,
  page: JSX.Element,
  status?: ContentfulStatusCode,
) {
  return c.html(
    <SiteNameContext.Provider value={c.var.deps.config.siteName}>{page}</SiteNameContext.Provider>,
    status,
  )
}

/** The language of the page being served: from the path (/fi/…) or the browser's preference. */
export function pageLang(c: Context): Lang {
  const first = c.req.path.split('/')[1]
  if (isLang(first)) return first
  const query = c.req.query('lang')
  if (isLang(query)) return query
  return negotiateLang(c.req.header('accept-language'))
}
