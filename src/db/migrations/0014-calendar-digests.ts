/**
 * Invitations as calendar events, and digests.
 *
 * - `release_events`: the event of an invitation (start, end, place, online link) and its
 *   iCalendar SEQUENCE, raised on every edit and on withdrawal so calendars take the change.
 * - `subscribers.frequency`: `immediate` (an email per release, as before), `daily` or `weekly`.
 * - `digest_periods`: one row per (newsroom, frequency, period end) once the period's digests are
 *   planned; the next period starts where the last one ended, so nothing falls between two.
 * - `digests`: the digest ledger, one row per (subscriber, newsroom, frequency, period end) —
 *   unique, so a planner run twice (restart, a flushed Redis, a killed worker) writes each once.
 */
import type { CreateTableBuilder, Kysely } from 'kysely'
import type { Dialect } from '../index.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- builder column names vary per table
type Builder = CreateTableBuilder<string, any>

export const calendarDigestsMigration = (dialect: Dialect) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const withId = (table: Builder): Builder =>
      dialect === 'postgres'
        ? table.addColumn('id', 'serial', (col) => col.primaryKey())
        : table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())

    await db.schema
      .createTable('release_events')
      .addColumn('release_id', 'integer', (col) =>
        col.primaryKey().references('releases.id').onDelete('cascade'),
      )
      .addColumn('start_at', 'text', (col) => col.notNull())
      .addColumn('end_at', 'text', (col) => col.notNull())
      .addColumn('location', 'text', (col) => col.notNull().defaultTo(''))
      .addColumn('online_url', 'text')
      .addColumn('sequence', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .execute()
    await db.schema
      .createIndex('release_events_end_idx')
      .on('release_events')
      .column('end_at')
      .execute()

    await db.schema
      .alterTable('subscribers')
      .addColumn('frequency', 'text', (col) => col.notNull().defaultTo('immediate'))
      .execute()

    await db.schema
      .createTable('digest_periods')
      .addColumn('newsroom_id', 'integer', (col) =>
        col.notNull().references('newsrooms.id').onDelete('cascade'),
      )
      .addColumn('frequency', 'text', (col) => col.notNull())
      .addColumn('period_start', 'text', (col) => col.notNull())
      .addColumn('period_end', 'text', (col) => col.notNull())
      .addColumn('planned_at', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('digest_periods_pk', ['newsroom_id', 'frequency', 'period_end'])
      .execute()

    await withId(db.schema.createTable('digests'))
      .addColumn('subscriber_id', 'integer', (col) =>
        col.references('subscribers.id').onDelete('set null'),
      )
      .addColumn('newsroom_id', 'integer', (col) =>
        col.notNull().references('newsrooms.id').onDelete('cascade'),
      )
      .addColumn('frequency', 'text', (col) => col.notNull())
      .addColumn('period_start', 'text', (col) => col.notNull())
      .addColumn('period_end', 'text', (col) => col.notNull())
      .addColumn('lang', 'text', (col) => col.notNull())
      /** JSON array of release ids, frozen when the digest is planned. */
      .addColumn('release_ids', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending'))
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('smtp_response', 'text')
      .addColumn('message_id', 'text', (col) => col.notNull())
      .addColumn('lease_until', 'text')
      .addColumn('sent_at', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addUniqueConstraint('digests_once_uq', [
        'subscriber_id',
        'newsroom_id',
        'frequency',
        'period_end',
      ])
      .execute()
    await db.schema
      .createIndex('digests_status_idx')
      .on('digests')
      .columns(['status', 'id'])
      .execute()
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('digests').execute()
    await db.schema.dropTable('digest_periods').execute()
    await db.schema.alterTable('subscribers').dropColumn('frequency').execute()
    await db.schema.dropTable('release_events').execute()
  },
})
