/**
 * A bounded crawler for the app: requests each path once, without credentials, keeps what came
 * back (status, headers, body) and follows every same-origin address it finds — links and
 * sources in HTML, `<loc>`/`<link>`/`<guid>` in XML, URLs in JSON, and redirects.
 */
import { ORIGIN } from '../helpers/harness.js'

export interface Crawled {
  path: string
  status: number
  headers: Headers
  body: string
  /** Status line, headers and body as one string, for searching. */
  whole: string
}

type Fetch = (path: string, init?: RequestInit) => Promise<Response>

const decodeEntities = (text: string) =>
  text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')

/** Same-origin paths mentioned in a body (absolute or root-relative). */
export function linksIn(body: string, base: string): string[] {
  const found: string[] = []
  const candidates = [
    ...body.matchAll(/(?:href|src|action)=["']([^"']+)["']/g),
    ...body.matchAll(/content=["']((?:https?:\/\/|\/)[^"']+)["']/g),
    ...body.matchAll(/<(?:loc|link|guid|id|uri|comments)>([^<]+)</g),
    ...body.matchAll(
      /"(?:url|external_url|id|home_page_url|feed_url|image|href)"\s*:\s*"([^"]+)"/g,
    ),
    ...body.matchAll(/https?:\/\/tiedote\.test(\/[^\s"'<>)]*)/g),
  ].map((match) => decodeEntities(match[1]))
  for (const candidate of candidates) {
    if (candidate.startsWith('//')) continue
    let url: URL
    try {
      url = new URL(candidate, `${ORIGIN}${base}`)
    } catch {
      continue
    }
    if (url.origin !== ORIGIN) continue
    found.push(`${url.pathname}${url.search}`)
  }
  return found
}

export async function crawl(
  fetchPath: Fetch,
  seeds: string[],
  options: {
    limit: number
    headers?: Record<string, string>
    /** Only addresses for which this is true are followed (seeds are always fetched). */
    follow?: (path: string) => boolean
  },
): Promise<Crawled[]> {
  const queue = [...new Set(seeds)]
  const seen = new Set(queue)
  const results: Crawled[] = []
  while (queue.length > 0 && results.length < options.limit) {
    const path = queue.shift()!
    const res = await fetchPath(path, { headers: options.headers ?? {} })
    const body = await res.text()
    const headers = [...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')
    results.push({
      path,
      status: res.status,
      headers: res.headers,
      body,
      whole: `${res.status}\n${headers}\n\n${body}`,
    })
    const next = linksIn(body, path)
    const location = res.headers.get('location')
    if (location) next.push(...linksIn(`href="${location}"`, path))
    for (const link of next) {
      if (options.follow && !options.follow(link)) continue
      if (!seen.has(link)) {
        seen.add(link)
        queue.push(link)
      }
    }
  }
  if (queue.length > 0) {
    throw new Error(`crawl limit ${options.limit} reached with ${queue.length} addresses left`)
  }
  return results
}
