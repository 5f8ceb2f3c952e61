/**
 * The whole domain schema (see DESIGN.md "Tables"). One migration set serves SQLite and
 * PostgreSQL: only the auto-increment id column differs, times are ISO strings, lists JSON text.
 */
import type { CreateTableBuilder, Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Dialect } from '../index.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- builder column names vary per table
type Builder = CreateTableBuilder<string, any>

/** Adds the auto-increment `id` primary key, the one column that differs between dialects. */
export const idColumn =
  (dialect: Dialect) =>
  (table: Builder): Builder =>
    dialect === 'postgres'
      ? table.addColumn('id', 'serial', (col) => col.primaryKey())
      : table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())

export function initialMigration(dialect: Dialect) {
  const withId = idColumn(dialect)

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const create = (name: string) => db.schema.createTable(name)

      await withId(create('newsrooms'))
        .addColumn('slug', 'text', (col) => col.notNull().unique())
        .addColumn('languages', 'text', (col) => col.notNull())
        .addColumn('timezone', 'text', (col) => col.notNull().defaultTo('Europe/Helsinki'))
        .addColumn('social_links', 'text', (col) => col.notNull().defaultTo('[]'))
        .addColumn('website', 'text')
        .addColumn('logo_attachment_id', 'integer')
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'text', (col) => col.notNull())
        .execute()

      await create('newsroom_translations')
        .addColumn('newsroom_id', 'integer', (col) =>
          col.notNull().references('newsrooms.id').onDelete('cascade'),
        )
        .addColumn('lang', 'text', (col) => col.notNull())
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('boilerplate', 'text', (col) => col.notNull().defaultTo(''))
        .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
        .addPrimaryKeyConstraint('newsroom_translations_pk', ['newsroom_id', 'lang'])
        .execute()

      await withId(create('users'))
        .addColumn('email', 'text', (col) => col.notNull().unique())
        .addColumn('name', 'text', (col) => col.notNull().defaultTo(''))
        .addColumn('password_hash', 'text', (col) => col.notNull())
        .addColumn('role', 'text', (col) => col.notNull())
        .addColumn('locale', 'text', (col) => col.notNull().defaultTo('fi'))
        .addColumn('must_change_password', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('failed_logins', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('locked_until', 'text')
        .addColumn('disabled_at', 'text')
        .addColumn('last_login_at', 'text')
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'text', (col) => col.notNull())
        .execute()

      await create('user_newsrooms')
        .addColumn('user_id', 'integer', (col) =>
          col.notNull().references('users.id').onDelete('cascade'),
        )
        .addColumn('newsroom_id', 'integer', (col) =>
          col.notNull().references('newsrooms.id').onDelete('cascade'),
        )
        .addPrimaryKeyConstraint('user_newsrooms_pk', ['user_id', 'newsroom_id'])
        .execute()

      await create('sessions')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('user_id', 'integer', (col) =>
          col.notNull().references('users.id').onDelete('cascade'),
        )
        .addColumn('csrf_token', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('expires_at', 'text', (col) => col.notNull())
        .addColumn('last_seen_at', 'text', (col) => col.notNull())
        .execute()

      await withId(create('api_tokens'))
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('token_hash', 'text', (col) => col.notNull().unique())
        .addColumn('role', 'text', (col) => col.notNull().defaultTo('admin'))
        .addColumn('created_by_user_id', 'integer', (col) =>
          col.references('users.id').onDelete('set null'),
        )
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute()

      await withId(create('releases'))
        .addColumn('newsroom_id', 'integer', (col) =>
          col.notNull().references('newsrooms.id').onDelete('restrict'),
        )
        .addColumn('type', 'text', (col) => col.notNull())
        .addColumn('status', 'text', (col) => col.notNull().defaultTo('draft'))
        .addColumn('publish_at', 'text')
        .addColumn('published_at', 'text')
        .addColumn('withdrawn_at', 'text')
        .addColumn('withdrawn_reason', 'text')
        .addColumn('notify', 'integer', (col) => col.notNull().defaultTo(1))
        .addColumn('delivered_at', 'text')
        .addColumn('sending_cancelled_at', 'text')
        .addColumn('created_by_user_id', 'integer', (col) =>
          col.references('users.id').onDelete('set null'),
        )
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'text', (col) => col.notNull())
        .execute()
      await db.schema
        .createIndex('releases_public_idx')
        .on('releases')
        .columns(['status', 'newsroom_id', 'published_at'])
        .execute()
      await db.schema
        .createIndex('releases_due_idx')
        .on('releases')
        .columns(['status', 'publish_at'])
        .execute()

      await withId(create('release_versions'))
        .addColumn('release_id', 'integer', (col) =>
          col.notNull().references('releases.id').onDelete('cascade'),
        )
        .addColumn('newsroom_id', 'integer', (col) =>
          col.notNull().references('newsrooms.id').onDelete('cascade'),
        )
        .addColumn('lang', 'text', (col) => col.notNull())
        .addColumn('slug', 'text', (col) => col.notNull())
        .addColumn('title', 'text', (col) => col.notNull())
        .addColumn('lead', 'text', (col) => col.notNull().defaultTo(''))
        .addColumn('body_md', 'text', (col) => col.notNull().defaultTo(''))
        .addColumn('body_html', 'text', (col) => col.notNull().defaultTo(''))
        .addColumn('updated_at', 'text', (col) => col.notNull())
        .addUniqueConstraint('release_versions_slug_uq', ['newsroom_id', 'lang', 'slug'])
        .addUniqueConstraint('release_versions_lang_uq', ['release_id', 'lang'])
        .execute()

      await withId(create('keywords'))
        .addColumn('slug', 'text', (col) => col.notNull().unique())
        .addColumn('label', 'text', (col) => col.notNull())
        .execute()

      await create('release_keywords')
        .addColumn('release_id', 'integer', (col) =>
          col.notNull().references('releases.id').onDelete('cascade'),
        )
        .addColumn('keyword_id', 'integer', (col) =>
          col.notNull().references('keywords.id').onDelete('cascade'),
        )
        .addColumn('position', 'integer', (col) => col.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('release_keywords_pk', ['release_id', 'keyword_id'])
        .execute()
      await db.schema
        .createIndex('release_keywords_keyword_idx')
        .on('release_keywords')
        .columns(['keyword_id', 'release_id'])
        .execute()

      await withId(create('contacts'))
        .addColumn('newsroom_id', 'integer', (col) =>
          col.notNull().references('newsrooms.id').onDelete('cascade'),
        )
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('titles', 'text', (col) => col.notNull().defaultTo('{}'))
        .addColumn('phone', 'text')
        .addColumn('email', 'text')
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute()

      await create('release_contacts')
        .addColumn('release_id', 'integer', (col) =>
          col.notNull().references('releases.id').onDelete('cascade'),
        )
        .addColumn('contact_id', 'integer', (col) =>
          col.notNull().references('contacts.id').onDelete('cascade'),
        )
        .addColumn('position', 'integer', (col) => col.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('release_contacts_pk', ['release_id', 'contact_id'])
        .execute()

      await withId(create('attachments'))
        .addColumn('release_id', 'integer', (col) =>
          col.references('releases.id').onDelete('cascade'),
        )
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('filename', 'text', (col) => col.notNull())
        .addColumn('storage_key', 'text', (col) => col.notNull().unique())
        .addColumn('mime_type', 'text', (col) => col.notNull())
        .addColumn('size', 'integer', (col) => col.notNull())
        .addColumn('sha256', 'text', (col) => col.notNull())
        .addColumn('caption', 'text', (col) => col.notNull().defaultTo('{}'))
        .addColumn('alt_text', 'text', (col) => col.notNull().defaultTo('{}'))
        .addColumn('credit', 'text')
        .addColumn('position', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute()
      await db.schema
        .createIndex('attachments_release_idx')
        .on('attachments')
        .columns(['release_id', 'position'])
        .execute()

      await withId(create('corrections'))
        .addColumn('release_id', 'integer', (col) =>
          col.notNull().references('releases.id').onDelete('cascade'),
        )
        .addColumn('note', 'text', (col) => col.notNull())
        .addColumn('notify', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute()

      await withId(create('subscribers'))
        .addColumn('email', 'text', (col) => col.notNull())
        .addColumn('email_normalized', 'text', (col) => col.notNull().unique())
        .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending'))
        .addColumn('token_secret', 'text', (col) => col.notNull())
        .addColumn('suppressed_at', 'text')
        .addColumn('suppression_reason', 'text')
        .addColumn('paused_at', 'text')
        .addColumn('confirmed_at', 'text')
        .addColumn('unsubscribed_at', 'text')
        .addColumn('last_confirmation_sent_at', 'text')
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'text', (col) => col.notNull())
        .execute()
      await db.schema
        .createIndex('subscribers_status_idx')
        .on('subscribers')
        .columns(['status', 'id'])
        .execute()

      await create('subscriber_languages')
        .addColumn('subscriber_id', 'integer', (col) =>
          col.notNull().references('subscribers.id').onDelete('cascade'),
        )
        .addColumn('lang', 'text', (col) => col.notNull())
        .addColumn('position', 'integer', (col) => col.notNull())
        .addPrimaryKeyConstraint('subscriber_languages_pk', ['subscriber_id', 'lang'])
        .execute()

      await create('subscriptions')
        .addColumn('subscriber_id', 'integer', (col) =>
          col.notNull().references('subscribers.id').onDelete('cascade'),
        )
        .addColumn('newsroom_id', 'integer', (col) =>
          col.notNull().references('newsrooms.id').onDelete('cascade'),
        )
        .addColumn('types', 'text')
        .addColumn('keywords', 'text')
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('subscriptions_pk', ['subscriber_id', 'newsroom_id'])
        .execute()
      // Fan-out pages through a newsroom's subscribers by keyset on subscriber id.
      await db.schema
        .createIndex('subscriptions_fanout_idx')
        .on('subscriptions')
        .columns(['newsroom_id', 'subscriber_id'])
        .execute()

      await withId(create('subscriber_tokens'))
        .addColumn('subscriber_id', 'integer', (col) =>
          col.references('subscribers.id').onDelete('set null'),
        )
        .addColumn('purpose', 'text', (col) => col.notNull())
        .addColumn('token_hash', 'text', (col) => col.notNull().unique())
        .addColumn('expires_at', 'text', (col) => col.notNull())
        .addColumn('used_at', 'text')
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute()

      await withId(create('consents'))
        .addColumn('subscriber_id', 'integer', (col) =>
          col.references('subscribers.id').onDelete('set null'),
        )
        .addColumn('action', 'text', (col) => col.notNull())
        .addColumn('source', 'text', (col) => col.notNull())
        .addColumn('ip_hash', 'text')
        .addColumn('text_version', 'text')
        .addColumn('text', 'text')
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute()

      await create('suppressions')
        .addColumn('email_normalized', 'text', (col) => col.primaryKey())
        .addColumn('reason', 'text', (col) => col.notNull())
        .addColumn('detail', 'text')
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute()

      await withId(create('deliveries'))
        .addColumn('release_id', 'integer', (col) =>
          col.notNull().references('releases.id').onDelete('cascade'),
        )
        .addColumn('subscriber_id', 'integer', (col) =>
          col.references('subscribers.id').onDelete('set null'),
        )
        .addColumn('kind', 'text', (col) => col.notNull().defaultTo('release'))
        .addColumn('lang', 'text', (col) => col.notNull())
        .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending'))
        .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('smtp_response', 'text')
        .addColumn('message_id', 'text', (col) => col.notNull())
        .addColumn('next_attempt_at', 'text')
        .addColumn('sent_at', 'text')
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'text', (col) => col.notNull())
        // The ledger: one message of each kind per (release, subscriber), ever.
        .addUniqueConstraint('deliveries_once_uq', ['release_id', 'kind', 'subscriber_id'])
        .execute()
      await db.schema
        .createIndex('deliveries_progress_idx')
        .on('deliveries')
        .columns(['release_id', 'kind', 'status'])
        .execute()
      await db.schema
        .createIndex('deliveries_subscriber_idx')
        .on('deliveries')
        .column('subscriber_id')
        .execute()

      await withId(create('outbox'))
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('payload', 'text', (col) => col.notNull())
        .addColumn('due_at', 'text', (col) => col.notNull())
        .addColumn('dispatched_at', 'text')
        .addColumn('done_at', 'text')
        .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute()
      await db.schema
        .createIndex('outbox_open_idx')
        .on('outbox')
        .columns(['done_at', 'due_at'])
        .execute()

      await withId(create('audit_log'))
        .addColumn('actor', 'text', (col) => col.notNull())
        .addColumn('action', 'text', (col) => col.notNull())
        .addColumn('subject', 'text', (col) => col.notNull())
        .addColumn('details', 'text', (col) => col.notNull().defaultTo('{}'))
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute()

      await create('settings')
        .addColumn('key', 'text', (col) => col.primaryKey())
        .addColumn('value', 'text', (col) => col.notNull())
        .execute()
      await sql`insert into settings (key, value) values ('content_version', '1')`.execute(db)
    },
  }
}
