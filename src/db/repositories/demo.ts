/**
 * What only the demo seed needs: finding the releases it made before, and dating them back to
 * when they were first published elsewhere.
 */
import type { Lang, ReleaseStatus } from '../../core/types.js'
import type { Executor } from './index.js'

export function createDemoRepository(db: Executor) {
  return {
    /** A release of the newsroom whose version in `lang` has this title. */
    findReleaseByTitle(
      newsroomId: number,
      lang: Lang,
      title: string,
    ): Promise<{ id: number; status: ReleaseStatus } | undefined> {
      return db
        .selectFrom('release_versions')
        .innerJoin('releases', 'releases.id', 'release_versions.release_id')
        .select(['releases.id', 'releases.status'])
        .where('release_versions.newsroom_id', '=', newsroomId)
        .where('release_versions.lang', '=', lang)
        .where('release_versions.title', '=', title)
        .executeTakeFirst()
    },

    /** Marks the release and its versions as written at `at`. */
    async backdateRelease(releaseId: number, at: string): Promise<void> {
      await db
        .updateTable('releases')
        .set({ created_at: at, updated_at: at })
        .where('id', '=', releaseId)
        .execute()
      await db
        .updateTable('release_versions')
        .set({ updated_at: at })
        .where('release_id', '=', releaseId)
        .execute()
    },
  }
}

export type DemoRepository = ReturnType<typeof createDemoRepository>
