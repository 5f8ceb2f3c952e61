/**
 * The public content version: a counter in the database bumped whenever anything public changes
 * (a release is published, edited, withdrawn; a newsroom changes). Caches key on it — the feed
 * cache of every web process, and the edge cache on Workers — and a Redis message tells other
 * processes to drop what they hold at once instead of waiting for their next check.
 */
import { sql } from 'kysely'
import type { Kysely } from 'kysely'
import type { Redis } from 'ioredis'
import type { Database } from './db/schema.js'

export const CONTENT_CHANNEL = 'content-changed'

/** Call inside the transaction that changes public content. */
export async function bumpContentVersion(db: Kysely<Database>): Promise<void> {
  await sql`update settings set value = cast(cast(value as integer) + 1 as text) where key = 'content_version'`.execute(
    db,
  )
}

export async function readContentVersion(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'content_version')
    .executeTakeFirst()
  return Number(row?.value ?? 0)
}

/** Call after the transaction commits; other processes drop their caches on this message. */
export async function announceContentChange(redis: Redis, prefix: string): Promise<void> {
  try {
    await redis.publish(`${prefix}:${CONTENT_CHANNEL}`, String(Date.now()))
  } catch {
    // Redis down: caches still expire by version check; publishing must not fail for this.
  }
}
