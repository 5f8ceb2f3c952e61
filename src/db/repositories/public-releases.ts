/**
 * The queries of the public read model (pages, feeds, sitemap, files). Every one of them lets
 * through only what readers may see: releases with status `published` (and, where a page
 * explains a withdrawal, `withdrawn`), their files, and newsroom logos.
 */
import { sql } from 'kysely'
import type { Lang, ReleaseType } from '../../core/types.js'
import type { Release } from '../schema.js'
import { taggedWith } from './release-filters.js'
import type { Executor } from './index.js'

export interface PublishedListFilter {
  newsroomId?: number
  lang: Lang
  type?: ReleaseType
  keywordSlug?: string
  /** Keyset position: releases published before this one (same time: lower id). */
  after?: { publishedAt: string; id: number }
  limit: number
}

export function createPublicReleaseRepository(db: Executor) {
  /** A published or withdrawn release whose version (in `lang`, or any) has this slug. */
  const findBySlug = (newsroomId: number, slug: string, lang?: Lang) => {
    let query = db
      .selectFrom('releases')
      .innerJoin('release_versions', 'release_versions.release_id', 'releases.id')
      .selectAll('releases')
      .where('release_versions.newsroom_id', '=', newsroomId)
    if (lang !== undefined) query = query.where('release_versions.lang', '=', lang)
    return query
      .where('release_versions.slug', '=', slug)
      .where('releases.status', 'in', ['published', 'withdrawn'])
  }

  return {
    /** A page of published releases with their version in `filter.lang`, newest first. */
    listPublished(filter: PublishedListFilter) {
      let q = db
        .selectFrom('releases')
        .innerJoin('release_versions', 'release_versions.release_id', 'releases.id')
        .innerJoin('newsrooms', 'newsrooms.id', 'releases.newsroom_id')
        .select([
          'releases.id',
          'releases.type',
          'releases.published_at',
          'release_versions.slug',
          'release_versions.title',
          'release_versions.lead',
          'release_versions.updated_at',
          'newsrooms.id as newsroom_id',
          'newsrooms.slug as newsroom_slug',
          'newsrooms.timezone',
          'newsrooms.languages',
        ])
        .where('releases.status', '=', 'published')
        .where('release_versions.lang', '=', filter.lang)
      if (filter.newsroomId !== undefined)
        q = q.where('releases.newsroom_id', '=', filter.newsroomId)
      if (filter.type) q = q.where('releases.type', '=', filter.type)
      const keyword = filter.keywordSlug
      if (keyword !== undefined) {
        q = q.where(taggedWith(keyword))
      }
      const after = filter.after
      if (after) {
        q = q.where((eb) =>
          eb.or([
            eb('releases.published_at', '<', after.publishedAt),
            eb.and([
              eb('releases.published_at', '=', after.publishedAt),
              eb('releases.id', '<', after.id),
            ]),
          ]),
        )
      }
      return q
        .orderBy('releases.published_at', 'desc')
        .orderBy('releases.id', 'desc')
        .limit(filter.limit)
        .execute()
    },

    /** Which of these languages some published release has a version in. */
    async languagesInUse(langs: Lang[]): Promise<Lang[]> {
      if (langs.length === 0) return []
      const rows = await db
        .selectFrom('release_versions')
        .innerJoin('releases', 'releases.id', 'release_versions.release_id')
        .select('release_versions.lang')
        .distinct()
        .where('releases.status', '=', 'published')
        .where('release_versions.lang', 'in', langs)
        .execute()
      return rows.map((row) => row.lang)
    },

    /** What a listing shows beside each release: keywords, images, newsroom names. */
    async summaryParts(releaseIds: number[], newsroomIds: number[]) {
      if (releaseIds.length === 0) return { keywords: [], images: [], names: [] }
      const [keywords, images, names] = await Promise.all([
        db
          .selectFrom('release_terms')
          .innerJoin('keyword_terms', 'keyword_terms.id', 'release_terms.term_id')
          .select(['release_terms.release_id', 'keyword_terms.slug', 'keyword_terms.labels'])
          .where('release_terms.release_id', 'in', releaseIds)
          .orderBy('release_terms.position')
          .execute(),
        // Each release's lead image with its renditions (one row per rendition).
        db
          .selectFrom('releases')
          .innerJoin('attachments', 'attachments.id', 'releases.lead_image_id')
          .innerJoin('image_renditions', 'image_renditions.attachment_id', 'attachments.id')
          .select([
            'releases.id as release_id',
            'attachments.filename',
            'attachments.alt_text',
            'attachments.caption',
            'image_renditions.storage_key',
            'image_renditions.mime_type',
            'image_renditions.size',
            'image_renditions.width',
            'image_renditions.height',
          ])
          .where('releases.id', 'in', releaseIds)
          .orderBy('image_renditions.width')
          .execute(),
        db
          .selectFrom('newsroom_translations')
          .select(['newsroom_id', 'lang', 'name'])
          .where('newsroom_id', 'in', newsroomIds)
          .execute(),
      ])
      return { keywords, images, names }
    },

    /** The body of each release's version in `lang`. */
    async bodies(releaseIds: number[], lang: Lang): Promise<Map<number, string>> {
      if (releaseIds.length === 0) return new Map()
      const rows = await db
        .selectFrom('release_versions')
        .select(['release_id', 'body_html'])
        .where('release_id', 'in', releaseIds)
        .where('lang', '=', lang)
        .execute()
      return new Map(rows.map((r) => [r.release_id, r.body_html]))
    },

    /** The published or withdrawn release of a newsroom with this slug in `lang`. */
    findPublicVersion(newsroomId: number, lang: Lang, slug: string): Promise<Release | undefined> {
      return findBySlug(newsroomId, slug, lang).executeTakeFirst()
    },

    /** Like findPublicVersion, for a slug in any language; the latest published first. */
    findPublicInAnyLanguage(newsroomId: number, slug: string): Promise<Release | undefined> {
      return findBySlug(newsroomId, slug)
        .orderBy('releases.published_at', 'desc')
        .executeTakeFirst()
    },

    findPublishedById(id: number): Promise<Release | undefined> {
      return db
        .selectFrom('releases')
        .selectAll()
        .where('id', '=', id)
        .where('status', '=', 'published')
        .executeTakeFirst()
    },

    /** Keyword terms of a newsroom's published releases in a language (labels as JSON). */
    keywordsInUse(newsroomId: number, lang: Lang): Promise<{ slug: string; labels: string }[]> {
      return db
        .selectFrom('keyword_terms')
        .innerJoin('release_terms', 'release_terms.term_id', 'keyword_terms.id')
        .innerJoin('releases', 'releases.id', 'release_terms.release_id')
        .innerJoin('release_versions', 'release_versions.release_id', 'releases.id')
        .select(['keyword_terms.slug', 'keyword_terms.labels'])
        .where('releases.status', '=', 'published')
        .where('releases.newsroom_id', '=', newsroomId)
        .where('release_versions.lang', '=', lang)
        .groupBy(['keyword_terms.slug', 'keyword_terms.labels'])
        .execute()
    },

    /**
     * The labels (JSON) of the term with this slug that some published release carries, in the
     * newsroom or in any; drafts must not reveal theirs.
     */
    async publishedKeywordLabels(slug: string, newsroomId?: number): Promise<string | undefined> {
      let query = db
        .selectFrom('keyword_terms')
        .innerJoin('release_terms', 'release_terms.term_id', 'keyword_terms.id')
        .innerJoin('releases', 'releases.id', 'release_terms.release_id')
        .select('keyword_terms.labels')
        .where('keyword_terms.slug', '=', slug)
        .where('releases.status', '=', 'published')
      if (newsroomId !== undefined)
        query = query.where('keyword_terms.newsroom_id', '=', newsroomId)
      const row = await query.limit(1).executeTakeFirst()
      return row?.labels
    },

    /**
     * A stored file — an original or one of an image's renditions — with what decides whether
     * it is public: its release's status, whether it is in the media bank.
     */
    async findFile(storageKey: string) {
      const base = db
        .selectFrom('attachments')
        .leftJoin('releases', 'releases.id', 'attachments.release_id')
        .select([
          'attachments.id',
          'attachments.release_id',
          'attachments.in_bank',
          'attachments.filename',
          'attachments.mime_type',
          'attachments.kind',
          'attachments.size',
          'attachments.storage_key',
          'attachments.sha256',
          'attachments.created_at',
          'releases.status',
        ])
      const original = await base
        .where('attachments.storage_key', '=', storageKey)
        .where('attachments.kind', '!=', 'link')
        .executeTakeFirst()
      if (original) return { ...original, rendition: null }
      const rendition = await db
        .selectFrom('image_renditions')
        .selectAll()
        .where('storage_key', '=', storageKey)
        .executeTakeFirst()
      if (!rendition) return undefined
      const parent = await base
        .where('attachments.id', '=', rendition.attachment_id)
        .executeTakeFirst()
      return parent ? { ...parent, rendition } : undefined
    },

    async isContactPhoto(attachmentId: number): Promise<boolean> {
      const row = await db
        .selectFrom('contacts')
        .select('id')
        .where('photo_id', '=', attachmentId)
        .where('in_directory', '=', 1)
        .executeTakeFirst()
      return row !== undefined
    },

    async isNewsroomLogo(attachmentId: number): Promise<boolean> {
      const row = await db
        .selectFrom('newsrooms')
        .select('id')
        .where('logo_attachment_id', '=', attachmentId)
        .executeTakeFirst()
      return row !== undefined
    },

    /**
     * The latest `updated_at` of the published and withdrawn releases and of the newsrooms
     * (of one newsroom, or of all).
     */
    async lastChanges(newsroomId?: number): Promise<unknown[]> {
      let releases = db
        .selectFrom('releases')
        .select((eb) => eb.fn.max('updated_at').as('at'))
        .where('status', 'in', ['published', 'withdrawn'])
      let newsrooms = db.selectFrom('newsrooms').select((eb) => eb.fn.max('updated_at').as('at'))
      if (newsroomId !== undefined) {
        releases = releases.where('newsroom_id', '=', newsroomId)
        newsrooms = newsrooms.where('id', '=', newsroomId)
      }
      const [r, n] = await Promise.all([releases.executeTakeFirst(), newsrooms.executeTakeFirst()])
      return [r?.at, n?.at]
    },

    /** Every language version of the newest published releases, for the sitemap. */
    sitemapVersions(limit: number) {
      return db
        .selectFrom('releases')
        .innerJoin('release_versions', 'release_versions.release_id', 'releases.id')
        .innerJoin('newsrooms', 'newsrooms.id', 'releases.newsroom_id')
        .select([
          'releases.id',
          'releases.newsroom_id',
          'releases.published_at',
          'newsrooms.slug as newsroom_slug',
          'release_versions.lang',
          'release_versions.slug',
          'release_versions.updated_at',
        ])
        .where('releases.status', '=', 'published')
        .orderBy('releases.published_at', 'desc')
        .orderBy('releases.id', 'desc')
        .limit(limit)
        .execute()
    },

    /** A cheap round trip, for health checks. */
    async ping(): Promise<void> {
      await sql`select 1`.execute(db)
    },
  }
}

export type PublicReleaseRepository = ReturnType<typeof createPublicReleaseRepository>
