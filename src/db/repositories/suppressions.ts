/**
 * The suppression list, keyed by a keyed hash of the normalised address (never the address).
 * The subscriber-side mirror (`subscribers.suppressed_at`) is in the subscriber repository.
 */
import type { Selectable } from 'kysely'
import type { SuppressionsTable } from '../schema.js'
import type { Executor } from './index.js'
import { selectInChunks } from './subscribers.js'

export type SuppressionRow = Selectable<SuppressionsTable>
export type SuppressionReason = SuppressionsTable['reason']

export function createSuppressionRepository(db: Executor) {
  return {
    find(key: string): Promise<SuppressionRow | undefined> {
      return db
        .selectFrom('suppressions')
        .selectAll()
        .where('email_normalized', '=', key)
        .executeTakeFirst()
    },

    /** The suppressed among these keys. */
    findMany(keys: string[]): Promise<SuppressionRow[]> {
      return selectInChunks(keys, (part) =>
        db.selectFrom('suppressions').selectAll().where('email_normalized', 'in', part).execute(),
      )
    },

    /** Adds the key, or replaces its reason, detail and time. */
    async put(row: SuppressionRow): Promise<void> {
      const values = { reason: row.reason, detail: row.detail, created_at: row.created_at }
      await db
        .insertInto('suppressions')
        .values(row)
        .onConflict((oc) => oc.column('email_normalized').doUpdateSet(values))
        .execute()
    },

    /** False if the key was not on the list. */
    async remove(key: string): Promise<boolean> {
      const deleted = await db
        .deleteFrom('suppressions')
        .where('email_normalized', '=', key)
        .executeTakeFirst()
      return Number(deleted.numDeletedRows) > 0
    },

    /** Newest first. */
    list(limit: number): Promise<SuppressionRow[]> {
      return db
        .selectFrom('suppressions')
        .selectAll()
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute()
    },
  }
}

export type SuppressionRepository = ReturnType<typeof createSuppressionRepository>
