/**
 * Media lists and embargoes.
 *
 * - `media_contacts`: a newsroom's journalists (one row per normalised address and newsroom),
 *   `media_lists` its named lists, `media_list_members` who is on which (a contact can be on
 *   several lists).
 * - `embargoes`: a release sent ahead of its publication under embargo (the release itself is
 *   scheduled for the embargo's end); `embargo_recipients`: who received it, with the SHA-256
 *   of their personal link's token, when the email left and how often the link was opened.
 * - `release_media_lists`: lists a release is distributed to when it is published;
 *   `deliveries.media_contact_id`: the delivery rows of those contacts (who are not
 *   subscribers) in the same ledger as subscribers' deliveries.
 */
import type { Kysely } from 'kysely'
import type { Dialect } from '../index.js'

export const mediaListsMigration = (dialect: Dialect) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const idType = dialect === 'postgres' ? 'serial' : 'integer'
    await db.schema
      .createTable('media_contacts')
      .addColumn('id', idType, (col) =>
        dialect === 'postgres' ? col.primaryKey() : col.primaryKey().autoIncrement(),
      )
      .addColumn('newsroom_id', 'integer', (col) =>
        col.notNull().references('newsrooms.id').onDelete('cascade'),
      )
      .addColumn('email', 'text', (col) => col.notNull())
      .addColumn('email_normalized', 'text', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('outlet', 'text', (col) => col.notNull())
      .addColumn('lang', 'text', (col) => col.notNull())
      .addColumn('topics', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addUniqueConstraint('media_contacts_address_key', ['newsroom_id', 'email_normalized'])
      .execute()

    await db.schema
      .createTable('media_lists')
      .addColumn('id', idType, (col) =>
        dialect === 'postgres' ? col.primaryKey() : col.primaryKey().autoIncrement(),
      )
      .addColumn('newsroom_id', 'integer', (col) =>
        col.notNull().references('newsrooms.id').onDelete('cascade'),
      )
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addUniqueConstraint('media_lists_name_key', ['newsroom_id', 'name'])
      .execute()

    await db.schema
      .createTable('media_list_members')
      .addColumn('list_id', 'integer', (col) =>
        col.notNull().references('media_lists.id').onDelete('cascade'),
      )
      .addColumn('contact_id', 'integer', (col) =>
        col.notNull().references('media_contacts.id').onDelete('cascade'),
      )
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('media_list_members_pkey', ['list_id', 'contact_id'])
      .execute()
    await db.schema
      .createIndex('media_list_members_contact_idx')
      .on('media_list_members')
      .column('contact_id')
      .execute()

    await db.schema
      .createTable('embargoes')
      .addColumn('release_id', 'integer', (col) =>
        col.primaryKey().references('releases.id').onDelete('cascade'),
      )
      .addColumn('until', 'text', (col) => col.notNull())
      .addColumn('note', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('revoked_at', 'text')
      .execute()

    await db.schema
      .createTable('embargo_recipients')
      .addColumn('id', idType, (col) =>
        dialect === 'postgres' ? col.primaryKey() : col.primaryKey().autoIncrement(),
      )
      .addColumn('release_id', 'integer', (col) =>
        col.notNull().references('releases.id').onDelete('cascade'),
      )
      .addColumn('contact_id', 'integer', (col) =>
        col.references('media_contacts.id').onDelete('set null'),
      )
      .addColumn('email', 'text', (col) => col.notNull())
      .addColumn('email_normalized', 'text', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('outlet', 'text', (col) => col.notNull())
      .addColumn('lang', 'text', (col) => col.notNull())
      .addColumn('token_hash', 'text', (col) => col.notNull().unique())
      .addColumn('token_salt', 'text', (col) => col.notNull())
      .addColumn('sent_at', 'text')
      .addColumn('first_opened_at', 'text')
      .addColumn('last_opened_at', 'text')
      .addColumn('opens', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('revoked_at', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addUniqueConstraint('embargo_recipients_address_key', ['release_id', 'email_normalized'])
      .execute()

    await db.schema
      .createTable('release_media_lists')
      .addColumn('release_id', 'integer', (col) =>
        col.notNull().references('releases.id').onDelete('cascade'),
      )
      .addColumn('list_id', 'integer', (col) =>
        col.notNull().references('media_lists.id').onDelete('cascade'),
      )
      .addPrimaryKeyConstraint('release_media_lists_pkey', ['release_id', 'list_id'])
      .execute()

    await db.schema
      .alterTable('deliveries')
      .addColumn('media_contact_id', 'integer', (col) =>
        col.references('media_contacts.id').onDelete('set null'),
      )
      .execute()
    // One delivery per media contact too: fan-out reruns insert nothing twice.
    await db.schema
      .createIndex('deliveries_contact_once_uq')
      .on('deliveries')
      .columns(['release_id', 'kind', 'media_contact_id'])
      .unique()
      .execute()
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('deliveries_contact_once_uq').execute()
    await db.schema.alterTable('deliveries').dropColumn('media_contact_id').execute()
    for (const table of [
      'release_media_lists',
      'embargo_recipients',
      'embargoes',
      'media_list_members',
      'media_lists',
      'media_contacts',
    ])
      await db.schema.dropTable(table).execute()
  },
})
