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
import { isBot, releasePageKey } from '../core/readings/counter.js'
import type { ReadingCounter } from '../core/readings/counter.js'
import type { HitRequest } from './cached-answers.js'
import type { Lang } from '../core/types.js'

const RELEASE_PAGE = /^\/(fi|sv|en)\/([a-z0-9-]{1,100})\/([a-z0-9-]{1,200})$/
/** Newsroom pages at the place of a slug (release slugs never take these). */
const NOT_RELEASES = new Set(['contacts', 'media'])
const FEED = /^\/feeds\/([a-z0-9-]{1,100}\.(?:rss|atom|json))$/

/** What an address counts as: a feed fetch, a release page read, or nothing. */
type Counted = { feed: string } | { page: string } | null

/**
 * Addresses, and user agents as bot or not, worked out once: kept answers come for a few
 * hundred addresses from a few hundred kinds of browser over and over. In memory only, with
 * nothing that links them to a reader; bounded, and started again when full, so odd values
 * cannot grow them.
 */
const countedTargets = new Map<string, Counted>()
const botAgents = new Map<string, boolean>()
const MEMO_LIMIT = 2000

function memo<T>(map: Map<string, T>, key: string, work: (key: string) => T): T {
  let value = map.get(key)
  if (value === undefined) {
    if (map.size >= MEMO_LIMIT) map.clear()
    value = work(key)
    map.set(key, value)
  }
  return value
}

/** What a path, with or without its query, counts as. */
function countedAs(target: string): Counted {
  const query = target.indexOf('?')
  const path = query === -1 ? target : target.slice(0, query)
  const feed = FEED.exec(path)
  if (feed) return { feed: `/feeds/${feed[1]}` }
  const page = RELEASE_PAGE.exec(path)
  if (!page || NOT_RELEASES.has(page[3])) return null
  return { page: releasePageKey(page[1] as Lang, page[2], page[3]) }
}

/**
 * Counts one answer to a GET request for `target` (path, with or without the query).
 * Its user agent is read for release pages only.
 */
function countAnswer(
  counter: ReadingCounter,
  target: string,
  status: number,
  request: { header(name: string): string | undefined },
): void {
  const counted = memo(countedTargets, target, countedAs)
  if (!counted) return
  if ('feed' in counted) {
    if (status === 200 || status === 304) counter.feedFetch(counted.feed)
    return
  }
  if (status !== 200) return
  const agent = request.header('user-agent')
  if (agent !== undefined && !memo(botAgents, agent, isBot)) counter.pageView(counted.page)
}

/** Counts what the routes answer. */
export function countReadings<D extends PublicDeps>(): MiddlewareHandler<BaseEnv<D>> {
  return async (c, next) => {
    await next()
    const counter = c.var.deps.readings
    // A page rendered again for the cache: nobody read it.
    if (!counter || c.req.method !== 'GET' || isRevalidation(c)) return
    countAnswer(counter, c.req.path, c.res.status, c.req)
  }
}

/** Counts what a cache answers before routing (GET requests only). */
export function countedAnswers(
  deps: Pick<PublicDeps, 'readings'>,
  answerFirst: (request: HitRequest) => Response | undefined,
): (request: HitRequest) => Response | undefined {
  const counter = deps.readings
  if (!counter) return answerFirst
  return (request) => {
    const response = answerFirst(request)
    if (response) {
      countAnswer(counter, request.target, response.status, request)
    }
    return response
  }
}
