/**
 * Serving rendered responses (feeds, sitemap, public pages) from the memory cache: the request
 * key, the conditional-request headers, and the headers a hit answered before routing must carry.
 */
import { Hono } from 'hono'
import type { Context } from 'hono'
import { answer, encodeFor, preferredEncoding } from '../feeds/http.js'
import type { ConditionalRequest, RenderedResponse } from '../feeds/http.js'
import { securityHeaders } from './security.js'

/** Path and query exactly as requested: the cache key of a rendered response. */
export function requestTarget(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2)
  return start === -1 ? '/' : url.slice(start)
}

/**
 * The headers a kept answer depends on, from a kept request before routing (`HitRequest`) or
 * a routed one (Hono's `c.req`) alike.
 */
export function conditional(request: {
  header(name: string): string | undefined
}): ConditionalRequest {
  return {
    acceptEncoding: request.header('accept-encoding'),
    ifNoneMatch: request.header('if-none-match'),
    ifModifiedSince: request.header('if-modified-since'),
  }
}

type NodeHeaders = Record<string, string | string[] | undefined>
/** What the Node adapter passes as `env.incoming`: Node's parsed request. */
interface NodeIncoming {
  url?: unknown
  headers?: unknown
  rawHeaders?: unknown
}

/**
 * A GET request as the answers kept in memory see it before routing: its target, read once,
 * and its headers, read by name only when an answer asks for them. Every kept page and feed
 * answer starts here.
 *
 * On the Node adapter (which passes `{ incoming, outgoing }` as the fetch env) the headers are
 * read from what Node's HTTP server parsed: a property lookup, where the adapter's `Request`
 * headers check and normalise the name on every read. Other runtimes read `request.headers`.
 */
export class HitRequest {
  /** Path and query exactly as requested: the cache key. */
  readonly target: string
  readonly #request: Request
  readonly #parsed: NodeHeaders | undefined = undefined

  constructor(request: Request, env?: unknown) {
    this.#request = request
    const incoming = (env as { incoming?: NodeIncoming } | undefined)?.incoming
    if (
      incoming &&
      Array.isArray(incoming.rawHeaders) &&
      typeof incoming.headers === 'object' &&
      typeof incoming.url === 'string' &&
      incoming.url.startsWith('/')
    ) {
      this.#parsed = incoming.headers as NodeHeaders
      // The target as it came: the same string the adapter builds the URL from. A target the
      // URL would normalise (dot segments, a fragment) is no key of any kept answer: a miss.
      this.target = incoming.url
    } else {
      this.target = requestTarget(request.url)
    }
  }

  /** A request header by its lower-case name. */
  header(name: string): string | undefined {
    if (!this.#parsed) return this.#request.headers.get(name) ?? undefined
    const value = this.#parsed[name]
    return typeof value === 'string' ? value : value?.join(', ')
  }
}

/**
 * The `answerFirst` of an app (see app-base.tsx) from answerers of kept GET requests: the
 * request is read once, here, for all of them.
 */
export function keptAnswers(
  answerer: (request: HitRequest) => Response | undefined,
): (request: Request, env?: unknown) => Response | undefined {
  return (request, env) =>
    request.method === 'GET' ? answerer(new HitRequest(request, env)) : undefined
}

/** Answers the request from a rendered response, making the compressed copy first if wanted. */
export async function sendRendered(
  c: Context,
  response: RenderedResponse,
  extraHeaders?: Record<string, string>,
): Promise<Response> {
  const request = conditional(c.req)
  await encodeFor(response, preferredEncoding(request.acceptEncoding))
  return answer(response, request, extraHeaders)!
}

let knownHitHeaders: Record<string, string> | undefined
let probing = false

/**
 * The headers the app's security middleware puts on every response: taken from the middleware
 * once per process (the edge builds an app per request), and undefined until then. Answers
 * given before routing add these themselves.
 */
export function securityHitHeaders(): Record<string, string> | undefined {
  if (!knownHitHeaders && !probing) {
    probing = true
    const probe = new Hono()
    probe.use(securityHeaders())
    probe.get('/', (c) => c.body(null, 204))
    void Promise.resolve(probe.request('/')).then(
      (res) => (knownHitHeaders = Object.fromEntries(res.headers)),
    )
  }
  return knownHitHeaders
}
