/**
 * A send batch reads its pending rows by id range: `release_id, kind, status = 'pending'` and
 * `id` between the batch's first and last. The progress index (`release_id, kind, status`) found
 * the pending rows of the whole release and filtered them by id one by one: when PostgreSQL's
 * statistics had not yet seen the fan-out's rows (a large send writes them faster than
 * autovacuum analyzes), it chose that index, and at a million subscribers each batch read went
 * through ~700,000 index entries (200 ms) instead of 100. With `id` as the last column the same
 * index answers the progress counts and bounds a batch's read exactly, on both databases.
 */
import type { Kysely } from 'kysely'

export const deliveryBatchIndexMigration = () => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('deliveries_progress_idx').execute()
    await db.schema
      .createIndex('deliveries_progress_idx')
      .on('deliveries')
      .columns(['release_id', 'kind', 'status', 'id'])
      .execute()
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('deliveries_progress_idx').execute()
    await db.schema
      .createIndex('deliveries_progress_idx')
      .on('deliveries')
      .columns(['release_id', 'kind', 'status'])
      .execute()
  },
})
