/**
 * Where reading figures are counted: every public answer, whether a route rendered it or a
 * cache answered it before routing. A release page read is a `200` for `/{lang}/{newsroom}/{slug}`
 * from a browser that is not a known bot; a feed fetch is a `200` or `304` for `/feeds/{file}`
 * (feed readers are programs, so their user agents are not filtered). Nothing about the reader
 * is kept, and no header or cookie is added to the answer.
 */
import type { MiddlewareHandler } from 'hono'
import type { BaseEnv, PublicDeps } from '../app-base.js'
import { isBot } from '../core/readings/counter.js'
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
      const path = new URL(request.url).pathname
      countReading(
        deps,
        request.method,
        path,
        request.headers.get('user-agent') ?? undefined,
        response.status,
      )
    }
    return response
  }
}
