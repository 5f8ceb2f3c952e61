/**
 * Where reading figures are counted: every public answer, whether a route rendered it or a
 * cache answered it before routing. A release page read is a `200` for `/{lang}/{newsroom}/{slug}`
 * from a browser that is not a known bot; a feed fetch is a `200` or `304` for `/feeds/{file}`
 * (feed readers are programs, so their user agents are not filtered). Nothing about the reader
 * is kept, and no header or cookie is added to the answer.
 */
import type { MiddlewareHandler } from 'hono'
import { isRevalidation } from '../app-base.js'
import type { BaseEnv, PublicDeps } from '../app-base.js'
import { isBot } from '../core/readings/counter.js'
import { requestTarget } from './cached-answers.js'
import type { Lang } from '../core/types.js'

const RELEASE_PAGE = /^\/(fi|sv|en)\/([a-z0-9-]{1,100})\/([a-z0-9-]{1,200})$/
/** Newsroom pages at the place of a slug (release slugs never take these). */
const NOT_RELEASES = new Set(['contacts', 'media'])
const FEED = /^\/feeds\/([a-z0-9-]{1,100}\.(?:rss|atom|json))$/

export function countReading(
  deps: Pick<PublicDeps, 'readings'>,
  method: string,
  path: string,
  userAgent: string | undefined,
  status: number,
): void {
  const counter = deps.readings
  if (!counter || method !== 'GET') return
  const feed = FEED.exec(path)
  if (feed) {
    if (status === 200 || status === 304) counter.feedFetch(`/feeds/${feed[1]}`)
    return
  }
  if (status !== 200) return
  const page = RELEASE_PAGE.exec(path)
  if (!page || NOT_RELEASES.has(page[3]) || isBot(userAgent)) return
  counter.pageView(page[1] as Lang, page[2], page[3])
}

/** Counts what the routes answer. */
export function countReadings<D extends PublicDeps>(): MiddlewareHandler<BaseEnv<D>> {
  return async (c, next) => {
    await next()
    // A page rendered again for the cache: nobody read it.
    if (isRevalidation(c)) return
    countReading(c.var.deps, c.req.method, c.req.path, c.req.header('user-agent'), c.res.status)
  }
}

/** Counts what a cache answers before routing. */
export function countedAnswers(
  deps: Pick<PublicDeps, 'readings'>,
  answerFirst: (request: Request) => Response | undefined,
): (request: Request) => Response | undefined {
  if (!deps.readings) return answerFirst
  return (request) => {
    const response = answerFirst(request)
    if (response) {
      // The hot path of every kept answer: no URL parsing, and the user agent only for pages.
      const target = requestTarget(request.url)
      const query = target.indexOf('?')
      const path = query === -1 ? target : target.slice(0, query)
      const userAgent = path.startsWith('/feeds/')
        ? undefined
        : (request.headers.get('user-agent') ?? undefined)
      countReading(deps, request.method, path, userAgent, response.status)
    }
    return response
  }
}
