/**
 * A rendered feed, sitemap or page as it is kept in the cache and served: bytes, validators and
 * its gzip and Brotli copies (made before the cache keeps it, or on first demand). Conditional
 * requests are answered from these validators without rendering anything.
 */
import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { brotliCompress, constants as zlib, gzip } from 'node:zlib'

const gzipAsync = promisify(gzip)
const brotliAsync = promisify(brotliCompress)

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
  /** Made once, on the first request that prefers Brotli, or before the cache keeps it. */
  brotli?: Promise<Uint8Array<ArrayBuffer>>
  brotliBytes?: Uint8Array<ArrayBuffer>
  /** Set when this runtime could not make Brotli: gzip instead. */
  noBrotli?: boolean
  /** Response headers per set of extra headers, built on first use. */
  headerSets?: WeakMap<Record<string, string>, HeaderSets>
}

interface HeaderSets {
  identity: Record<string, string>
  identityNotModified: Record<string, string>
  gzip: Record<string, string>
  gzipNotModified: Record<string, string>
  br: Record<string, string>
  brNotModified: Record<string, string>
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

export const isFailure = (value: CachedFeed): value is FeedFailure => value.status !== 200

/** The ETag of the gzip representation: a different body needs a different strong validator. */
export const gzipEtag = (etag: string) => `${etag.slice(0, -1)}-gz"`

/** The ETag of the Brotli representation. */
export const brotliEtag = (etag: string) => `${etag.slice(0, -1)}-br"`

export function gzipped(response: RenderedResponse): Promise<Uint8Array<ArrayBuffer>> {
  response.gzipped ??= gzipAsync(response.body).then((bytes) => {
    response.gzipBytes = new Uint8Array(bytes)
    return response.gzipBytes
  })
  return response.gzipped
}

/**
 * Quality 9 of 11: within a few percent of the smallest output at a fraction of its time, and a
 * kept entry is compressed once (off the event loop) however many readers it serves.
 */
const BROTLI_OPTIONS = { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } }

export function brotlied(response: RenderedResponse): Promise<Uint8Array<ArrayBuffer>> {
  response.brotli ??= brotliAsync(response.body, {
    ...BROTLI_OPTIONS,
    params: { ...BROTLI_OPTIONS.params, [zlib.BROTLI_PARAM_SIZE_HINT]: response.body.byteLength },
  }).then(
    (bytes) => {
      response.brotliBytes = new Uint8Array(bytes)
      return response.brotliBytes
    },
    // A runtime without Brotli (some edge runtimes): those clients get gzip.
    () => {
      response.noBrotli = true
      return gzipped(response)
    },
  )
  return response.brotli
}

/**
 * Makes both compressed copies, so that every later answer is written at once from memory: the
 * caches call this before keeping a rendered response.
 */
export async function encodeAll(response: RenderedResponse): Promise<void> {
  await Promise.all([gzipped(response), brotlied(response)])
}

export type Encoding = 'br' | 'gzip' | 'identity'

/** Brotli when the client takes it, else gzip when it takes that, else the bytes as they are. */
export function preferredEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity'
  // Clients of one kind send the same header: the last answer is likely the next one.
  if (acceptEncoding === lastPreference.header) return lastPreference.encoding
  const encoding = readPreference(acceptEncoding)
  lastPreference = { header: acceptEncoding, encoding }
  return encoding
}

let lastPreference: { header: string; encoding: Encoding } = { header: '', encoding: 'identity' }

function readPreference(acceptEncoding: string): Encoding {
  // The usual "gzip, deflate, br, zstd": no weights to read.
  if (!acceptEncoding.includes(';')) {
    if (SIMPLE_BR.test(acceptEncoding)) return 'br'
    return SIMPLE_GZIP.test(acceptEncoding) ? 'gzip' : 'identity'
  }
  const accepted = new Set<string>()
  for (const part of acceptEncoding.split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    if (!q || Number(q.slice(2)) > 0) accepted.add(coding === 'x-gzip' ? 'gzip' : coding)
  }
  // A wildcard stands for gzip only: Brotli is sent to clients that name it.
  if (accepted.has('br')) return 'br'
  return accepted.has('gzip') || accepted.has('*') ? 'gzip' : 'identity'
}

export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  return preferredEncoding(acceptEncoding) !== 'identity'
}

const SIMPLE_GZIP = /(?:^|,)\s*(?:x-)?(?:gzip|\*)\s*(?:,|$)/i
const SIMPLE_BR = /(?:^|,)\s*br\s*(?:,|$)/i

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
    const ours = [response.etag, gzipEtag(response.etag), brotliEtag(response.etag)]
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

/** Makes the copy a request wants, when it is not made yet. */
export function encodeFor(response: RenderedResponse, encoding: Encoding): Promise<unknown> {
  if (encoding === 'br') return brotlied(response)
  if (encoding === 'gzip') return gzipped(response)
  return Promise.resolve()
}

/**
 * The answer to one request from a rendered response: 304 when the client's copy is current,
 * else the bytes, compressed as the client prefers. Undefined when that copy is not made yet.
 */
export function answer(
  response: RenderedResponse,
  request: ConditionalRequest,
  extraHeaders: Record<string, string> = NO_HEADERS,
): Response | undefined {
  let encoding = preferredEncoding(request.acceptEncoding)
  if (encoding === 'br' && response.noBrotli) encoding = 'gzip'
  const bytes =
    encoding === 'br'
      ? response.brotliBytes
      : encoding === 'gzip'
        ? response.gzipBytes
        : response.body
  if (!bytes) return undefined
  const sets = headerSets(response, extraHeaders)
  if (
    (request.ifNoneMatch !== undefined || request.ifModifiedSince !== undefined) &&
    isNotModified(response, request.ifNoneMatch, request.ifModifiedSince)
  ) {
    return new Response(null, {
      status: 304,
      headers:
        encoding === 'br'
          ? sets.brNotModified
          : encoding === 'gzip'
            ? sets.gzipNotModified
            : sets.identityNotModified,
    })
  }
  return new Response(bytes, {
    status: 200,
    headers: encoding === 'br' ? sets.br : encoding === 'gzip' ? sets.gzip : sets.identity,
  })
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
    const brNotModified = { ...common, etag: brotliEtag(response.etag) }
    sets = {
      identityNotModified,
      gzipNotModified,
      brNotModified,
      identity: { ...identityNotModified, 'content-type': contentType },
      gzip: {
        ...gzipNotModified,
        'content-type': contentType,
        'content-encoding': 'gzip',
      },
      br: {
        ...brNotModified,
        'content-type': contentType,
        'content-encoding': 'br',
      },
    }
    response.headerSets.set(extra, sets)
  }
  return sets
}
