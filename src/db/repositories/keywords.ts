/**
 * Keyword terms of a newsroom: a stable slug, a label per language (JSON), and their names —
 * every label lower-cased and without accents (`keyword_names`), whose primary key lets one name
 * name one term of a newsroom. Releases link terms through `release_terms`; subscriptions name
 * the slugs they follow in a JSON array, rewritten here when a term is renamed, merged or deleted.
 */
import type { Selectable } from 'kysely'
import type { KeywordTermsTable } from '../schema.js'
import type { Executor } from './index.js'
import { selectInChunks } from './subscribers.js'

export type KeywordTermRow = Selectable<KeywordTermsTable>

/** Most terms a newsroom may have: a controlled vocabulary, not a tag cloud. */
export const MAX_TERMS_PER_NEWSROOM = 2000

export function createKeywordRepository(db: Executor) {
  /** The subscriptions of a newsroom following a slug, as stored. */
  const following = (newsroomId: number, slug: string) =>
    db
      .selectFrom('subscriptions')
      .select(['subscriber_id', 'keywords'])
      .where('newsroom_id', '=', newsroomId)
      .where('keywords', 'like', `%${JSON.stringify(slug)}%`)
      .execute()

  return {
    /** A newsroom's terms with how many releases carry each, by slug. */
    async list(newsroomId: number): Promise<(KeywordTermRow & { releases: number })[]> {
      const rows = await db
        .selectFrom('keyword_terms')
        .leftJoin('release_terms', 'release_terms.term_id', 'keyword_terms.id')
        .selectAll('keyword_terms')
        .select((eb) => eb.fn.count<number>('release_terms.release_id').as('releases'))
        .where('keyword_terms.newsroom_id', '=', newsroomId)
        .groupBy([
          'keyword_terms.id',
          'keyword_terms.newsroom_id',
          'keyword_terms.slug',
          'keyword_terms.labels',
          'keyword_terms.created_at',
          'keyword_terms.updated_at',
        ])
        .orderBy('keyword_terms.slug')
        .execute()
      return rows.map((row) => ({ ...row, releases: Number(row.releases) }))
    },

    async count(newsroomId: number): Promise<number> {
      const row = await db
        .selectFrom('keyword_terms')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('newsroom_id', '=', newsroomId)
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },

    /** Every term of these newsrooms (to resolve many keywords at once, e.g. an import). */
    ofNewsrooms(newsroomIds: number[]): Promise<KeywordTermRow[]> {
      return selectInChunks(newsroomIds, (part) =>
        db.selectFrom('keyword_terms').selectAll().where('newsroom_id', 'in', part).execute(),
      )
    },

    findById(id: number): Promise<KeywordTermRow | undefined> {
      return db.selectFrom('keyword_terms').selectAll().where('id', '=', id).executeTakeFirst()
    },

    /** Terms with these slugs in the newsroom (or in every newsroom). */
    findBySlugs(newsroomId: number | undefined, slugs: string[]): Promise<KeywordTermRow[]> {
      return selectInChunks(slugs, (part) => {
        let query = db.selectFrom('keyword_terms').selectAll().where('slug', 'in', part)
        if (newsroomId !== undefined) query = query.where('newsroom_id', '=', newsroomId)
        return query.execute()
      })
    },

    /** Terms named by these match keys in the newsroom (or in every newsroom). */
    findByNames(
      newsroomId: number | undefined,
      keys: string[],
    ): Promise<(KeywordTermRow & { match_key: string })[]> {
      return selectInChunks(keys, (part) => {
        let query = db
          .selectFrom('keyword_names')
          .innerJoin('keyword_terms', 'keyword_terms.id', 'keyword_names.term_id')
          .selectAll('keyword_terms')
          .select('keyword_names.match_key')
          .where('keyword_names.match_key', 'in', part)
        if (newsroomId !== undefined)
          query = query.where('keyword_names.newsroom_id', '=', newsroomId)
        return query.execute()
      })
    },

    async insert(row: {
      newsroomId: number
      slug: string
      labels: string
      at: Date
    }): Promise<number> {
      const inserted = await db
        .insertInto('keyword_terms')
        .values({
          newsroom_id: row.newsroomId,
          slug: row.slug,
          labels: row.labels,
          created_at: row.at.toISOString(),
          updated_at: row.at.toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return inserted.id
    },

    async update(id: number, patch: { slug: string; labels: string; at: Date }): Promise<void> {
      await db
        .updateTable('keyword_terms')
        .set({ slug: patch.slug, labels: patch.labels, updated_at: patch.at.toISOString() })
        .where('id', '=', id)
        .execute()
    },

    /** Gives the term exactly these names; call inside a transaction. */
    async replaceNames(termId: number, newsroomId: number, keys: string[]): Promise<void> {
      await db.deleteFrom('keyword_names').where('term_id', '=', termId).execute()
      if (keys.length === 0) return
      await db
        .insertInto('keyword_names')
        .values(keys.map((key) => ({ newsroom_id: newsroomId, match_key: key, term_id: termId })))
        .execute()
    },

    async delete(id: number): Promise<void> {
      await db.deleteFrom('keyword_terms').where('id', '=', id).execute()
    },

    /** Moves every release of `fromId` to `intoId` (keeping one link where both were). */
    async moveReleases(fromId: number, intoId: number): Promise<void> {
      await db
        .insertInto('release_terms')
        .columns(['release_id', 'term_id', 'position'])
        .expression((eb) =>
          eb
            .selectFrom('release_terms as r')
            .select(['r.release_id', eb.val(intoId).as('term_id'), 'r.position'])
            .where('r.term_id', '=', fromId)
            .where(({ not, exists, selectFrom }) =>
              not(
                exists(
                  selectFrom('release_terms as k')
                    .select('k.release_id')
                    .whereRef('k.release_id', '=', 'r.release_id')
                    .where('k.term_id', '=', intoId),
                ),
              ),
            ),
        )
        .execute()
      await db.deleteFrom('release_terms').where('term_id', '=', fromId).execute()
    },

    /**
     * Rewrites the newsroom's subscriptions that follow `slug`: to `into` (renamed or merged;
     * kept once), or without it (deleted — a subscription left with none follows everything,
     * as it did before choosing keywords). Returns how many changed.
     */
    async rewriteFollowers(newsroomId: number, slug: string, into: string | null): Promise<number> {
      const rows = await following(newsroomId, slug)
      let changed = 0
      for (const row of rows) {
        const slugs = JSON.parse(row.keywords!) as string[]
        if (!slugs.includes(slug)) continue
        const next = [
          ...new Set(slugs.flatMap((s) => (s === slug ? (into === null ? [] : [into]) : [s]))),
        ]
        await db
          .updateTable('subscriptions')
          .set({ keywords: next.length > 0 ? JSON.stringify(next) : null })
          .where('subscriber_id', '=', row.subscriber_id)
          .where('newsroom_id', '=', newsroomId)
          .execute()
        changed++
      }
      return changed
    },

    /** How many subscriptions of the newsroom follow the slug. */
    async followerCount(newsroomId: number, slug: string): Promise<number> {
      const rows = await following(newsroomId, slug)
      return rows.filter((row) => (JSON.parse(row.keywords!) as string[]).includes(slug)).length
    },
  }
}

export type KeywordRepository = ReturnType<typeof createKeywordRepository>
