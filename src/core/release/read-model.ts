/**
 * The public read model: what readers may see, and nothing more. Pages, feeds, sitemaps, the
 * edge worker and email rendering use these functions, so "not public before its time" is
 * enforced in one place — only releases with status `published` ever leave here.
 *
 * Stable contract (other features rely on it):
 * Each takes the repositories of the read connection (`readRepos`).
 *
 * - `listPublishedReleases(repos, { newsroomId?, lang, type?, keyword?, limit, cursor? })` →
 *   `{ items: PublicReleaseSummary[], nextCursor }`, newest `publishedAt` first; only releases
 *   with a version in `lang`; `keyword` is a keyword slug; `cursor` is opaque.
 * - `getPublicRelease(repos, newsroomSlug, lang, slug)` → `{ state: 'published', release, newsroom }`,
 *   `{ state: 'withdrawn', … }` or undefined (unknown, draft or scheduled).
 * - `getPublishedReleaseById(repos, id)` → the full view of a published release, for notifications.
 * - Paths in results are site-relative (`/fi/newsroom/slug`); prefix `PUBLIC_URL` for absolute URLs.
 * - `bodyHtml` is sanitised when saved and can be inserted as is.
 */
import { keywordsIn, labelIn, parseLabels } from '../keywords/terms.js'
import type { KeywordLabels } from '../keywords/terms.js'
import type { Repositories } from '../../db/repositories/index.js'
import type { Lang, ReleaseType } from '../types.js'
import { findNewsroom, listNewsrooms, newsroomName } from '../newsroom/newsrooms.js'
import type { NewsroomView } from '../newsroom/newsrooms.js'
import { makeSlug } from './slug.js'
import { attachmentPath, loadReleaseViews, releasePath } from './views.js'
import { renditionFilename } from '../media/views.js'
import type { AttachmentView, KeywordView, ReleaseView } from './views.js'

/**
 * The repositories the read model reads through (the read connection's, for public pages).
 */
