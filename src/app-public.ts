/**
 * The public side — feeds, subscribing, pages — mounted in the same order on every runtime.
 * The Node app mounts it after its staff and API areas; the edge entry mounts only this.
 */
import type { Hono } from 'hono'
import type { BaseEnv, PublicDeps } from './app-base.js'
import { countReadings, countedAnswers } from './http/readings.js'
import { keptAnswers } from './http/cached-answers.js'
import type { HitRequest } from './http/cached-answers.js'
import { movedNewsroomPath } from './core/newsroom/newsrooms.js'
import { cachedFeedHits, createFeedRoutes } from './routes/feeds/feeds.index.js'
import { cachedPageHits } from './routes/public/page-cache.js'
import { createPublicRoutes } from './routes/public/public.index.js'
import {
  createSubscriptionRoutes,
  logSafePath,
} from './routes/subscriptions/subscriptions.index.js'

export function mountPublicAreas<D extends PublicDeps>(app: Hono<BaseEnv<D>>) {
  // Reading figures: sums per release page and feed, nothing about the reader.
  app.use('*', countReadings<D>())
  // A newsroom whose slug changed: its old addresses lead to the new ones. Looked up only for
  // what would otherwise be a 404, so found pages cost nothing.
  app.use('*', async (c, next) => {
    await next()
    if (c.res.status !== 404 || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return
    const moved = await movedNewsroomPath(c.var.deps.readRepos, c.req.path)
    if (!moved) return
    const location = `${moved}${new URL(c.req.url).search}`
    // A fresh answer: nothing of the 404 (its cache headers, its page) may carry over.
    c.res = undefined
    c.res = new Response(null, {
      status: 301,
      headers: { Location: location, 'Cache-Control': 'public, max-age=3600' },
    })
  })
  app.route('/', createFeedRoutes())
  app.route('/', createSubscriptionRoutes())
  // Last: its /{lang}/{newsroom}/{slug} pattern would shadow the areas above.
  app.route('/', createPublicRoutes())
}

/** Options every app passes to createBaseApp for the public areas. */
export function publicAppOptions<D extends PublicDeps>(deps: D) {
  return {
    // Answers kept feeds and pages from memory before any per-request work.
    answerFirst: keptAnswers(
      countedAnswers(deps, firstOf(cachedFeedHits(deps), cachedPageHits(deps))),
    ),
    logPath: logSafePath,
  }
}

function firstOf(
  ...answerers: ((request: HitRequest) => Response | undefined)[]
): (request: HitRequest) => Response | undefined {
  return (request) => {
    for (const answerFirst of answerers) {
      const response = answerFirst(request)
      if (response) return response
    }
    return undefined
  }
}
