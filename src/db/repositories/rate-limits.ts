/**
 * Fixed-window counters for the database rate limiter (the edge runtime has no Redis). One
 * upsert per hit counts and, when the window has passed, starts a new one — atomically, so
 * concurrent requests never both get the last slot.
 */
import { sql } from 'kysely'
import type { Executor } from './index.js'

export function createRateLimitRepository(db: Executor) {
  return {
    /** Counts one hit; returns the window's count and end after it. */
    hit(key: string, now: string, resetsAt: string): Promise<{ count: number; resets_at: string }> {
      return db
        .insertInto('rate_limits')
        .values({ key, count: 1, resets_at: resetsAt })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            count: sql<number>`case when rate_limits.resets_at <= ${now} then 1 else rate_limits.count + 1 end`,
            resets_at: sql<string>`case when rate_limits.resets_at <= ${now} then ${resetsAt} else rate_limits.resets_at end`,
          }),
        )
        .returning(['count', 'resets_at'])
        .executeTakeFirstOrThrow()
    },

    /** Drops windows that ended before `now`. */
    async deleteEnded(now: string) {
      await db.deleteFrom('rate_limits').where('resets_at', '<', now).execute()
    },

    async delete(key: string) {
      await db.deleteFrom('rate_limits').where('key', '=', key).execute()
    },
  }
}

export type RateLimitRepository = ReturnType<typeof createRateLimitRepository>
