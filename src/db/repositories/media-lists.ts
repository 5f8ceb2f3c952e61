/**
 * A newsroom's media lists: its journalists (`media_contacts`, one per normalised address and
 * newsroom), its named lists and who is on which.
 */
import type { Selectable } from 'kysely'
import type { Lang } from '../../core/types.js'
import type { MediaContactsTable, MediaListsTable } from '../schema.js'
import type { Executor } from './index.js'

export type MediaListRow = Selectable<MediaListsTable>
export type MediaContactRow = Selectable<MediaContactsTable>

export interface MediaContactValues {
  email: string
  email_normalized: string
  name: string
  outlet: string
  lang: Lang
  /** JSON array. */
  topics: string
}

/** Chunks of an `in (...)` list, kept well below every driver's parameter limit. */
const IN_CHUNK = 500

export function createMediaListRepository(db: Executor) {
  return {
    /** The newsroom's lists with how many contacts each has, by name. */
    async ofNewsroom(newsroomId: number): Promise<(MediaListRow & { contacts: number })[]> {
      const rows = await db
        .selectFrom('media_lists')
        .leftJoin('media_list_members', 'media_list_members.list_id', 'media_lists.id')
        .selectAll('media_lists')
        .select((eb) => eb.fn.count<number>('media_list_members.contact_id').as('contacts'))
        .where('media_lists.newsroom_id', '=', newsroomId)
        .groupBy([
          'media_lists.id',
          'media_lists.newsroom_id',
          'media_lists.name',
          'media_lists.created_at',
          'media_lists.updated_at',
        ])
        .orderBy('media_lists.name')
        .execute()
      return rows.map((row) => ({ ...row, contacts: Number(row.contacts) }))
    },

    findById(id: number): Promise<MediaListRow | undefined> {
      return db.selectFrom('media_lists').selectAll().where('id', '=', id).executeTakeFirst()
    },

    findByIds(ids: number[]): Promise<MediaListRow[]> {
      if (ids.length === 0) return Promise.resolve([])
      return db.selectFrom('media_lists').selectAll().where('id', 'in', ids).execute()
    },

    async nameTaken(newsroomId: number, name: string, exceptId?: number): Promise<boolean> {
      let query = db
        .selectFrom('media_lists')
        .select('id')
        .where('newsroom_id', '=', newsroomId)
        .where('name', '=', name)
      if (exceptId !== undefined) query = query.where('id', '!=', exceptId)
      return (await query.executeTakeFirst()) !== undefined
    },

    async insert(newsroomId: number, name: string, at: Date): Promise<number> {
      const now = at.toISOString()
      const row = await db
        .insertInto('media_lists')
        .values({ newsroom_id: newsroomId, name, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    },

    async rename(id: number, name: string, at: Date): Promise<void> {
      await db
        .updateTable('media_lists')
        .set({ name, updated_at: at.toISOString() })
        .where('id', '=', id)
        .execute()
    },

    async delete(id: number): Promise<void> {
      await db.deleteFrom('media_list_members').where('list_id', '=', id).execute()
      await db.deleteFrom('media_lists').where('id', '=', id).execute()
    },

    /** The contacts on a list, by name, with when each opted out (if they did). */
    membersOf(listId: number): Promise<(MediaContactRow & { opted_out_at: string | null })[]> {
      return db
        .selectFrom('media_contacts')
        .innerJoin('media_list_members', 'media_list_members.contact_id', 'media_contacts.id')
        .leftJoin('media_optouts', (join) =>
          join
            .onRef('media_optouts.newsroom_id', '=', 'media_contacts.newsroom_id')
            .onRef('media_optouts.email_normalized', '=', 'media_contacts.email_normalized'),
        )
        .selectAll('media_contacts')
        .select('media_optouts.opted_out_at')
        .where('media_list_members.list_id', '=', listId)
        .orderBy('media_contacts.name')
        .orderBy('media_contacts.id')
        .execute()
    },

    /** Everyone on any of these lists who has not opted out, each once, by id. */
    membersOfAny(listIds: number[]): Promise<MediaContactRow[]> {
      if (listIds.length === 0) return Promise.resolve([])
      return db
        .selectFrom('media_contacts')
        .selectAll()
        .where('id', 'in', (eb) =>
          eb.selectFrom('media_list_members').select('contact_id').where('list_id', 'in', listIds),
        )
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('media_optouts')
                .select('media_optouts.newsroom_id')
                .whereRef('media_optouts.newsroom_id', '=', 'media_contacts.newsroom_id')
                .whereRef('media_optouts.email_normalized', '=', 'media_contacts.email_normalized'),
            ),
          ),
        )
        .orderBy('id')
        .execute()
    },

    findContact(id: number): Promise<MediaContactRow | undefined> {
      return db.selectFrom('media_contacts').selectAll().where('id', '=', id).executeTakeFirst()
    },

    /** The newsroom's contacts with these normalised addresses. */
    async contactsByAddress(newsroomId: number, normalized: string[]): Promise<MediaContactRow[]> {
      const rows: MediaContactRow[] = []
      for (let i = 0; i < normalized.length; i += IN_CHUNK)
        rows.push(
          ...(await db
            .selectFrom('media_contacts')
            .selectAll()
            .where('newsroom_id', '=', newsroomId)
            .where('email_normalized', 'in', normalized.slice(i, i + IN_CHUNK))
            .execute()),
        )
      return rows
    },

    /**
     * Adds or updates the newsroom's contact with this address (name, outlet, language and
     * topics as given) and returns its id.
     */
    async upsertContact(newsroomId: number, values: MediaContactValues, at: Date): Promise<number> {
      const now = at.toISOString()
      const row = await db
        .insertInto('media_contacts')
        .values({ newsroom_id: newsroomId, ...values, created_at: now, updated_at: now })
        .onConflict((oc) =>
          oc.columns(['newsroom_id', 'email_normalized']).doUpdateSet({
            email: values.email,
            name: values.name,
            outlet: values.outlet,
            lang: values.lang,
            topics: values.topics,
            updated_at: now,
          }),
        )
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    },

    /** Puts contacts on a list (those on it already stay as they are). */
    async addMembers(listId: number, contactIds: number[], at: Date): Promise<void> {
      const now = at.toISOString()
      for (let i = 0; i < contactIds.length; i += IN_CHUNK) {
        const chunk = contactIds.slice(i, i + IN_CHUNK)
        if (chunk.length === 0) continue
        await db
          .insertInto('media_list_members')
          .values(
            chunk.map((contactId) => ({ list_id: listId, contact_id: contactId, created_at: now })),
          )
          .onConflict((oc) => oc.columns(['list_id', 'contact_id']).doNothing())
          .execute()
      }
      await db
        .updateTable('media_lists')
        .set({ updated_at: now })
        .where('id', '=', listId)
        .execute()
    },

    /** Takes a contact off a list; a contact on no list any more is deleted. True if removed. */
    async removeMember(listId: number, contactId: number): Promise<boolean> {
      const removed = await db
        .deleteFrom('media_list_members')
        .where('list_id', '=', listId)
        .where('contact_id', '=', contactId)
        .executeTakeFirst()
      const left = await db
        .selectFrom('media_list_members')
        .select('list_id')
        .where('contact_id', '=', contactId)
        .executeTakeFirst()
      if (!left) await db.deleteFrom('media_contacts').where('id', '=', contactId).execute()
      return Number(removed.numDeletedRows) > 0
    },

    /** Deletes contacts left on no list (after a list was deleted). */
    async deleteOrphanContacts(newsroomId: number): Promise<void> {
      await db
        .deleteFrom('media_contacts')
        .where('newsroom_id', '=', newsroomId)
        .where('id', 'not in', (eb) => eb.selectFrom('media_list_members').select('contact_id'))
        .execute()
    },

    /**
     * Records that the address wants nothing more from the newsroom's lists and embargoes.
     * True when it is new (a second click changes nothing, not even the time).
     */
    async optOut(
      newsroomId: number,
      emailNormalized: string,
      at: Date,
      source: 'page' | 'one-click',
    ): Promise<boolean> {
      const result = await db
        .insertInto('media_optouts')
        .values({
          newsroom_id: newsroomId,
          email_normalized: emailNormalized,
          opted_out_at: at.toISOString(),
          source,
        })
        .onConflict((oc) => oc.columns(['newsroom_id', 'email_normalized']).doNothing())
        .executeTakeFirst()
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
    },

    /** When the address opted out of the newsroom's lists, if it did. */
    async optedOutAt(newsroomId: number, emailNormalized: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('media_optouts')
        .select('opted_out_at')
        .where('newsroom_id', '=', newsroomId)
        .where('email_normalized', '=', emailNormalized)
        .executeTakeFirst()
      return row?.opted_out_at
    },

    /** Which of these addresses opted out of the newsroom's lists. */
    async optedOutAmong(newsroomId: number, normalized: string[]): Promise<Set<string>> {
      const found = new Set<string>()
      for (let i = 0; i < normalized.length; i += IN_CHUNK) {
        const chunk = normalized.slice(i, i + IN_CHUNK)
        if (chunk.length === 0) continue
        const rows = await db
          .selectFrom('media_optouts')
          .select('email_normalized')
          .where('newsroom_id', '=', newsroomId)
          .where('email_normalized', 'in', chunk)
          .execute()
        for (const row of rows) found.add(row.email_normalized)
      }
      return found
    },

    /** Forgets an opt-out (staff resume sending on the journalist's request). True if there was one. */
    async clearOptOut(newsroomId: number, emailNormalized: string): Promise<boolean> {
      const result = await db
        .deleteFrom('media_optouts')
        .where('newsroom_id', '=', newsroomId)
        .where('email_normalized', '=', emailNormalized)
        .executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    },

    /** Lists a release is distributed to when it is published. */
    async distributionOf(releaseId: number): Promise<number[]> {
      const rows = await db
        .selectFrom('release_media_lists')
        .select('list_id')
        .where('release_id', '=', releaseId)
        .orderBy('list_id')
        .execute()
      return rows.map((row) => row.list_id)
    },

    async setDistribution(releaseId: number, listIds: number[]): Promise<void> {
      await db.deleteFrom('release_media_lists').where('release_id', '=', releaseId).execute()
      if (listIds.length > 0)
        await db
          .insertInto('release_media_lists')
          .values(listIds.map((listId) => ({ release_id: releaseId, list_id: listId })))
          .execute()
    },
  }
}

export type MediaListRepository = ReturnType<typeof createMediaListRepository>
