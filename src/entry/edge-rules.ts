/**
 * Rules of the Cloudflare entry that need no Workers runtime, kept apart so they are tested as
 * plain functions: which configuration problems stop every request, where /files/* may be
 * fetched from, and the cache key of a page.
 */

/** Query parameters that only tell where a reader came from; they never change a page. */
const TRACKING = /^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|igshid|yclid)$/i

/**
 * The Cache API key of a public answer: the content version in the path (a publication changes
 * every key at once), the browser variant of feeds, and the query without tracking parameters,
 * in a stable order — so `?utm_source=x&fbclid=y` links from social media share the reader's
 * copy instead of each making (and storing) their own.
 */
export function edgeCacheKey(url: URL, version: string | number, browserVariant: boolean): string {
  const kept = [...url.searchParams.entries()]
    .filter(([name]) => !TRACKING.test(name))
    .sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)))
  const query = kept.length ? `?${new URLSearchParams(kept).toString()}` : ''
  return `${url.origin}/_v${version}${browserVariant ? '/_page' : ''}${url.pathname}${query}`
}

/**
 * What is wrong with the Worker's configuration, one line each; empty when nothing is. Every
 * request is answered with these (503, plain text) until they are fixed: a subscribe form that
 * signs nothing, or links built from nothing, would be worse than no page.
 */
export function edgeConfigProblems(env: { SECRET_KEY?: string; PUBLIC_URL?: string }): string[] {
  const problems: string[] = []
  if (!env.SECRET_KEY || env.SECRET_KEY.length < 32)
    problems.push(
      "SECRET_KEY is not set (or shorter than 32 characters): run `wrangler secret put SECRET_KEY` with the Node service's SECRET_KEY",
    )
  if (!env.PUBLIC_URL || !/^https?:\/\/[^/]+/.test(env.PUBLIC_URL))
    problems.push('PUBLIC_URL is not set: give the public address, e.g. https://news.example.fi')
  return problems
}

/**
 * Where /files/* is fetched from: the Node service's own address (ORIGIN_URL). Without one, or
 * with one that is this Worker's own host, there is nowhere to fetch from — fetching our own
 * address would call this Worker again, in a loop.
 */
export function filesOrigin(originUrl: string | undefined, requestUrl: URL): string | undefined {
  if (!originUrl) return undefined
  let origin: URL
  try {
    origin = new URL(originUrl)
  } catch {
    return undefined
  }
  if (origin.host === requestUrl.host) return undefined
  return origin.origin
}

/**
 * Addresses the edge never answers itself nor caches: uploaded files (on the Node service's
 * disk) and journalists' personal links to embargoed releases (private, counted per open).
 */
export const isOriginOnlyPath = (path: string) => /^\/(files|embargo)\//.test(path)
