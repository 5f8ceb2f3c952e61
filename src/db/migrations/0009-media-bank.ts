/**
 * The media bank and lead images.
 *
 * - `attachments` becomes the newsroom's one register of media: every row now names its
 *   newsroom; `in_bank` marks items staff put in the media bank directly (release images are in
 *   the bank through their published release); images get their pixel size; `licence` is a
 *   custom licence note (null: free for media use); `external_url` holds a video link (YouTube,
 *   Vimeo) for rows of kind `link`, whose `storage_key` is then a `link-…` key no file has.
 * - `image_renditions`: the web sizes made of an image at upload, each a file of its own.
 * - `releases.lead_image_id`: the image shown at the top of the release, on cards, as og:image,
 *   in feeds and email. `contacts.photo_id`: a press contact's photo.
 */
import { sql } from 'kysely'
import type { Kysely } from 'kysely'

export const mediaBankMigration = () => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('attachments')
      .addColumn('newsroom_id', 'integer', (col) => col.references('newsrooms.id'))
      .execute()
    await db.schema.alterTable('attachments').addColumn('width', 'integer').execute()
    await db.schema.alterTable('attachments').addColumn('height', 'integer').execute()
    await db.schema.alterTable('attachments').addColumn('licence', 'text').execute()
    await db.schema.alterTable('attachments').addColumn('external_url', 'text').execute()
    await db.schema
      .alterTable('attachments')
      .addColumn('in_bank', 'integer', (col) => col.notNull().defaultTo(0))
      .execute()
    await sql`update attachments set newsroom_id = (select releases.newsroom_id from releases where releases.id = attachments.release_id) where release_id is not null`.execute(
      db,
    )
    await sql`update attachments set newsroom_id = (select newsrooms.id from newsrooms where newsrooms.logo_attachment_id = attachments.id) where release_id is null`.execute(
      db,
    )
    await db.schema
      .createIndex('attachments_bank_idx')
      .on('attachments')
      .columns(['newsroom_id', 'in_bank'])
      .execute()

    await db.schema
      .createTable('image_renditions')
      .addColumn('storage_key', 'text', (col) => col.primaryKey())
      .addColumn('attachment_id', 'integer', (col) =>
        col.notNull().references('attachments.id').onDelete('cascade'),
      )
      .addColumn('width', 'integer', (col) => col.notNull())
      .addColumn('height', 'integer', (col) => col.notNull())
      .addColumn('mime_type', 'text', (col) => col.notNull())
      .addColumn('size', 'integer', (col) => col.notNull())
      .addColumn('sha256', 'text', (col) => col.notNull())
      .execute()
    await db.schema
      .createIndex('image_renditions_attachment_idx')
      .on('image_renditions')
      .columns(['attachment_id', 'width'])
      .execute()

    await db.schema
      .alterTable('releases')
      .addColumn('lead_image_id', 'integer', (col) =>
        col.references('attachments.id').onDelete('set null'),
      )
      .execute()
    // Releases with images had their first image shown as their image so far: it stays the lead.
    await sql`update releases set lead_image_id = (select a.id from attachments a where a.release_id = releases.id and a.kind = 'image' order by a.position, a.id limit 1)`.execute(
      db,
    )
    await db.schema
      .alterTable('contacts')
      .addColumn('photo_id', 'integer', (col) =>
        col.references('attachments.id').onDelete('set null'),
      )
      .execute()
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('contacts').dropColumn('photo_id').execute()
    await db.schema.alterTable('releases').dropColumn('lead_image_id').execute()
    await db.schema.dropTable('image_renditions').execute()
    await db.schema.dropIndex('attachments_bank_idx').execute()
    for (const column of ['in_bank', 'external_url', 'licence', 'height', 'width', 'newsroom_id'])
      await db.schema.alterTable('attachments').dropColumn(column).execute()
  },
})
