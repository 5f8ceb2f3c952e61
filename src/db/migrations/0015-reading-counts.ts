/**
 * Reading figures without tracking: how often each release page was read and each feed
 * fetched, per day. Only the sums are stored — no address, cookie, user agent or anything else
 * that tells one reader from another — so there is nothing personal to keep, export or erase.
 */
import type { Kysely } from 'kysely'

export const readingCountsMigration = () => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('release_page_views')
      .addColumn('release_id', 'integer', (col) =>
        col.notNull().references('releases.id').onDelete('cascade'),
      )
      // `YYYY-MM-DD` in UTC.
      .addColumn('day', 'text', (col) => col.notNull())
      .addColumn('views', 'integer', (col) => col.notNull())
      .addPrimaryKeyConstraint('release_page_views_pk', ['release_id', 'day'])
      .execute()
    await db.schema
      .createIndex('release_page_views_day')
      .on('release_page_views')
      .columns(['day'])
      .execute()
    await db.schema
      .createTable('feed_fetches')
      // The feed's address without the query, e.g. `/feeds/lansi-uusimaa.rss`.
      .addColumn('feed', 'text', (col) => col.notNull())
      .addColumn('day', 'text', (col) => col.notNull())
      .addColumn('fetches', 'integer', (col) => col.notNull())
      .addPrimaryKeyConstraint('feed_fetches_pk', ['feed', 'day'])
      .execute()
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('feed_fetches').execute()
    await db.schema.dropTable('release_page_views').execute()
  },
})
