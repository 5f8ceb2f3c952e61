/**
 * Cloudflare Workers entry for the public side: release and newsroom pages, feeds, sitemap and
 * subscribing, built by the same modules as the Node app (createBaseApp + mountPublicAreas).
 * Staff pages, the API and email sending stay on the Node service, which shares the database.
 *
 * - The database is PostgreSQL through Hyperdrive; a connection lives for one request.
 * - Rate limits are kept in the database (no Redis here).
 * - Outbox rows written here (confirmation emails) are enqueued by the Node worker's sweep
 *   within seconds; nothing is lost if no Node process is up at that moment.
 * - Responses marked public are kept in the Cache API under a key that includes the content
 *   version from the database, so a publication on the Node side shows at the next request.
 * - /files/* is answered by the origin (uploaded files live on the Node service's disk).
 */
import type { ExecutionContext } from 'hono'
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { createBaseApp } from '../app-base.js'
import type { Log, PublicDeps } from '../app-base.js'
import { mountPublicAreas, publicAppOptions } from '../app-public.js'
import { systemClock } from '../clock.js'
import { createRepositories } from '../db/repositories/index.js'
import type { Database } from '../db/schema.js'
import type { FeedCache } from '../feeds/cache.js'
import { FETCH_DEST, isBrowserNavigation } from '../feeds/stylesheet.js'
import { createDbRateLimiter } from '../http/rate-limit-db.js'
import { edgeCacheKey, edgeConfigProblems, filesOrigin, isOriginOnlyPath } from './edge-rules.js'

export interface Env {
  HYPERDRIVE: { connectionString: string }
  PUBLIC_URL: string
  /** The installation's name, as SITE_NAME of the Node service. */
  SITE_NAME?: string
  /** Same value as the Node service's SECRET_KEY (`wrangler secret put SECRET_KEY`). */
  SECRET_KEY: string
  /**
   * The Node service's own address, which serves uploaded files (/files/*). No default: without
   * it files answer 503, and it may not be this Worker's own host (that would loop).
   */
  ORIGIN_URL?: string
  /** PostgreSQL schema, when the Node service uses `?schema=` in DATABASE_URL. */
  DB_SCHEMA?: string
  LOG_LEVEL?: string
}

/** The part of the Workers Cache API used here (`caches.default`). */
interface EdgeCache {
  match(request: Request): Promise<Response | undefined>
  put(request: Request, response: Response): Promise<void>
}

const LEVELS = ['debug', 'info', 'warn', 'error'] as const

/** Structured JSON lines on the console, which Workers Logs collects. */
function consoleLog(level: string | undefined, bindings: Record<string, unknown> = {}): Log {
  const min = Math.max(0, LEVELS.indexOf((level ?? 'warn') as (typeof LEVELS)[number]))
  const at = (name: (typeof LEVELS)[number]) => (obj: object | string, msg?: string) => {
    if (LEVELS.indexOf(name) < min) return
    const fields = typeof obj === 'string' ? { msg: obj } : { ...obj, msg }
    console.log(JSON.stringify({ level: name, ...bindings, ...fields }))
  }
  return {
    child: (more) => consoleLog(level, { ...bindings, ...more }),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  }
}

/** Rendering is cached by the Cache API below; within one request there is nothing to keep. */
const renderEveryTime: FeedCache = {
  get: (_key, render) => render(),
  peek: () => undefined,
  invalidate: () => {},
  onInvalidate: () => () => {},
  size: 0,
  close: async () => {},
}

function openDatabase(env: Env): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: env.HYPERDRIVE.connectionString, max: 1 })
  const schema = env.DB_SCHEMA
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error('DB_SCHEMA is not a valid name')
  return new Kysely<Database>({
    dialect: new PostgresDialect({
      pool,
      onCreateConnection: schema
        ? (connection) =>
            connection
              .executeQuery(CompiledQuery.raw(`set search_path to "${schema}"`))
              .then(() => {})
        : undefined,
    }),
  })
}

function edgeDeps(env: Env, db: Kysely<Database>): PublicDeps {
  // One connection per request here: reads and writes share it.
  const repos = createRepositories(db)
  return {
    config: {
      publicUrl: env.PUBLIC_URL.replace(/\/$/, ''),
      siteName: env.SITE_NAME?.trim() || undefined,
      secretKey: env.SECRET_KEY,
      filesDir: '',
      // The platform's CF-Connecting-IP names the client there.
      trustProxy: [],
    },
    log: consoleLog(env.LOG_LEVEL),
    clock: systemClock,
    database: { ping: () => repos.publicReleases.ping() },
    repos,
    readRepos: repos,
    // The Node worker's outbox sweep enqueues rows that were never dispatched.
    dispatcher: { dispatch: async () => {} },
    feedCache: renderEveryTime,
    rateLimiter: createDbRateLimiter(repos, systemClock),
  }
}

