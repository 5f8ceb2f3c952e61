/**
 * The public read model: what readers may see, and nothing more. Pages, feeds, sitemaps, the
 * edge worker and email rendering use these functions, so "not public before its time" is
 * enforced in one place — only releases with status `published` ever leave here.
 *
 * Stable contract (other features rely on it):
 * - `listPublishedReleases(db, { newsroomId?, lang, type?, keyword?, limit, cursor? })` →
 *   `{ items: PublicReleaseSummary[], nextCursor }`, newest `publishedAt` first; only releases
 *   with a version in `lang`; `keyword` is a keyword slug; `cursor` is opaque.
 * - `getPublicRelease(db, newsroomSlug, lang, slug)` → `{ state: 'published', release, newsroom }`,
 *   `{ state: 'withdrawn', … }` or undefined (unknown, draft or scheduled).
 * - `getPublishedReleaseById(db, id)` → the full view of a published release, for notifications.
 * - Paths in results are site-relative (`/fi/newsroom/slug`); prefix `PUBLIC_URL` for absolute URLs.
 * - `bodyHtml` is sanitised when saved and can be inserted as is.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { Lang, ReleaseType } from '../types.js'
import { findNewsroom, listNewsrooms, newsroomName } from '../newsroom/newsrooms.js'
import type { NewsroomView } from '../newsroom/newsrooms.js'
import { makeSlug } from './slug.js'
import { attachmentPath, loadReleaseViews, releasePath } from './views.js'
import type { AttachmentView, KeywordView, ReleaseView } from './views.js'

type Reader = Kysely<Database>

export interface PublicReleaseSummary {
  id: number
  newsroom: { id: number; slug: string; name: string; timezone: string }
  type: ReleaseType
  lang: Lang
  slug: string
  path: string
  title: string
  lead: string
  publishedAt: string
  /** Last change to this language version (edits after publication), for feeds' `updated`. */
  updatedAt: string
  keywords: KeywordView[]
  /** The first image attachment, for cards and feed enclosures. */
  image: Pick<AttachmentView, 'path' | 'mimeType' | 'size' | 'alt'> | null
}

export interface PublishedListQuery {
  newsroomId?: number
  lang: Lang
  type?: ReleaseType
  /** Keyword slug (a label is slugified too). */
  keyword?: string
  limit: number
  cursor?: string
}

const encodeCursor = (publishedAt: string, id: number) =>
  Buffer.from(`${publishedAt}|${id}`).toString('base64url')

function decodeCursor(cursor: string): { publishedAt: string; id: number } | undefined {
  const [publishedAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|')
  if (!publishedAt || !/^\d{4}-\d\d-\d\dT/.test(publishedAt) || !/^\d+$/.test(id ?? ''))
    return undefined
  return { publishedAt, id: Number(id) }
}

export function isValidCursor(cursor: string): boolean {
  return decodeCursor(cursor) !== undefined
}

export async function listPublishedReleases(
  db: Reader,
  query: PublishedListQuery,
): Promise<{ items: PublicReleaseSummary[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(query.limit, 1), 200)
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
    .where('release_versions.lang', '=', query.lang)
  if (query.newsroomId !== undefined) q = q.where('releases.newsroom_id', '=', query.newsroomId)
  if (query.type) q = q.where('releases.type', '=', query.type)
  if (query.keyword) {
    const keyword = makeSlug(query.keyword)
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('release_keywords')
          .innerJoin('keywords', 'keywords.id', 'release_keywords.keyword_id')
          .select('release_keywords.release_id')
          .whereRef('release_keywords.release_id', '=', 'releases.id')
          .where('keywords.slug', '=', keyword),
      ),
    )
  }
  const after = query.cursor ? decodeCursor(query.cursor) : undefined
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
  const rows = await q
    .orderBy('releases.published_at', 'desc')
    .orderBy('releases.id', 'desc')
    .limit(limit + 1)
    .execute()
  const page = rows.slice(0, limit)
  const ids = page.map((r) => r.id)
  const newsroomIds = [...new Set(page.map((r) => r.newsroom_id))]
  const [keywords, images, names] = ids.length
    ? await Promise.all([
        db
          .selectFrom('release_keywords')
          .innerJoin('keywords', 'keywords.id', 'release_keywords.keyword_id')
          .select(['release_keywords.release_id', 'keywords.slug', 'keywords.label'])
          .where('release_keywords.release_id', 'in', ids)
          .orderBy('release_keywords.position')
          .execute(),
        db
          .selectFrom('attachments')
          .select(['release_id', 'storage_key', 'filename', 'mime_type', 'size', 'alt_text'])
          .where('release_id', 'in', ids)
          .where('kind', '=', 'image')
          .orderBy('position')
          .orderBy('id')
          .execute(),
        db
          .selectFrom('newsroom_translations')
          .select(['newsroom_id', 'lang', 'name'])
          .where('newsroom_id', 'in', newsroomIds)
          .execute(),
      ])
    : [[], [], []]
  // The newsroom's name in the page language, else in its default language.
  const nameOf = (newsroomId: number, languages: string) => {
    const mine = names.filter((n) => n.newsroom_id === newsroomId)
    const first = (JSON.parse(languages) as Lang[])[0]
    return (
      (mine.find((n) => n.lang === query.lang) ?? mine.find((n) => n.lang === first))?.name ?? ''
    )
  }
  const items = page.map((row): PublicReleaseSummary => {
    const image = images.find((i) => i.release_id === row.id)
    return {
      id: row.id,
      newsroom: {
        id: row.newsroom_id,
        slug: row.newsroom_slug,
        name: nameOf(row.newsroom_id, row.languages),
        timezone: row.timezone,
      },
      type: row.type,
      lang: query.lang,
      slug: row.slug,
      path: releasePath(query.lang, row.newsroom_slug, row.slug),
      title: row.title,
      lead: row.lead,
      publishedAt: row.published_at!,
      updatedAt: row.updated_at,
      keywords: keywords
        .filter((k) => k.release_id === row.id)
        .map((k) => ({ slug: k.slug, label: k.label })),
      image: image
        ? {
            path: attachmentPath(image.storage_key, image.filename),
            mimeType: image.mime_type,
            size: image.size,
            alt: JSON.parse(image.alt_text) as AttachmentView['alt'],
          }
        : null,
    }
  })
  const last = page[page.length - 1]
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor(last.published_at!, last.id) : null,
  }
}

