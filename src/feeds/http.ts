/**
 * A rendered feed, sitemap or page as it is kept in the cache and served: bytes, validators and a
 * gzip copy made on first demand. Conditional requests are answered from these validators
 * without rendering anything.
 */
import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { gzip } from 'node:zlib'

const gzipAsync = promisify(gzip)

export interface RenderedResponse {
  status: 200
  contentType: string
  body: Uint8Array<ArrayBuffer>
  /** Strong validator of the identity (uncompressed) bytes, quoted. */
  etag: string
  lastModified: Date
  /** `lastModified` as an HTTP date, formatted once. */
  lastModifiedHttp: string
  /** Further headers of this representation (a page's Content-Language). */
  headers?: Record<string, string>
  /** Made once, on the first request that accepts gzip. */
  gzipped?: Promise<Uint8Array<ArrayBuffer>>
  /** The gzip bytes once made, for answers that cannot wait. */
  gzipBytes?: Uint8Array<ArrayBuffer>
  /** Response headers per set of extra headers, built on first use. */
  headerSets?: WeakMap<Record<string, string>, HeaderSets>
}

interface HeaderSets {
  identity: Record<string, string>
  identityNotModified: Record<string, string>
  gzip: Record<string, string>
  gzipNotModified: Record<string, string>
}

export function renderedResponse(
  text: string,
  contentType: string,
  lastModified: Date,
  headers?: Record<string, string>,
): RenderedResponse {
  const body = Buffer.from(text, 'utf8')
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27)
  return {
    status: 200,
    contentType,
    body,
    etag: `"${hash}"`,
    lastModified,
    lastModifiedHttp: lastModified.toUTCString(),
    ...(headers ? { headers } : {}),
  }
}

/** A feed that cannot be served (unknown newsroom, a language it does not publish in). */
export interface FeedFailure {
  status: 400 | 404
  message: string
}

/** What the feed cache keeps per URL: the response, or why there is none. */
export type CachedFeed = RenderedResponse | FeedFailure

export const isFailure = (value: CachedFeed): value is FeedFailure => 'message' in value

/** The ETag of the gzip representation: a different body needs a different strong validator. */
export const gzipEtag = (etag: string) => `${etag.slice(0, -1)}-gz"`

export function gzipped(response: RenderedResponse): Promise<Uint8Array<ArrayBuffer>> {
  response.gzipped ??= gzipAsync(response.body).then((bytes) => {
    response.gzipBytes = new Uint8Array(bytes)
    return response.gzipBytes
  })
  return response.gzipped
}

export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false
  // The usual "gzip, deflate, br": no weights to read.
  if (!acceptEncoding.includes(';')) return SIMPLE_GZIP.test(acceptEncoding)
  return acceptEncoding.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';')
    if (coding !== 'gzip' && coding !== 'x-gzip' && coding !== '*') return false
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    return !q || Number(q.slice(2)) > 0
  })
}

const SIMPLE_GZIP = /(?:^|,)\s*(?:x-)?(?:gzip|\*)\s*(?:,|$)/i

/**
 * RFC 9110 §13.1: If-None-Match wins when present (weak comparison, either representation);
 * otherwise If-Modified-Since, at the one-second resolution of HTTP dates.
 */
export function isNotModified(
  response: RenderedResponse,
  ifNoneMatch: string | undefined,
  ifModifiedSince: string | undefined,
): boolean {
  if (ifNoneMatch !== undefined) {
    const opaque = (tag: string) => tag.trim().replace(/^W\//, '')
    const ours = [response.etag, gzipEtag(response.etag)]
    return ifNoneMatch.split(',').some((tag) => opaque(tag) === '*' || ours.includes(opaque(tag)))
  }
  if (ifModifiedSince !== undefined) {
    const since = Date.parse(ifModifiedSince)
    if (Number.isNaN(since)) return false
    return Math.floor(response.lastModified.getTime() / 1000) * 1000 <= since
  }
  return false
}

/**
 * Feeds and cached pages alike. Short: the cache in each process is exact, but shared caches in
 * between are not told.
 */
export const FEED_CACHE_CONTROL = 'public, max-age=60'

export interface ConditionalRequest {
  acceptEncoding?: string
  ifNoneMatch?: string
  ifModifiedSince?: string
}

/**
 * The answer to one request from a rendered response: 304 when the client's copy is current,
 * else the bytes, gzipped when accepted. Undefined when gzip is wanted but not made yet.
 */
export function answer(
  response: RenderedResponse,
  request: ConditionalRequest,
  extraHeaders: Record<string, string> = NO_HEADERS,
): Response | undefined {
  const gzip = acceptsGzip(request.acceptEncoding)
  if (gzip && !response.gzipBytes) return undefined
  const sets = headerSets(response, extraHeaders)
  if (isNotModified(response, request.ifNoneMatch, request.ifModifiedSince)) {
    return new Response(null, {
      status: 304,
      headers: gzip ? sets.gzipNotModified : sets.identityNotModified,
    })
  }
  return gzip
    ? new Response(response.gzipBytes, { status: 200, headers: sets.gzip })
    : new Response(response.body, { status: 200, headers: sets.identity })
}

const NO_HEADERS: Record<string, string> = {}

/**
 * Built once per response and reused by every request it answers: polls are the hot path. The
 * objects are never changed afterwards (Response copies headers before anything alters them).
 */
function headerSets(response: RenderedResponse, extra: Record<string, string>): HeaderSets {
  response.headerSets ??= new WeakMap()
  let sets = response.headerSets.get(extra)
  if (!sets) {
    // Extra headers may name another type for the same bytes (a feed shown to a browser).
    const { 'content-type': contentType = response.contentType, ...rest } = extra
    const common = {
      ...rest,
      vary: 'Accept-Encoding',
      ...response.headers,
      'cache-control': FEED_CACHE_CONTROL,
      'last-modified': response.lastModifiedHttp,
    }
    const identityNotModified = { ...common, etag: response.etag }
    const gzipNotModified = { ...common, etag: gzipEtag(response.etag) }
    sets = {
      identityNotModified,
      gzipNotModified,
      identity: { ...identityNotModified, 'content-type': contentType },
      gzip: {
        ...gzipNotModified,
        'content-type': contentType,
        'content-encoding': 'gzip',
      },
    }
    response.headerSets.set(extra, sets)
  }
  return sets
}