/** Only anonymous GETs of the public side are shared through the cache. */
function cacheable(request: Request): boolean {
  if (request.method !== 'GET') return false
  if (request.headers.has('authorization') || request.headers.has('cookie')) return false
  const path = new URL(request.url).pathname
  return (
    !/^\/(subscriptions|unsubscribe|media-optout|embargo)\//.test(path) &&
    !path.endsWith('/subscribe')
  )
}

const plain = (status: number, text: string) =>
  new Response(`${text}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  })

/**
 * The content version read last in this isolate: a cache hit within a second of it costs no
 * database round trip, and while the database is away the cached copies of that version are
 * still served (with 503, as the Node service does).
 */
let lastVersion: { value: string; at: number } | undefined
const VERSION_FRESH_MS = 1000
/**
 * How long the content version may take: a database that does not answer (unreachable, or a
 * connection that hangs) is treated like one that refuses, so readers get the kept copy.
 */
const DATABASE_WAIT_MS = 2000

function withinDatabaseWait<T>(work: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no answer from the database within ${DATABASE_WAIT_MS} ms`)),
      DATABASE_WAIT_MS,
    )
    work.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error as Error)),
    )
  })
}

async function handle(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const problems = edgeConfigProblems(env)
  if (problems.length) {
    consoleLog(env.LOG_LEVEL).error({ problems }, 'configuration error')
    return plain(503, problems.map((p) => `Configuration error: ${p}`).join('\n'))
  }
  const url = new URL(request.url)
  if (isOriginOnlyPath(url.pathname)) {
    const origin = filesOrigin(env.ORIGIN_URL, url)
    if (!origin)
      return plain(
        503,
        'Uploaded files and personal links are served by the Node service: set ORIGIN_URL to its own address (not this one)',
      )
    // Straight through, never into the cache below (personal links answer private, no-store).
    return fetch(new Request(`${origin}${url.pathname}${url.search}`, request))
  }

  // Compression is the platform's job here: the app's own gzip would reach clients twice-encoded.
  request = new Request(request)
  request.headers.delete('accept-encoding')
  const db = openDatabase(env)
  try {
    const deps = edgeDeps(env, db)
    const app = createBaseApp(deps, { ...publicAppOptions(deps), mount: mountPublicAreas })
    if (!cacheable(request)) return await app.fetch(request, env, ctx)

    const cache = (globalThis as unknown as { caches: { default: EdgeCache } }).caches.default
    const browser = isBrowserNavigation(request.headers.get(FETCH_DEST))
    let version: string
    if (lastVersion && Date.now() - lastVersion.at < VERSION_FRESH_MS) version = lastVersion.value
    else {
      try {
        version = String(await withinDatabaseWait(deps.readRepos.settings.contentVersion()))
        lastVersion = { value: version, at: Date.now() }
      } catch (error) {
        // The database is away: the last copy of this page, marked as such, or a plain 503.
        deps.log.error({ err: (error as Error).message }, 'database unavailable')
        const kept = lastVersion
          ? await cache.match(new Request(edgeCacheKey(url, lastVersion.value, browser)))
          : undefined
        if (!kept) return plain(503, 'The newsroom is briefly unavailable. Try again in a minute.')
        const headers = new Headers(kept.headers)
        headers.set('X-Edge-Cache', 'stale')
        headers.set('Retry-After', '30')
        return new Response(kept.body, { status: 503, headers })
      }
    }
    // The version goes into the path: the Cache API ignores fragments. A feed opened in a
    // browser has another Content-Type (Vary: Sec-Fetch-Dest), which the Cache API ignores too.
    const key = new Request(edgeCacheKey(url, version, browser))
    const hit = await cache.match(key)
    if (hit) {
      const headers = new Headers(hit.headers)
      headers.set('X-Edge-Cache', 'hit')
      const etag = hit.headers.get('etag')
      if (etag && request.headers.get('if-none-match') === etag)
        return new Response(null, { status: 304, headers })
      return new Response(hit.body, { status: hit.status, headers })
    }
    const response = await app.fetch(request, env, ctx)
    if (response.status === 200 && /\bpublic\b/.test(response.headers.get('cache-control') ?? ''))
      ctx.waitUntil(cache.put(key, response.clone()))
    const headers = new Headers(response.headers)
    headers.set('X-Edge-Cache', 'miss')
    return new Response(response.body, { status: response.status, headers })
  } finally {
    ctx.waitUntil(db.destroy())
  }
}

export default {
  fetch: (request: Request, env: Env, ctx: ExecutionContext) => handle(request, env, ctx),
}
