/**
 * The newsroom's contacts become a directory: staff choose who is listed on the public contacts
 * page (`in_directory`), in which group (`group_labels`, a name per language such as
 * "Viestintä" / "Kommunikation") and in what order (`position`). Contacts added with releases
 * stay out of the directory until staff list them. Job titles were already kept per language.
 */
import type { Kysely } from 'kysely'

export const contactsDirectoryMigration = () => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('contacts')
      .addColumn('in_directory', 'integer', (col) => col.notNull().defaultTo(0))
      .execute()
    await db.schema
      .alterTable('contacts')
      .addColumn('group_labels', 'text', (col) => col.notNull().defaultTo('{}'))
      .execute()
    await db.schema
      .alterTable('contacts')
      .addColumn('position', 'integer', (col) => col.notNull().defaultTo(0))
      .execute()
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('contacts').dropColumn('position').execute()
    await db.schema.alterTable('contacts').dropColumn('group_labels').execute()
    await db.schema.alterTable('contacts').dropColumn('in_directory').execute()
  },
})
