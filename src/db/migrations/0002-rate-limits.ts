/**
 * Rate-limit counters in the database, for runtimes without Redis (the edge deployment of the
 * public side). Keys are hashes; rows expire by `resets_at` and are pruned as they are hit.
 */
import type { Kysely } from 'kysely'

export const rateLimitsMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('rate_limits')
      .addColumn('key', 'text', (col) => col.primaryKey())
      .addColumn('count', 'integer', (col) => col.notNull())
      .addColumn('resets_at', 'text', (col) => col.notNull())
      .execute()
    await db.schema
      .createIndex('rate_limits_resets_at')
      .on('rate_limits')
      .column('resets_at')
      .execute()
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('rate_limits').execute()
  },
}
