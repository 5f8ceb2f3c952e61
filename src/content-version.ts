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

/**
 * What a change did to public content. An `addition` (a publication, an edit) lets caches serve
 * what they kept while they render it again; a `removal` (a withdrawal, a deletion, and whatever
 * is not known to only add) must be gone from the very next answer.
 */
export type ContentChange = 'addition' | 'removal'

/** The change a message announces; a message of an older version counts as a removal. */
export function changeOfMessage(message: string): ContentChange {
  return message.startsWith('addition ') ? 'addition' : 'removal'
}

/** Call after the transaction commits; other processes drop their caches on this message. */
export async function announceContentChange(
  redis: Redis,
  prefix: string,
  change: ContentChange = 'removal',
): Promise<void> {
  try {
    await redis.publish(`${prefix}:${CONTENT_CHANNEL}`, `${change} ${Date.now()}`)
  } catch {
    // Redis down: caches still expire by version check; publishing must not fail for this.
  }
}
