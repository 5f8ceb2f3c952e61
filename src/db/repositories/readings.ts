/**
 * Reading figures: sums of release page views and feed fetches per UTC day. Counts arrive in
 * batches from each web process's in-memory counter and are added to what is stored, so many
 * processes can write the same day without losing a count.
 */
import type { Lang } from '../../core/types.js'
import type { Executor } from './index.js'

export interface PageViewCount {
  lang: Lang
  newsroom: string
  slug: string
  day: string
  views: number
}

export interface FeedFetchCount {
  feed: string
  day: string
  fetches: number
}

/** Releases of these newsrooms only; `'all'` for administrators. */
export type NewsroomFilter = number[] | 'all'

export function createReadingRepository(db: Executor) {
  return {
    /**
     * Adds page views counted by address; addresses are resolved to releases here, in one query
     * per newsroom, and those that no longer lead to a release are dropped.
     */
    async addPageViews(counts: PageViewCount[]): Promise<void> {
      const byNewsroom = new Map<string, PageViewCount[]>()
      for (const count of counts) {
        const list = byNewsroom.get(count.newsroom) ?? []
        list.push(count)
        byNewsroom.set(count.newsroom, list)
      }
      const sums = new Map<string, { release_id: number; day: string; views: number }>()
      for (const [newsroom, list] of byNewsroom) {
        const versions = await db
          .selectFrom('release_versions')
          .innerJoin('newsrooms', 'newsrooms.id', 'release_versions.newsroom_id')
          .select(['release_versions.release_id', 'release_versions.lang', 'release_versions.slug'])
          .where('newsrooms.slug', '=', newsroom)
          .where('release_versions.slug', 'in', [...new Set(list.map((c) => c.slug))])
          .execute()
        const idOf = new Map(versions.map((v) => [`${v.lang}/${v.slug}`, v.release_id]))
        for (const count of list) {
          const releaseId = idOf.get(`${count.lang}/${count.slug}`)
          if (releaseId === undefined) continue
          const key = `${releaseId} ${count.day}`
          const sum = sums.get(key) ?? { release_id: releaseId, day: count.day, views: 0 }
          sum.views += count.views
          sums.set(key, sum)
        }
      }
      if (sums.size === 0) return
      await db
        .insertInto('release_page_views')
        .values([...sums.values()])
        .onConflict((oc) =>
          oc.columns(['release_id', 'day']).doUpdateSet((eb) => ({
            views: eb('release_page_views.views', '+', eb.ref('excluded.views')),
          })),
        )
        .execute()
    },

    async addFeedFetches(counts: FeedFetchCount[]): Promise<void> {
      if (counts.length === 0) return
      await db
        .insertInto('feed_fetches')
        .values(counts)
        .onConflict((oc) =>
          oc.columns(['feed', 'day']).doUpdateSet((eb) => ({
            fetches: eb('feed_fetches.fetches', '+', eb.ref('excluded.fetches')),
          })),
        )
        .execute()
    },

    /** One release's views per day since `sinceDay` (inclusive), oldest first, and in all. */
    async releaseViews(
      releaseId: number,
      sinceDay: string,
    ): Promise<{ total: number; days: { day: string; views: number }[] }> {
      const [total, days] = await Promise.all([
        db
          .selectFrom('release_page_views')
          .select((eb) => eb.fn.sum<number | string | null>('views').as('total'))
          .where('release_id', '=', releaseId)
          .executeTakeFirst(),
        db
          .selectFrom('release_page_views')
          .select(['day', 'views'])
          .where('release_id', '=', releaseId)
          .where('day', '>=', sinceDay)
          .orderBy('day')
          .execute(),
      ])
      return { total: Number(total?.total ?? 0), days }
    },

    /** Views of the newsrooms' releases per day since `sinceDay`, oldest first. */
    async viewsPerDay(
      newsrooms: NewsroomFilter,
      sinceDay: string,
    ): Promise<{ day: string; views: number }[]> {
      let query = db
        .selectFrom('release_page_views')
        .innerJoin('releases', 'releases.id', 'release_page_views.release_id')
        .select((eb) => ['release_page_views.day', eb.fn.sum<number | string>('views').as('views')])
        .where('release_page_views.day', '>=', sinceDay)
      if (newsrooms !== 'all')
        query = query.where('releases.newsroom_id', 'in', newsrooms.length ? newsrooms : [0])
      const rows = await query
        .groupBy('release_page_views.day')
        .orderBy('release_page_views.day')
        .execute()
      return rows.map((row) => ({ day: row.day, views: Number(row.views) }))
    },

    /** The most read releases since `sinceDay`, with their views in that time. */
    async mostRead(
      newsrooms: NewsroomFilter,
      sinceDay: string,
      limit: number,
    ): Promise<{ releaseId: number; views: number }[]> {
      let query = db
        .selectFrom('release_page_views')
        .innerJoin('releases', 'releases.id', 'release_page_views.release_id')
        .select((eb) => [
          'release_page_views.release_id',
          eb.fn.sum<number | string>('release_page_views.views').as('views'),
        ])
        .where('release_page_views.day', '>=', sinceDay)
      if (newsrooms !== 'all')
        query = query.where('releases.newsroom_id', 'in', newsrooms.length ? newsrooms : [0])
      const rows = await query
        .groupBy('release_page_views.release_id')
        .orderBy('views', 'desc')
        .orderBy('release_page_views.release_id', 'desc')
        .limit(limit)
        .execute()
      return rows.map((row) => ({ releaseId: row.release_id, views: Number(row.views) }))
    },

    /** How many of the newsrooms' releases went public since `since`. */
    async publishedSince(newsrooms: NewsroomFilter, since: Date): Promise<number> {
      let query = db
        .selectFrom('releases')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('published_at', '>=', since.toISOString())
      if (newsrooms !== 'all')
        query = query.where('newsroom_id', 'in', newsrooms.length ? newsrooms : [0])
      return Number((await query.executeTakeFirstOrThrow()).n)
    },

    /** The newsrooms' latest published releases that emailed subscribers, newest first. */
    async latestSends(newsrooms: NewsroomFilter, limit: number): Promise<number[]> {
      let query = db
        .selectFrom('releases')
        .select('id')
        .where('notify', '=', 1)
        .where('published_at', 'is not', null)
      if (newsrooms !== 'all')
        query = query.where('newsroom_id', 'in', newsrooms.length ? newsrooms : [0])
      const rows = await query
        .orderBy('published_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute()
      return rows.map((row) => row.id)
    },

    /** Fetches per feed since `sinceDay`, most fetched first. */
    async feedFetches(
      sinceDay: string,
      limit: number,
    ): Promise<{ feed: string; fetches: number }[]> {
      const rows = await db
        .selectFrom('feed_fetches')
        .select((eb) => ['feed', eb.fn.sum<number | string>('fetches').as('fetches')])
        .where('day', '>=', sinceDay)
        .groupBy('feed')
        .orderBy('fetches', 'desc')
        .orderBy('feed')
        .limit(limit)
        .execute()
      return rows.map((row) => ({ feed: row.feed, fetches: Number(row.fetches) }))
    },
  }
}

export type ReadingRepository = ReturnType<typeof createReadingRepository>
