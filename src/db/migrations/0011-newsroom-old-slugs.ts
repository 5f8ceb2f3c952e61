/**
 * The addresses a newsroom had: when staff change a newsroom's slug, its old one is kept here so
 * that links to its pages, releases and feeds lead to the new addresses (301) instead of 404,
 * until another newsroom takes that slug.
 */
import type { Kysely } from 'kysely'

export const newsroomOldSlugsMigration = () => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('newsroom_old_slugs')
      .addColumn('slug', 'text', (col) => col.primaryKey())
      .addColumn('newsroom_id', 'integer', (col) =>
        col.notNull().references('newsrooms.id').onDelete('cascade'),
      )
      .addColumn('created_at', 'text', (col) => col.notNull())
      .execute()
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('newsroom_old_slugs').execute()
  },
})
