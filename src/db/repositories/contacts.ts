/**
 * A newsroom's contact people as a directory: everyone a release has named, of whom staff list
 * some on the public contacts page, in groups and in their order. (Linking contacts to a
 * release is part of writing the release: `releases.ts`.)
 */
import type { Selectable } from 'kysely'
import type { ContactsTable } from '../schema.js'
import type { Executor } from './index.js'

export type DirectoryContactRow = Selectable<ContactsTable>

export interface ContactValues {
  name: string
  /** JSON per language. */
  titles: string
  /** JSON per language. */
  group_labels: string
  phone: string | null
  email: string | null
  in_directory: number
  position: number
}

export function createContactRepository(db: Executor) {
  return {
    /** Every contact of the newsroom with how many releases name them: directory order first. */
    async ofNewsroom(newsroomId: number): Promise<(DirectoryContactRow & { releases: number })[]> {
      const rows = await db
        .selectFrom('contacts')
        .leftJoin('release_contacts', 'release_contacts.contact_id', 'contacts.id')
        .selectAll('contacts')
        .select((eb) => eb.fn.count<number>('release_contacts.release_id').as('releases'))
        .where('contacts.newsroom_id', '=', newsroomId)
        .groupBy([
          'contacts.id',
          'contacts.newsroom_id',
          'contacts.name',
          'contacts.titles',
          'contacts.phone',
          'contacts.email',
          'contacts.created_at',
          'contacts.in_directory',
          'contacts.group_labels',
          'contacts.position',
          'contacts.photo_id',
        ])
        .orderBy('contacts.in_directory', 'desc')
        .orderBy('contacts.position')
        .orderBy('contacts.name')
        .execute()
      return rows.map((row) => ({ ...row, releases: Number(row.releases) }))
    },

    /** Those listed on the public contacts page, in their order. */
    directory(newsroomId: number): Promise<DirectoryContactRow[]> {
      return db
        .selectFrom('contacts')
        .selectAll()
        .where('newsroom_id', '=', newsroomId)
        .where('in_directory', '=', 1)
        .orderBy('position')
        .orderBy('name')
        .orderBy('id')
        .execute()
    },

    findById(id: number): Promise<DirectoryContactRow | undefined> {
      return db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst()
    },

    async insert(newsroomId: number, values: ContactValues, at: Date): Promise<number> {
      const row = await db
        .insertInto('contacts')
        .values({ newsroom_id: newsroomId, ...values, created_at: at.toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    },

    /** Sets (or clears) the photo; returns the media id of the one it replaced. */
    async setPhoto(id: number, photoId: number | null): Promise<number | null> {
      const before = await db
        .selectFrom('contacts')
        .select('photo_id')
        .where('id', '=', id)
        .executeTakeFirst()
      await db.updateTable('contacts').set({ photo_id: photoId }).where('id', '=', id).execute()
      return before?.photo_id ?? null
    },

    async update(id: number, values: ContactValues): Promise<void> {
      await db.updateTable('contacts').set(values).where('id', '=', id).execute()
    },

    async delete(id: number): Promise<void> {
      await db.deleteFrom('contacts').where('id', '=', id).execute()
    },

    async releaseCount(id: number): Promise<number> {
      const row = await db
        .selectFrom('release_contacts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('contact_id', '=', id)
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },
  }
}

export type ContactRepository = ReturnType<typeof createContactRepository>
