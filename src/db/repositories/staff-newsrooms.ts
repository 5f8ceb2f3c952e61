/**
 * What staff administration needs to know about newsrooms: their names for the membership
 * choices and the time zone the audit log is shown in. Reads only; newsrooms are changed
 * through their own repository.
 */
import type { Lang } from '../../core/types.js'
import type { Executor } from './index.js'

export function createStaffNewsroomRepository(db: Executor) {
  return {
    /** Every newsroom's name in each of its languages, by slug. */
    names(): Promise<{ id: number; slug: string; name: string; lang: Lang }[]> {
      return db
        .selectFrom('newsrooms')
        .innerJoin('newsroom_translations as tr', 'tr.newsroom_id', 'newsrooms.id')
        .select(['newsrooms.id', 'newsrooms.slug', 'tr.name', 'tr.lang'])
        .orderBy('newsrooms.slug')
        .execute()
    },

    /** The time zone of the oldest newsroom, if there is one. */
    async firstTimeZone(): Promise<string | undefined> {
      const row = await db
        .selectFrom('newsrooms')
        .select('timezone')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst()
      return row?.timezone
    },
  }
}

export type StaffNewsroomRepository = ReturnType<typeof createStaffNewsroomRepository>
