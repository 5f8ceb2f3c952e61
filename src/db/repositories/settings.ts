/**
 * Installation-wide key/value settings, among them the public content version: a counter bumped
 * in the transaction of every change to public content, which caches key on.
 */
import { sql } from 'kysely'
import type { Executor } from './index.js'

const CONTENT_VERSION = 'content_version'

export function createSettingsRepository(db: Executor) {
  async function get(key: string): Promise<string | undefined> {
    const row = await db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst()
    return row?.value
  }

  return {
    get,

    /** Sets a key once; a key that exists keeps its value. */
    async putIfAbsent(key: string, value: string): Promise<void> {
      await db
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute()
    },

    /** Call inside the transaction that changes public content. */
    async bumpContentVersion(): Promise<void> {
      await sql`update settings set value = cast(cast(value as integer) + 1 as text) where key = ${CONTENT_VERSION}`.execute(
        db,
      )
    },

    async contentVersion(): Promise<number> {
      return Number((await get(CONTENT_VERSION)) ?? 0)
    },
  }
}

export type SettingsRepository = ReturnType<typeof createSettingsRepository>