export type PublicReleaseResult =
  | { state: 'published'; release: ReleaseView; newsroom: NewsroomView }
  | { state: 'withdrawn'; release: ReleaseView; newsroom: NewsroomView }

/** One release page: published or withdrawn; undefined for anything else. */
export async function getPublicRelease(
  db: Reader,
  newsroomSlug: string,
  lang: Lang,
  slug: string,
  /** The newsroom when the caller has already loaded it (saves two queries). */
  known?: NewsroomView,
): Promise<PublicReleaseResult | undefined> {
  if (/^\d+$/.test(newsroomSlug)) return undefined
  const newsroom = known?.slug === newsroomSlug ? known : await findNewsroom(db, newsroomSlug)
  if (!newsroom) return undefined
  const row = await db
    .selectFrom('releases')
    .innerJoin('release_versions', 'release_versions.release_id', 'releases.id')
    .selectAll('releases')
    .where('release_versions.newsroom_id', '=', newsroom.id)
    .where('release_versions.lang', '=', lang)
    .where('release_versions.slug', '=', slug)
    .where('releases.status', 'in', ['published', 'withdrawn'])
    .executeTakeFirst()
  if (!row) return undefined
  const [release] = await loadReleaseViews(db, [row])
  return { state: row.status === 'withdrawn' ? 'withdrawn' : 'published', release, newsroom }
}

/** A published release by id (notifications, feeds); undefined unless public. */
export async function getPublishedReleaseById(
  db: Reader,
  id: number,
): Promise<ReleaseView | undefined> {
  const row = await db
    .selectFrom('releases')
    .selectAll()
    .where('id', '=', id)
    .where('status', '=', 'published')
    .executeTakeFirst()
  if (!row) return undefined
  const [release] = await loadReleaseViews(db, [row])
  return release
}

/** Newsrooms that publish in a language, with their name in it (front page, sitemaps). */
export async function listPublicNewsrooms(db: Reader, lang: Lang) {
  const newsrooms = await listNewsrooms(db)
  return newsrooms
    .filter((n) => n.languages.includes(lang))
    .map((n) => ({ ...n, displayName: newsroomName(n, lang) }))
}

/** Keywords used by published releases of a newsroom in a language, for the filter list. */
export async function listPublicKeywords(
  db: Reader,
  newsroomId: number,
  lang: Lang,
): Promise<KeywordView[]> {
  const rows = await db
    .selectFrom('keywords')
    .innerJoin('release_keywords', 'release_keywords.keyword_id', 'keywords.id')
    .innerJoin('releases', 'releases.id', 'release_keywords.release_id')
    .innerJoin('release_versions', 'release_versions.release_id', 'releases.id')
    .select(['keywords.slug', 'keywords.label'])
    .where('releases.status', '=', 'published')
    .where('releases.newsroom_id', '=', newsroomId)
    .where('release_versions.lang', '=', lang)
    .groupBy(['keywords.slug', 'keywords.label'])
    .orderBy('keywords.label')
    .execute()
  return rows
}

/**
 * A stored file readers may download: an attachment of a published release, or a newsroom logo.
 * Files of drafts, scheduled and withdrawn releases are not served.
 */
export async function findPublicFile(db: Reader, storageKey: string) {
  const file = await db
    .selectFrom('attachments')
    .leftJoin('releases', 'releases.id', 'attachments.release_id')
    .select([
      'attachments.id',
      'attachments.release_id',
      'attachments.filename',
      'attachments.mime_type',
      'attachments.kind',
      'attachments.size',
      'attachments.storage_key',
      'attachments.sha256',
      'attachments.created_at',
      'releases.status',
    ])
    .where('attachments.storage_key', '=', storageKey)
    .executeTakeFirst()
  if (!file) return undefined
  if (file.release_id === null) {
    const logo = await db
      .selectFrom('newsrooms')
      .select('id')
      .where('logo_attachment_id', '=', file.id)
      .executeTakeFirst()
    return logo ? file : undefined
  }
  return file.status === 'published' ? file : undefined
}

/**
 * A published or withdrawn release of a newsroom whose version in *any* language has this slug,
 * for readers who changed the language in the address by hand: the page then redirects to the
 * right version. Undefined for anything not public.
 */
export async function findPublicReleaseBySlug(
  db: Reader,
  newsroomId: number,
  slug: string,
): Promise<ReleaseView | undefined> {
  const row = await db
    .selectFrom('releases')
    .innerJoin('release_versions', 'release_versions.release_id', 'releases.id')
    .selectAll('releases')
    .where('release_versions.newsroom_id', '=', newsroomId)
    .where('release_versions.slug', '=', slug)
    .where('releases.status', 'in', ['published', 'withdrawn'])
    .orderBy('releases.published_at', 'desc')
    .executeTakeFirst()
  if (!row) return undefined
  const [release] = await loadReleaseViews(db, [row])
  return release
}
