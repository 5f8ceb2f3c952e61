/**
 * The RateLimiter port on the database, for the edge runtime where there is no Redis. Same
 * fixed windows as the Redis limiter: one upsert per hit counts and, when the window has
 * passed, starts a new one — atomically, so concurrent requests never both get the last slot.
 */
import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import type { Kysely } from 'kysely'
import type { Clock } from '../clock.js'
import type { Database } from '../db/schema.js'
import type { RateLimiter, RateLimitRule } from './rate-limit.js'

const keyOf = (rule: RateLimitRule, key: string) =>
  `${rule.name}:${createHash('sha256').update(key).digest('base64url').slice(0, 22)}`

export function createDbRateLimiter(db: Kysely<Database>, clock: Clock): RateLimiter {
  return {
    async hit(rule, key) {
      const now = clock.now()
      const nowIso = now.toISOString()
      const resetsAt = new Date(now.getTime() + rule.windowMs).toISOString()
      const row = await db
        .insertInto('rate_limits')
        .values({ key: keyOf(rule, key), count: 1, resets_at: resetsAt })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            count: sql<number>`case when rate_limits.resets_at <= ${nowIso} then 1 else rate_limits.count + 1 end`,
            resets_at: sql<string>`case when rate_limits.resets_at <= ${nowIso} then ${resetsAt} else rate_limits.resets_at end`,
          }),
        )
        .returning(['count', 'resets_at'])
        .executeTakeFirstOrThrow()
      // Now and then, drop windows that ended long ago so the table stays small.
      if (Math.random() < 0.01)
        await db.deleteFrom('rate_limits').where('resets_at', '<', nowIso).execute()
      const count = Number(row.count)
      const ttl = new Date(row.resets_at).getTime() - now.getTime()
      return {
        allowed: count <= rule.limit,
        count,
        remaining: Math.max(0, rule.limit - count),
        retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)),
      }
    },
    async reset(rule, key) {
      await db.deleteFrom('rate_limits').where('key', '=', keyOf(rule, key)).execute()
    },
  }
}
