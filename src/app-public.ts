/**
 * The public side — feeds, subscribing, pages — mounted in the same order on every runtime.
 * The Node app mounts it after its staff and API areas; the edge entry mounts only this.
 */
import type { Hono } from 'hono'
import type { BaseEnv, PublicDeps } from './app-base.js'
import { cachedFeedHits, createFeedRoutes } from './routes/feeds/feeds.index.js'
import { createPublicRoutes } from './routes/public/public.index.js'
import {
  createSubscriptionRoutes,
  logSafePath,
} from './routes/subscriptions/subscriptions.index.js'

export function mountPublicAreas<D extends PublicDeps>(app: Hono<BaseEnv<D>>) {
  app.route('/', createFeedRoutes())
  app.route('/', createSubscriptionRoutes())
  // Last: its /{lang}/{newsroom}/{slug} pattern would shadow the areas above.
  app.route('/', createPublicRoutes())
}

/** Options every app passes to createBaseApp for the public areas. */
export function publicAppOptions<D extends PublicDeps>(deps: D) {
  return {
    // Answers unchanged feeds from memory before any per-request work (see feeds.index.ts).
    answerFirst: cachedFeedHits(deps),
    logPath: logSafePath,
  }
}
