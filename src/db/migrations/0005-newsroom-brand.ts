/**
 * A newsroom's brand: its accent colour (`#rrggbb`, checked for contrast when saved) and the
 * Reply-To address of its emails (the press office). Both optional.
 */
import type { Kysely } from 'kysely'

export const newsroomBrandMigration = () => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('newsrooms').addColumn('accent_color', 'text').execute()
    await db.schema.alterTable('newsrooms').addColumn('reply_to', 'text').execute()
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('newsrooms').dropColumn('reply_to').execute()
    await db.schema.alterTable('newsrooms').dropColumn('accent_color').execute()
  },
})
