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

export function conditional(headers: Headers): ConditionalRequest {
  return {
    acceptEncoding: headers.get('accept-encoding') ?? undefined,
    ifNoneMatch: headers.get('if-none-match') ?? undefined,
    ifModifiedSince: headers.get('if-modified-since') ?? undefined,
  }
}

/** Answers the request from a rendered response, making the compressed copy first if wanted. */
export async function sendRendered(
  c: Context,
  response: RenderedResponse,
  extraHeaders?: Record<string, string>,
): Promise<Response> {
  const request = conditional(c.req.raw.headers)
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
