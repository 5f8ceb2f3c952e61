/**
 * Signed webhooks (Standard Webhooks).
 *
 * - `webhooks`: an endpoint, the events it takes (JSON list), its signing secret and, for 24 h
 *   after a rotation, the previous one; `failing_since` is the first failure of a run of
 *   failures (null once a call succeeds), `disabled_at` when that run lasted five days.
 * - `webhook_messages`: one event for one hook, with the exact body every attempt sends and the
 *   `webhook-id` every attempt repeats.
 * - `webhook_deliveries`: every attempt: status code, duration, error.
 */
import type { Kysely } from 'kysely'
import type { Dialect } from '../index.js'
import { idColumn } from './0001-initial.js'

export function webhooksMigration(dialect: Dialect) {
  const withId = idColumn(dialect)
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await withId(db.schema.createTable('webhooks'))
        .addColumn('url', 'text', (col) => col.notNull())
        .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
        .addColumn('events', 'text', (col) => col.notNull())
        .addColumn('include_addresses', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('secret', 'text', (col) => col.notNull())
        .addColumn('previous_secret', 'text')
        .addColumn('previous_secret_expires_at', 'text')
        .addColumn('failing_since', 'text')
        .addColumn('disabled_at', 'text')
        .addColumn('created_by', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'text', (col) => col.notNull())
        .execute()

      await withId(db.schema.createTable('webhook_messages'))
        .addColumn('webhook_id', 'integer', (col) =>
          col.notNull().references('webhooks.id').onDelete('cascade'),
        )
        .addColumn('message_id', 'text', (col) => col.notNull().unique())
        .addColumn('event_type', 'text', (col) => col.notNull())
        .addColumn('body', 'text', (col) => col.notNull())
        .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending'))
        .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('done_at', 'text')
        .execute()
      await db.schema
        .createIndex('webhook_messages_hook_idx')
        .on('webhook_messages')
        .columns(['webhook_id', 'id'])
        .execute()

      await withId(db.schema.createTable('webhook_deliveries'))
        .addColumn('webhook_id', 'integer', (col) =>
          col.notNull().references('webhooks.id').onDelete('cascade'),
        )
        .addColumn('message_id', 'integer', (col) =>
          col.notNull().references('webhook_messages.id').onDelete('cascade'),
        )
        .addColumn('attempt', 'integer', (col) => col.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('duration_ms', 'integer', (col) => col.notNull())
        .addColumn('error', 'text')
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute()
      await db.schema
        .createIndex('webhook_deliveries_hook_idx')
        .on('webhook_deliveries')
        .columns(['webhook_id', 'id'])
        .execute()
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('webhook_deliveries').execute()
      await db.schema.dropTable('webhook_messages').execute()
      await db.schema.dropTable('webhooks').execute()
    },
  }
}
