/**
 * Full-text search over published release versions in one language (see 0008-search): on
 * PostgreSQL with the version's `tsvector` and a prefix query in the language's configuration,
 * on SQLite with the FTS5 table of Snowball stems. Both rank the best match first.
 */
import { PostgresAdapter, sql } from 'kysely'
import type { Lang } from '../../core/types.js'
import type { Executor } from './index.js'

export interface SearchQuery {
  lang: Lang
  /** The words as typed (PostgreSQL stems them itself). */
  words: string[]
  /** The same words as Snowball stems (SQLite's index holds stems). */
  stems: string[]
  newsroomId?: number
  limit: number
  offset: number
}

export interface SearchHit {
  release_id: number
  newsroom_id: number
  newsroom_slug: string
  languages: string
  timezone: string
  type: string
  published_at: string | null
  slug: string
  title: string
  lead: string
  body_md: string
}

const CONFIG = { fi: 'finnish', sv: 'swedish', en: 'english' } as const

export function createSearchRepository(db: Executor) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter

  const published = (query: SearchQuery) => {
    let q = db
      .selectFrom('release_versions')
      .innerJoin('releases', 'releases.id', 'release_versions.release_id')
      .innerJoin('newsrooms', 'newsrooms.id', 'releases.newsroom_id')
      .select([
        'releases.id as release_id',
        'newsrooms.id as newsroom_id',
        'newsrooms.slug as newsroom_slug',
        'newsrooms.languages',
        'newsrooms.timezone',
        'releases.type',
        'releases.published_at',
        'release_versions.slug',
        'release_versions.title',
        'release_versions.lead',
        'release_versions.body_md',
      ])
      .where('releases.status', '=', 'published')
      .where('release_versions.lang', '=', query.lang)
    if (query.newsroomId !== undefined) q = q.where('releases.newsroom_id', '=', query.newsroomId)
    return q
  }

  return {
    /** One page of matching versions, best first; also whether there is a next page. */
    async search(query: SearchQuery): Promise<SearchHit[]> {
      if (postgres) {
        // Each word a prefix of a stem, all of them required: "strategiaa" → strategia:*.
        const tsquery = query.words.map((word) => `${word}:*`).join(' & ')
        const config = sql.lit(CONFIG[query.lang])
        const match = sql`to_tsquery(${config}::regconfig, ${tsquery})`
        return published(query)
          .where(sql<boolean>`release_versions.search @@ ${match}`)
          .orderBy(sql`ts_rank(release_versions.search, ${match})`, 'desc')
          .orderBy('releases.published_at', 'desc')
          .limit(query.limit)
          .offset(query.offset)
          .execute() as Promise<SearchHit[]>
      }
      // FTS5: each stem a prefix, quoted so that no query syntax reaches the parser.
      const match = query.stems.map((stem) => `"${stem.replaceAll('"', '')}"*`).join(' AND ')
      return published(query)
        .innerJoin(
          sql<{
            version_id: number
            rank: number
          }>`(select version_id, bm25(release_search) as rank from release_search where release_search match ${match})`.as(
            'hits',
          ),
          'hits.version_id',
          'release_versions.id',
        )
        .orderBy(sql`hits.rank`)
        .orderBy('releases.published_at', 'desc')
        .limit(query.limit)
        .offset(query.offset)
        .execute() as Promise<SearchHit[]>
    },
  }
}

export type SearchRepository = ReturnType<typeof createSearchRepository>