export type PublicReader = Pick<Repositories, 'newsrooms' | 'publicReleases' | 'releaseViews'>

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
  /**
   * The lead image for cards and feed enclosures: `path` is its largest web rendition (at most
   * 1200 px wide), `srcset` all of them.
   */
  image: {
    path: string
    mimeType: string
    size: number
    width: number
    height: number
    srcset: string
    alt: AttachmentView['alt']
  } | null
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
  reader: PublicReader,
  query: PublishedListQuery,
): Promise<{ items: PublicReleaseSummary[]; nextCursor: string | null }> {
  const repos = reader
  const limit = Math.min(Math.max(query.limit, 1), 200)
  const rows = await repos.publicReleases.listPublished({
    newsroomId: query.newsroomId,
    lang: query.lang,
    type: query.type,
    keywordSlug: query.keyword ? makeSlug(query.keyword) : undefined,
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
    limit: limit + 1,
  })
  const page = rows.slice(0, limit)
  const { keywords, images, names } = await repos.publicReleases.summaryParts(
    page.map((r) => r.id),
    [...new Set(page.map((r) => r.newsroom_id))],
  )
  // The newsroom's name in the page language, else in its default language.
  const nameOf = (newsroomId: number, languages: string) => {
    const mine = names.filter((n) => n.newsroom_id === newsroomId)
    const first = (JSON.parse(languages) as Lang[])[0]
    return (
      (mine.find((n) => n.lang === query.lang) ?? mine.find((n) => n.lang === first))?.name ?? ''
    )
  }
  const items = page.map((row): PublicReleaseSummary => {
    const sizes = images.filter((i) => i.release_id === row.id)
    const image = sizes.at(-1)
    const pathOf = (r: (typeof sizes)[number]) =>
      attachmentPath(r.storage_key, renditionFilename(r.filename, r.width, r.mime_type))
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
      keywords: keywordsIn(
        keywords
          .filter((k) => k.release_id === row.id)
          .map((k) => ({ slug: k.slug, labels: parseLabels(k.labels) })),
        query.lang,
        JSON.parse(row.languages) as Lang[],
      ),
      image: image
        ? {
            path: pathOf(image),
            mimeType: image.mime_type,
            size: image.size,
            width: image.width,
            height: image.height,
            srcset: sizes.map((r) => `${pathOf(r)} ${r.width}w`).join(', '),
            // Alternative text, else the caption: a card image needs words for screen readers.
            alt: {
              ...JSON.parse(image.caption),
              ...JSON.parse(image.alt_text),
            } as AttachmentView['alt'],
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

/** Of these languages, those some published release is written in; in the order given. */
export async function languagesWithPublicReleases(
  repos: Pick<Repositories, 'publicReleases'>,
  langs: Lang[],
): Promise<Lang[]> {
  const used = new Set(await repos.publicReleases.languagesInUse(langs))
  return langs.filter((lang) => used.has(lang))
}

export type PublicReleaseResult =
  | { state: 'published'; release: ReleaseView; newsroom: NewsroomView }
  | { state: 'withdrawn'; release: ReleaseView; newsroom: NewsroomView }

/** One release page: published or withdrawn; undefined for anything else. */
export async function getPublicRelease(
  reader: PublicReader,
  newsroomSlug: string,
  lang: Lang,
  slug: string,
  /** The newsroom when the caller has already loaded it (saves two queries). */
  known?: NewsroomView,
): Promise<PublicReleaseResult | undefined> {
  if (/^\d+$/.test(newsroomSlug)) return undefined
  const repos = reader
  const newsroom = known?.slug === newsroomSlug ? known : await findNewsroom(repos, newsroomSlug)
  if (!newsroom) return undefined
  const row = await repos.publicReleases.findPublicVersion(newsroom.id, lang, slug)
  if (!row) return undefined
  const [release] = await loadReleaseViews(repos, [row])
  return { state: row.status === 'withdrawn' ? 'withdrawn' : 'published', release, newsroom }
}

/** A published release by id (notifications, feeds); undefined unless public. */
export async function getPublishedReleaseById(
  reader: PublicReader,
  id: number,
): Promise<ReleaseView | undefined> {
  const repos = reader
  const row = await repos.publicReleases.findPublishedById(id)
  if (!row) return undefined
  const [release] = await loadReleaseViews(repos, [row])
  return release
}

/** Newsrooms that publish in a language, with their name in it (front page, sitemaps). */
export async function listPublicNewsrooms(reader: PublicReader, lang: Lang) {
  const newsrooms = await listNewsrooms(reader)
  return newsrooms
    .filter((n) => n.languages.includes(lang))
    .map((n) => ({ ...n, displayName: newsroomName(n, lang) }))
}

/**
 * Keywords used by published releases of a newsroom in a language, for the filter list and the
 * subscribe form: labelled in that language (else the newsroom's first), in its collation order.
 */
export async function listPublicKeywords(
  reader: PublicReader,
  newsroom: { id: number; languages: Lang[] },
  lang: Lang,
): Promise<KeywordView[]> {
  const rows = await reader.publicReleases.keywordsInUse(newsroom.id, lang)
  return keywordsIn(
    rows.map((row) => ({ slug: row.slug, labels: parseLabels(row.labels) })),
    lang,
    newsroom.languages,
  )
}

/**
 * A stored file readers may download: an attachment of a published release, or a newsroom logo.
 * Files of drafts, scheduled and withdrawn releases are not served.
 */
export async function findPublicFile(reader: PublicReader, storageKey: string) {
  const repos = reader
  const found = await repos.publicReleases.findFile(storageKey)
  if (!found) return undefined
  const isPublic =
    found.release_id !== null
      ? found.status === 'published'
      : found.in_bank === 1 ||
        (await repos.publicReleases.isNewsroomLogo(found.id)) ||
        (await repos.publicReleases.isContactPhoto(found.id))
  if (!isPublic) return undefined
  return servedFile(found)
}

/** A stored file as served: a rendition as a file of its own (type, size, digest, a name). */
export function servedFile<
  T extends {
    storage_key: string
    mime_type: string
    size: number
    sha256: string
    filename: string
    rendition?: {
      storage_key: string
      mime_type: string
      size: number
      sha256: string
      width: number
    } | null
  },
>(found: T): T {
  const { rendition } = found
  if (!rendition) return found
  // A rendition is served as a file of its own: its type, size, digest and a name of its width.
  return {
    ...found,
    storage_key: rendition.storage_key,
    mime_type: rendition.mime_type,
    size: rendition.size,
    sha256: rendition.sha256,
    filename: renditionFilename(found.filename, rendition.width, rendition.mime_type),
  }
}

/**
 * A published or withdrawn release of a newsroom whose version in *any* language has this slug,
 * for readers who changed the language in the address by hand: the page then redirects to the
 * right version. Undefined for anything not public.
 */
export async function findPublicReleaseBySlug(
  reader: PublicReader,
  newsroomId: number,
  slug: string,
): Promise<ReleaseView | undefined> {
  const repos = reader
  const row = await repos.publicReleases.findPublicInAnyLanguage(newsroomId, slug)
  if (!row) return undefined
  const [release] = await loadReleaseViews(repos, [row])
  return release
}

/** The body HTML of each release's version in a language (feeds carry the full text). */
export async function loadPublishedBodies(
  repos: Pick<Repositories, 'publicReleases'>,
  releaseIds: number[],
  lang: Lang,
): Promise<Map<number, string>> {
  return repos.publicReleases.bodies(releaseIds, lang)
}

/**
 * What a subscriber of these newsrooms may choose from in the preference centre: the keywords in
 * use, and those they already follow (so that they can be unchosen), labelled in `lang`.
 */
export async function subscriptionKeywordChoices(
  reader: PublicReader & Pick<Repositories, 'keywords'>,
  newsrooms: { id: number; languages: Lang[] }[],
  lang: Lang,
  chosen: string[],
): Promise<KeywordView[]> {
  const bySlug = new Map<string, { slug: string; labels: KeywordLabels }>()
  for (const newsroom of newsrooms) {
    for (const row of await reader.publicReleases.keywordsInUse(newsroom.id, lang))
      if (!bySlug.has(row.slug))
        bySlug.set(row.slug, { slug: row.slug, labels: parseLabels(row.labels) })
    const missing = chosen.filter((slug) => !bySlug.has(slug))
    for (const row of await reader.keywords.findBySlugs(newsroom.id, missing))
      bySlug.set(row.slug, { slug: row.slug, labels: parseLabels(row.labels) })
  }
  return keywordsIn([...bySlug.values()], lang, newsrooms[0]?.languages ?? [])
}

/** The label in `lang` of a keyword some published release has (of the newsroom, if given). */
export async function findPublicKeywordLabel(
  repos: Pick<Repositories, 'publicReleases'>,
  slug: string,
  lang: Lang,
  newsroomId?: number,
): Promise<string | undefined> {
  const labels = await repos.publicReleases.publishedKeywordLabels(slug, newsroomId)
  return labels ? labelIn(parseLabels(labels), lang, [], slug) : undefined
}

/**
 * When anything a feed of this newsroom (or of all newsrooms) shows last changed: a release
 * published, edited, re-typed or withdrawn, or the newsroom renamed. Taken over the whole
 * newsroom rather than the feed's filters, so that a release leaving a filtered feed (its type
 * or keywords edited, or withdrawn) still moves the date forward. The same in every process,
 * so Last-Modified and If-Modified-Since agree behind a load balancer.
 */
export async function lastPublicChange(
  repos: Pick<Repositories, 'publicReleases'>,
  newsroomId?: number,
): Promise<Date> {
  const times = (await repos.publicReleases.lastChanges(newsroomId)).filter(
    (t): t is string => typeof t === 'string',
  )
  const latest = times.sort().at(-1)
  return latest ? new Date(latest) : new Date(0)
}

/** Every language version of the newest published releases, for the sitemap. */
export async function listPublishedVersions(
  repos: Pick<Repositories, 'publicReleases'>,
  limit: number,
) {
  return repos.publicReleases.sitemapVersions(limit)
}
