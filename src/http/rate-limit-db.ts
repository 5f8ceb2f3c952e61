/**
 * The RateLimiter port on the database, for the edge runtime where there is no Redis. Same
 * fixed windows as the Redis limiter; the `rateLimits` repository counts each hit atomically.
 */
import { createHash } from 'node:crypto'
import type { Clock } from '../clock.js'
import type { Repositories } from '../db/repositories/index.js'
import { limitResult } from './rate-limit.js'
import type { RateLimiter, RateLimitRule } from './rate-limit.js'

const keyOf = (rule: RateLimitRule, key: string) =>
  `${rule.name}:${createHash('sha256').update(key).digest('base64url').slice(0, 22)}`

/** Limits kept in the database, for runtimes without Redis (the edge). */
export function createDbRateLimiter(
  repos: Pick<Repositories, 'rateLimits'>,
  clock: Clock,
): RateLimiter {
  const { rateLimits } = repos
  return {
    async hit(rule, key) {
      const now = clock.now()
      const nowIso = now.toISOString()
      const resetsAt = new Date(now.getTime() + rule.windowMs).toISOString()
      const row = await rateLimits.hit(keyOf(rule, key), nowIso, resetsAt)
      // Now and then, drop windows that ended long ago so the table stays small.
      if (Math.random() < 0.01) await rateLimits.deleteEnded(nowIso)
      return limitResult(rule, Number(row.count), new Date(row.resets_at).getTime() - now.getTime())
    },
    async reset(rule, key) {
      await rateLimits.delete(keyOf(rule, key))
    },
  }
}
