/**
 * Journalists' opt-outs: `media_optouts` holds, per newsroom and normalised address, when the
 * journalist asked to receive nothing more from the newsroom's media lists and embargoes, and
 * how (`page` or `one-click`). It is kept apart from `media_contacts` on purpose: a contact is
 * deleted when taken off their last list, but the wish must outlive that, so that adding the
 * address again (by hand or by CSV) does not quietly start sending again.
 */
import type { Kysely } from 'kysely'

export const mediaOptoutMigration = () => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('media_optouts')
      .addColumn('newsroom_id', 'integer', (col) =>
        col.notNull().references('newsrooms.id').onDelete('cascade'),
      )
      .addColumn('email_normalized', 'text', (col) => col.notNull())
      .addColumn('opted_out_at', 'text', (col) => col.notNull())
      .addColumn('source', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('media_optouts_pk', ['newsroom_id', 'email_normalized'])
      .execute()
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('media_optouts').execute()
  },
})
