/**
 * The public content version: a counter in the database bumped whenever anything public changes
 * (a release is published, edited, withdrawn; a newsroom changes). Caches key on it — the feed
 * cache of every web process, and the edge cache on Workers — and a Redis message tells other
 * processes to drop what they hold at once instead of waiting for their next check.
 *
 * The counter itself lives in the `settings` repository (`bumpContentVersion()` in the
 * transaction of a change, `contentVersion()` to read it); this module is the Redis side.
 */
import type { Redis } from 'ioredis'

export const CONTENT_CHANNEL = 'content-changed'

/** Call after the transaction commits; other processes drop their caches on this message. */
export async function announceContentChange(redis: Redis, prefix: string): Promise<void> {
  try {
    await redis.publish(`${prefix}:${CONTENT_CHANNEL}`, String(Date.now()))
  } catch {
    // Redis down: caches still expire by version check; publishing must not fail for this.
  }
}
